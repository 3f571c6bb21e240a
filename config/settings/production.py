"""Production: refuses to start without SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, an https SITE_URL, a real EMAIL_URL
and DEFAULT_FROM_EMAIL (unsafe defaults would put QR codes on 127.0.0.1 and password-reset links in the log).

Served by gunicorn behind a TLS-terminating proxy; static files by whitenoise.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

# The variables may also come from a .env file beside manage.py (as in development): read it before checking.
environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env", overwrite=False)

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL", "EMAIL_URL", "DEFAULT_FROM_EMAIL")
_missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing) + ". See .env.example."
    )
if not os.environ["SITE_URL"].startswith("https://") or not os.environ["SITE_URL"][len("https://") :].strip("/"):
    raise ImproperlyConfigured("SITE_URL must be the site's https:// address in production (QR codes, e-mails, feeds).")
if os.environ["EMAIL_URL"].split(":", 1)[0].strip().lower() in ("consolemail", "dummymail", "filemail", "memorymail"):
    raise ImproperlyConfigured(
        "EMAIL_URL must point at a real mail server in production (smtp+tls://user:password@host:587): "
        "password-reset links must not end up in the server log."
    )

from .base import *  # noqa: E402,F403
from .base import env, media_storage, renditions_cache, shared_cache  # noqa: E402

DEBUG = False
IS_PRODUCTION = True  # seed_demo refuses to run (see demo/management/commands/seed_demo.py)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

STORAGES = {
    "default": media_storage(),  # MEDIA_STORAGE=s3: an S3-compatible store shared by every node (README "Scale")
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# One cache shared by every gunicorn worker (page cache invalidation must reach them all); Redis when scaling out.
CACHES = {"default": shared_cache("filecache:///var/tmp/khuyencong-cache")}
CACHES["renditions"] = renditions_cache(CACHES["default"])

# Persistent database connections: a worker keeps its connection for CONN_MAX_AGE seconds instead of opening one
# per request (a new PostgreSQL connection costs a few milliseconds and a backend process), checked before reuse
# after an error so that a restarted database server costs one failed request at most.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)  # noqa: F405

# Signed-in staff: their session is read from the cache (written through to the database), not queried per request.
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.cached_db")
