"""The production first run (``manage.py setup_site``): what a site needs beyond ``migrate`` to work, without demo
content. Idempotent: each step finds what exists, creates what is missing and says which.

Who owns what on a fresh database:

* migrations: the home page (``home`` 0002), news categories and programme contents (``news`` 0002), provinces and
  trades (``catalogue`` 0002), the shipped rubrics (``competitions`` 0003); ``setup_site`` only verifies the rubrics;
* ``setup_site`` (this module): the index pages of the URL scheme, live and in the menu, in the order of
  ``SECTIONS``; the default Wagtail ``Site`` (hostname and port from ``settings.SITE_URL``); the staff groups and
  their permissions (declared in ``core.roles``); the news moderation workflow (``news.moderation``); the site
  settings' identity, province and map defaults, filled from ``SiteDefaults`` only where still empty; the QR codes
  stored on certificates redrawn for ``SITE_URL`` where they encode another address (a database seeded or restored
  under another address: ``Certificate.objects.refresh_stored_qr``, also ``manage.py refresh_qr_codes``);
* ``seed_demo`` (the ``demo`` app, dev only): everything else, on top of this tree.

``home`` is the top layer, so this module may import every app.
"""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow

from core.models import SiteSettings
from core.page_cache import invalidate
from core.roles import SECTION_CATALOGUE, SECTION_NEWS, ensure_roles
from news.models import BulletinIndexPage, NewsIndexPage
from news.moderation import WORKFLOW_NAME, setup_moderation
from programmes.models import ProjectIndexPage
from programmes.training.models import CourseIndexPage
from registry.catalogue.models import ArtisanIndexPage, Certificate, CraftVillageIndexPage, ProductIndexPage
from registry.competitions.models import CompetitionIndexPage, Rubric
from registry.producers.corrections import WORKFLOW_NAME as CORRECTIONS_WORKFLOW
from registry.producers.corrections import ensure_workflow

from .models import HomePage

# The sections under the home page, in menu order: (page model, slug, title, intro). Slugs are the URL scheme's
# (docs: /work/shared/design.md); editors may rename them later, pages are found again by their type.
SECTIONS = [
    (ProductIndexPage, "san-pham", "Sản phẩm", "Sản phẩm công nghiệp nông thôn tiêu biểu được công nhận các cấp."),
    (CraftVillageIndexPage, "lang-nghe", "Làng nghề", "Làng nghề và làng nghề truyền thống được công nhận."),
    (ArtisanIndexPage, "nghe-nhan", "Nghệ nhân", "Nghệ nhân, thợ giỏi và người có công đưa nghề về địa phương."),
    (NewsIndexPage, "tin-tuc", "Tin tức", "Hoạt động khuyến công, bình chọn sản phẩm, làng nghề và chính sách mới."),
    (
        CompetitionIndexPage,
        "binh-chon",
        "Bình chọn",
        "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu các cấp: thể lệ, tiến độ và kết quả công bố.",
    ),
    (BulletinIndexPage, "ban-tin", "Bản tin", "Bản tin khuyến công phát hành định kỳ; tải bản PDF để đọc hoặc in."),
    (
        ProjectIndexPage,
        "de-an-khuyen-cong",
        "Đề án khuyến công",
        "Đề án được hỗ trợ từ kinh phí khuyến công: ai, bao nhiêu, kết quả.",
    ),
    (
        CourseIndexPage,
        "dao-tao",
        "Đào tạo",
        "Khóa đào tạo nghề và tập huấn do Trung tâm Khuyến công tổ chức: đăng ký trực tuyến, miễn phí.",
    ),
]
SECTION_OF = {
    NewsIndexPage: SECTION_NEWS,
    BulletinIndexPage: SECTION_NEWS,
    ProjectIndexPage: SECTION_NEWS,  # support projects: written by editors, published by approvers (moderation)
    CourseIndexPage: SECTION_NEWS,  # training courses: written by editors, published by approvers
    ProductIndexPage: SECTION_CATALOGUE,
    CraftVillageIndexPage: SECTION_CATALOGUE,
    ArtisanIndexPage: SECTION_CATALOGUE,
}


@dataclass
class SiteDefaults:
    """Values for the site settings on a first run (``None``: keep the model's default). ``map_center`` is
    ``(lat, lng)`` and ``bounds`` ``(south, west, north, east)``, in decimal degrees (WGS 84)."""

    site_name: str | None = None
    short_name: str | None = None
    province_name: str | None = None
    map_center: tuple | None = None
    map_zoom: int | None = None
    bounds: tuple | None = None


def ensure_home(write=print):
    """Return the site's HomePage, creating it (and the root page and locale) if a flushed database lost it."""
    home = HomePage.objects.first()
    if home is not None:
        write(f"  home page: found ({home.title})")
        return home
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="home"))
    write("  home page: created")
    return home


def ensure_page_tree(home=None, write=print):
    """Create the missing index pages of ``SECTIONS`` under the home page (live, in the menu); when any was created,
    put the sections first in the menu, in ``SECTIONS`` order, other pages after them (a later order chosen by an
    editor is kept on the next runs). Return ``{page model: page}``."""
    home = home or ensure_home(write)
    pages, created = {}, False
    for model, slug, title, intro in SECTIONS:
        page = model.objects.first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=slug, intro=intro, show_in_menus=True))
            page.save_revision().publish()
            created = True
            write(f"  page /{page.slug}/: created")
        else:
            write(f"  page /{page.slug}/: found")
        pages[model] = page
    if created:
        _order_menu(home, [pages[model].pk for model, *_ in SECTIONS])
    return pages


