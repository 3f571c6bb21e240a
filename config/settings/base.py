"""Settings shared by every environment; each value can be overridden from the environment.

Every variable read here is documented in ``.env.example``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "core",
    "demo",
    "home",
    "news",
    "registry.catalogue",
    "registry.competitions",
    "registry.producers",
    "programmes",
    "programmes.training",
    "search",
    # Page translation (English versions of products, villages, artisans, news; PO export/import): core/translation.py
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: Settings → Locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "core.users_app.UsersConfig",  # wagtail.users with a folded user search
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.PrivateCookieAnswersMiddleware",  # outside the session middleware: cookie answers not public
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.query_guard.RequestGuardMiddleware",  # control characters in the path, cookies, query
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.redirects.LocalizedRedirectMiddleware",  # Wagtail's, and old addresses under /en/ too
    "core.page_cache.AnonymousPageCacheMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.security.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers take the lock when their transaction starts and wait up to 20 s: concurrent submits queue up
    # (then get a clear 409) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Login throttling (django-axes) on every login form: LOGIN_FAILURE_LIMIT wrong passwords for one account from one
# IP address are answered normally; the next one locks that account from that address (not the address: a
# cooperative's office shares one) for LOGIN_LOCKOUT_MINUTES (HTTP 429, Vietnamese page). One address failing
# LOGIN_ADDRESS_FAILURE_LIMIT times over any accounts, or one account LOGIN_ACCOUNT_FAILURE_LIMIT times from any
# addresses, is locked too (core.security.LoginLockoutHandler); a successful login resets its pair's count; staff
# unlock under Settings → Khoá đăng nhập.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT + 1  # axes locks on the attempt that reaches its limit
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "core.security.LoginLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
# The visitor's address: REMOTE_ADDR, or behind PROXY_COUNT reverse proxies the X-Forwarded-For entry that the
# outermost trusted proxy added, counted from the right so that a visitor cannot forge it (core/security.py).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_VERBOSE = False
# The producers' portal (registry/producers): its sign-in is throttled by axes like every login form; sign-up,
# resending the verification e-mail and password-reset requests by django-ratelimit (registry/producers/throttling.py)
# per address (the same client_ip as axes) and per e-mail address typed, answering 429 past either rate.
RATELIMIT_IP_META_KEY = "core.security.client_ip"
PRODUCER_FORM_RATE_IP = env("PRODUCER_FORM_RATE_IP", default="10/h")
PRODUCER_FORM_RATE_ACCOUNT = env("PRODUCER_FORM_RATE_ACCOUNT", default="3/h")
PRODUCER_INVITATION_DAYS = env.int("PRODUCER_INVITATION_DAYS", default=14)  # how long a staff invitation link works
PRODUCER_EXPIRY_WARNING_DAYS = 90  # the dashboard marks certificates expiring within this many days
PRODUCER_DOSSIER_MAX_BYTES = env.int("PRODUCER_DOSSIER_MAX_BYTES", default=10 * 1024 * 1024)  # per uploaded file
PRODUCER_DOSSIER_MAX_FILES = 20  # files per application
# A docx/xlsx/odt/ods dossier file unpacking to more than this, or compressed more than the ratio: a zip bomb, refused.
PRODUCER_DOSSIER_MAX_UNZIPPED_BYTES = env.int("PRODUCER_DOSSIER_MAX_UNZIPPED_BYTES", default=100 * 1024 * 1024)
PRODUCER_DOSSIER_MAX_ZIP_RATIO = 200  # unpacked / packed size of the whole archive (documents: 3–30)
PRODUCER_REMINDER_DAYS = (90, 30)  # certificate-expiry reminders (manage.py send_certificate_reminders, daily cron)

# Languages: Vietnamese is the default (no URL prefix), English lives under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# locale/ holds the project's English; locale_admin/ our Vietnamese for Django's and Wagtail's admin strings (LOCALE_PATHS
# win over the apps' catalogs; makemessages writes only to locale/, the first entry).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
# Dates typed and shown as 29/11/2026 in the admin and in forms, in both languages (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin_forms.LoginForm"  # a translated "Password" label
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Pages may have English translations (wagtail-localize, see core/translation.py): the Vietnamese tree is the one
# routed in both languages, translations are laid over it under /en/.
# Their names are translated: the admin (wagtail-localize's "Bản dịch từ Tiếng Việt sang Tiếng Anh", locale labels)
# speaks the editor's language.
WAGTAIL_CONTENT_LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Starting a translation ("Dịch", "Đồng bộ bản dịch" without "Xuất bản ngay") makes the English copy a draft:
# wagtail-localize would otherwise publish it at once, live like its source and still in Vietnamese. It goes public
# when someone allowed to publish publishes it, or approves it after "Gửi duyệt" (core/admin_localize.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Number formats per language (config/formats/<lang>/formats.py): 1.234.567,5 in Vietnamese, 1,234,567.5 in English.
# Grouping is asked for by the `number` template filter; USE_THOUSAND_SEPARATOR stays off so that ids and years in
# URLs and attributes are never grouped.
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Dossier files of competition entries: outside MEDIA_ROOT and never served by URL (registry/competitions/storage.py)
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))


def media_storage():
    """Where uploads (images, their renditions, documents) live: ``MEDIA_ROOT`` on this machine, or with
    ``MEDIA_STORAGE=s3`` an S3-compatible object store that every node shares (django-storages' ``S3Storage``:
    ``pip install "django-storages[s3]"``, not a dependency of the project; README "Scale"). Files are read from
    the bucket's address (``S3_CUSTOM_DOMAIN`` or ``S3_ENDPOINT_URL``/bucket), without signed query strings."""
    if env("MEDIA_STORAGE", default="filesystem") != "s3":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": env("S3_BUCKET"),
        "endpoint_url": env("S3_ENDPOINT_URL", default=None),
        "region_name": env("S3_REGION", default=None),
        "access_key": env("S3_ACCESS_KEY_ID", default=None),
        "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
        "custom_domain": env("S3_CUSTOM_DOMAIN", default=None),
        "querystring_auth": False,
        "file_overwrite": False,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {k: v for k, v in options.items() if v not in (None, "")},
    }


def media_origin(storage):
    """The origin pictures are loaded from when they are not on this site (for the CSP's ``img-src``), or ""."""
    options = storage.get("OPTIONS", {})
    if options.get("custom_domain"):
        return "https://" + options["custom_domain"].split("/")[0]
    return "/".join(options["endpoint_url"].split("/")[:3]) if options.get("endpoint_url") else ""


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "backups")))

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Trung tâm Khuyến công <khuyencong@localhost>")


# One cache shared by every process (web workers, management commands, the task worker), so that the page cache's
# invalidation reaches them all: a file cache by default, Redis (redis://…) on several machines.
# Several machines (README "Scale"): CACHE_URL=redis://host:6379/1 (Django's RedisCache, the `redis` package).
def shared_cache(default_url):
    """The ``default`` cache from ``CACHE_URL`` (else ``default_url``): a file or local-memory cache holds at most
    ``CACHE_MAX_ENTRIES`` keys (default 5000); Redis evicts by its own ``maxmemory`` policy and takes no such
    option (its OPTIONS are the client's connection arguments)."""
    config = env.cache("CACHE_URL", default=default_url)
    if config["BACKEND"].endswith(("FileBasedCache", "LocMemCache")):
        config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=5000))
    return config


CACHES = {"default": shared_cache(f"filecache://{BASE_DIR / '.cache'}")}


def renditions_cache(default):
    """Wagtail's rendition cache (the alias ``renditions``: which file serves which picture size), kept apart from
    the page cache so that neither evicts the other: the default cache's backend in its own directory (file
    cache) or under its own key prefix (Redis, Memcached), with no expiry (a rendition changes only when its image
    does, and Wagtail then deletes it from this cache). RENDITIONS_CACHE_URL chooses another backend."""
    if env("RENDITIONS_CACHE_URL", default=""):
        return env.cache("RENDITIONS_CACHE_URL")
    alias = {**default, "OPTIONS": dict(default.get("OPTIONS", {})), "TIMEOUT": None}
    if alias["BACKEND"].endswith("FileBasedCache"):
        # Wagtail writes every rendition it reads back to the cache: this file cache skips unchanged values.
        alias["BACKEND"] = "core.cache.RenditionFileCache"
        alias["LOCATION"] = str(Path(alias["LOCATION"]) / "renditions")
    else:
        alias["KEY_PREFIX"] = "renditions"
    return alias