def _order_menu(home, wanted_first):
    """Move the section pages to the front of the home page's children, in order, if they are not already."""
    children = list(Page.objects.child_of(home).order_by("path").values_list("pk", flat=True))
    wanted = [pk for pk in wanted_first if pk in children] + [pk for pk in children if pk not in wanted_first]
    if children == wanted:
        return
    for pk in wanted:
        Page.objects.get(pk=pk).move(Page.objects.get(pk=home.pk), pos="last-child")


def ensure_site(home, write=print):
    """Point the default Wagtail ``Site`` at ``home`` with the hostname and port of ``settings.SITE_URL``."""
    url = urlsplit(settings.SITE_URL)
    hostname = url.hostname or "localhost"
    port = url.port or (443 if url.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    wanted = {"hostname": hostname, "port": port, "root_page_id": home.pk}
    if site is None:
        Site.objects.create(is_default_site=True, site_name=SiteSettings.load().site_name, **wanted)
        write(f"  site {hostname}:{port}: created")
    elif any(getattr(site, field) != value for field, value in wanted.items()):
        Site.objects.filter(pk=site.pk).update(**wanted)
        invalidate()  # an update() sends no signal: the cached pages hold the old addresses (core/page_cache.py)
        write(f"  site {hostname}:{port}: updated (was {site.hostname}:{site.port})")
    else:
        write(f"  site {hostname}:{port}: found")


def ensure_settings(defaults, write=print):
    """Fill the site settings from ``defaults`` where a field is still empty or at its model default; never
    overwrite what an administrator typed. Returns the names of the fields filled."""
    site_settings = SiteSettings.load()
    values = {"site_name": defaults.site_name, "short_name": defaults.short_name}
    values["province_name"] = defaults.province_name
    values["map_zoom"] = defaults.map_zoom
    if defaults.map_center:
        values["map_center_lat"], values["map_center_lng"] = (Decimal(str(v)) for v in defaults.map_center)
    if defaults.bounds:
        keys = ("bounds_south", "bounds_west", "bounds_north", "bounds_east")
        values.update(zip(keys, (Decimal(str(v)) for v in defaults.bounds), strict=True))
    filled = []
    for name, value in values.items():
        if value in (None, ""):
            continue
        field = SiteSettings._meta.get_field(name)
        current = getattr(site_settings, name)
        untouched = current in ("", None) or (field.has_default() and current == field.get_default())
        if untouched and current != value:
            setattr(site_settings, name, value)
            filled.append(name)
    if filled:
        site_settings.full_clean()
        site_settings.save()
    write("  site settings: " + ("filled " + ", ".join(filled) if filled else "kept"))
    return filled


# Wagtail's migrations create a default workflow and task named after the group "Moderators" (assigned to the root
# page, so every page outside the news section goes through it); they get Vietnamese names like the group.
DEFAULT_WORKFLOW_NAMES = {"Moderators approval": "Duyệt trang"}


def rename_default_workflow(write=print):
    """Give Wagtail's default "Moderators approval" workflow and task their Vietnamese name, once."""
    for old, new in DEFAULT_WORKFLOW_NAMES.items():
        renamed = Workflow.objects.filter(name=old).update(name=new) + Task.objects.filter(name=old).update(name=new)
        found = "found" if Workflow.objects.filter(name=new).exists() else "absent (deleted by an administrator)"
        write(f"  workflow {new}: " + ("renamed from " + old if renamed else found))


# Wagtail's migrations name the root page and the root collection "Root"; editors meet the collection in every image
# and document form, administrators the page in the explorer.
ROOT_NAMES = {"page": ("Root", "Gốc"), "collection": ("Root", "Thư mục chung")}


def rename_wagtail_roots(write=print):
    """Give Wagtail's root page and root collection Vietnamese names, once (an administrator's own name is kept)."""
    old, new = ROOT_NAMES["page"]
    pages = Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    old, new = ROOT_NAMES["collection"]
    collections = Collection.objects.filter(depth=1, name=old).update(name=new)
    write(f"  root page and collection: {'renamed' if pages or collections else 'kept'}")


def check_rubrics(write=print):
    """Report the shipped rubrics (created by the migration ``competitions`` 0003); return their number."""
    count = Rubric.objects.count()
    if count:
        write(f"  rubrics: {count} found")
    else:
        write("  rubrics: none! run `manage.py migrate competitions` (migration 0003 ships them)")
    return count


@transaction.atomic
def setup_site(defaults=None, write=print):
    """Run every first-run step in order (see the module docstring); safe to run again. Returns the section pages
    as ``{page model: page}``."""
    home = ensure_home(write)
    pages = ensure_page_tree(home, write)
    ensure_site(home, write)
    sections = {}
    for model, section in SECTION_OF.items():
        sections.setdefault(section, []).append(pages[model])
    for role, group, what in ensure_roles(sections):
        write(f"  group {role.name}: {what} ({group.permissions.count()} permissions)")
    _workflow, created = setup_moderation(*sections[SECTION_NEWS])
    write(f"  workflow {WORKFLOW_NAME}: {'created' if created else 'found'}")
    write(f"  workflow {CORRECTIONS_WORKFLOW}: #{ensure_workflow().pk}")
    rename_default_workflow(write)
    rename_wagtail_roots(write)
    check_rubrics(write)
    ensure_settings(defaults or SiteDefaults(), write)
    redrawn, total = Certificate.objects.all().refresh_stored_qr()  # also manage.py refresh_qr_codes
    write(f"  QR codes of certificates: {redrawn} of {total} redrawn for SITE_URL {settings.SITE_URL}")
    return pages