CACHES["renditions"] = renditions_cache(CACHES["default"])
# Rendered public pages are cached for anonymous visitors (core/page_cache.py): how long a copy lives, how long
# browsers may keep one, and the models whose rows appear on public pages (a write to any of them, or to any page of
# an app listed as "app.*", starts a new generation). Every model of the project is classified here or in
# PAGE_CACHE_PRIVATE_MODELS (tests/test_page_cache.py checks it), so a new model cannot be forgotten.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=0)
# Open-data downloads are written once per data version into this directory and streamed from it (one per node;
# registry/catalogue/opendata_files.py). Empty: a directory in the system's temporary directory.
OPEN_DATA_ROOT = env("OPEN_DATA_ROOT", default="")
SITEMAP_PAGE_SIZE = env.int("SITEMAP_PAGE_SIZE", default=2000)  # records per sitemap page (core/sitemaps.py)
PAGE_CACHE_PUBLIC_MODELS = {
    "core.sitesettings",
    "home.*",
    "news.*",
    "catalogue.*",
    "programmes.*",
    "training.*",  # courses, their registrations (seats, number trained) and collaborators (/cong-tac-vien/)
    "competitions.competition",
    "competitions.competitionindexpage",
    "competitions.entry",
    "competitions.rubric",
    "competitions.criterion",
    "competitions.resultsamendment",
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.locale",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
    "taggit.tag",
    "taggit.taggeditem",
}
# Models of the project's apps that never appear on a public page (or appear only once frozen by publication).
PAGE_CACHE_PRIVATE_MODELS = {
    "core.pagecachegeneration",
    "competitions.auditentry",
    "competitions.entrydocument",
    "competitions.juror",
    "competitions.assignment",
    "competitions.conflict",
    "competitions.noconflictstatement",
    "competitions.scoresheet",
    "competitions.score",
    "producers.produceraccount",
    "producers.producerclaim",
    "producers.producerinvitation",
    "producers.application",
    "producers.applicationdocument",
    "producers.applicationevent",
    "producers.certificatereminder",
    "producers.applicationversion",
}

# Background work (search index updates, reminder e-mails): django-tasks, run in-process by default (TASKS_BACKEND
# "immediate"); "database" (django-tasks-db: tasks are rows written in the transaction of the change that queued
# them, run by `manage.py db_worker`) on several machines, or a backend's dotted path.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
_tasks_backend = env("TASKS_BACKEND", default="immediate").strip()
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_tasks_backend, _tasks_backend)}}
if TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
    INSTALLED_APPS.append("django_tasks_db")  # its table of queued tasks and the db_worker command

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_SHORT_NAME", default="Khuyến công")  # the admin's name for the site
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no call to releases.wagtail.org from editors' browsers (and the CSP forbids it)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pictures are rendered through core/pictures.py (AVIF + WebP for the top picture of a page, WebP elsewhere). AVIF at
# 60 looks like WebP at 75 and weighs about a third less; renditions without a format operation (og:image) of AVIF,
# WebP or HEIC originals are written as JPEG, which every social network and mail client reads.
WAGTAILIMAGES_AVIF_QUALITY = 60
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "jpeg", "webp": "jpeg", "heic": "jpeg"}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database search (SQLite FTS5 / PostgreSQL full text) folding Vietnamese at index and query time.
        "BACKEND": "search.backends.wagtail_vi",
    }
}
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# Catalogue search: "database" (default) or "elasticsearch" (a search engine: SEARCH_ENGINE says which one,
# "elasticsearch" 8 or "opensearch" 2, at ELASTICSEARCH_URL; see README "Search engines").
CATALOGUE_SEARCH_BACKEND = env("CATALOGUE_SEARCH_BACKEND", default="database")
SEARCH_ENGINE = env("SEARCH_ENGINE", default="elasticsearch")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="khuyencong")

# Search (owned by the search app): Elasticsearch request timeout in seconds (kept short: when the cluster is down
# the database backend answers), and how many seconds the cluster is skipped after a failure before a new try.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)
ELASTICSEARCH_REBUILD_TIMEOUT = env.float("ELASTICSEARCH_REBUILD_TIMEOUT", default=60.0)  # search_index --rebuild
ELASTICSEARCH_RETRY_AFTER = env.int("ELASTICSEARCH_RETRY_AFTER", default=30)
ELASTICSEARCH_POOL_SIZE = env.int("ELASTICSEARCH_POOL_SIZE", default=10)  # connections kept open per process

# Map tiles for the craft-village map (Leaflet is served from static/vendor).
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="&copy; OpenStreetMap contributors")

# Content-Security-Policy (django-csp, through core.security.SecurityHeadersMiddleware): our own origin only, the
# map tile host for images, the video hosts editors may embed in news; the admin alone also allows inline code.
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.") if "://" in MAP_TILE_URL else ""
VIDEO_FRAME_HOSTS = env.list(
    "VIDEO_FRAME_HOSTS",
    default=["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *(origin for origin in (_TILE_ORIGIN, media_origin(STORAGES["default"])) if origin),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *VIDEO_FRAME_HOSTS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CSP_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}
ADMIN_CSP_REPLACE = {"frame-ancestors": ["'self'"]}  # the page editor shows its previews in a frame
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
