"""Issue 14, item 3: every public page type and view is page-cached for anonymous visitors, or says why not.

- A table of every public URL kind: the second anonymous request is answered from the cache without a query.
- Every Wagtail page type is cached (``CachedPageMixin``) or declares ``page_cache_exempt = "<reason>"``; every URL
  pattern's view is ``@page_cacheable`` or listed below with a reason. A new page type or view that is neither
  fails here.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from core.page_cache import CachedPageMixin
from registry.catalogue.importing.schemas import SCHEMAS
from registry.competitions.choices import CompetitionStatus
from tests.factories import (
    AnnouncementPageFactory,
    ArtisanPageFactory,
    BulletinPageFactory,
    CertificateFactory,
    CompetitionFactory,
    CraftVillagePageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    ProducerFactory,
    ProductPageFactory,
    ProjectPageFactory,
    StandardPageFactory,
    competition_index,
    news_index,
)
from tests.factories.training import CollaboratorFactory, CoursePageFactory

# Page types that are not cached, and why (Wagtail's own base page type is the tree's root, never served).
EXEMPT_PAGE_TYPES = {Page: "the root of the page tree (depth 1): never served to visitors"}

# URL patterns (by the start of their route) whose views are not page-cached, and why.
EXEMPT_ROUTES = {
    "admin/": "the editors' admin: signed-in staff only",
    "documents/": "Wagtail serves documents itself, checking each collection's privacy; files, not pages",
    "api/v2/": "the JSON API: open-ended query parameters (fields, search, offset) and machine clients",
    "i18n/": "the language switch: a POST that sets a cookie",
    "_util/": "Wagtail's password and sign-in forms of restricted pages: POSTs, and a CSRF cookie",
    "giam-khao/": "the jury portal: signed-in jurors only",
    "co-so-san-xuat/": "the producers' portal: sign-up and sign-in forms (CSRF) and signed-in producers' own data",
}
PAGE_SERVING = "wagtail_serve"  # Wagtail's page serving: classified per page type above


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def test_every_page_type_is_cached_or_says_why_not():
    unclassified = [
        model._meta.label
        for model in get_page_models()
        if not issubclass(model, CachedPageMixin)
        and not getattr(model, "page_cache_exempt", "")
        and model not in EXEMPT_PAGE_TYPES
    ]
    assert unclassified == []
    for model in get_page_models():
        if issubclass(model, CachedPageMixin) and issubclass(model, RoutablePageMixin):
            mro = model.__mro__  # the sub-routes (archives, feeds, results) are marked only in this order
            assert mro.index(CachedPageMixin) < mro.index(RoutablePageMixin), model


def test_every_public_view_is_cached_or_says_why_not():
    unclassified = []
    for route, pattern in _patterns(get_resolver()):
        if pattern.name == PAGE_SERVING or any(route.startswith(prefix) for prefix in EXEMPT_ROUTES):
            continue
        if not getattr(pattern.callback, "page_cacheable", False):
            unclassified.append(route)
    assert unclassified == []


@pytest.fixture
def public_site(home_page):
    """One of every kind of public page, with the links between them (and the site's settings row, as
    ``setup_site`` makes it: a page that creates it while rendering is rightly not stored)."""
    from core.models import SiteSettings

    SiteSettings.load()
    category = NewsCategoryFactory(slug="su-kien", name="Sự kiện")
    producer = ProducerFactory(name="Hợp tác xã Cà phê Ia Phí", slug="htx-ca-phe-ia-phi")
    village = CraftVillagePageFactory(title="Làng dệt thổ cẩm Phung")
    artisan = ArtisanPageFactory(title="Rơ Châm H'Nhí")
    product = ProductPageFactory(title="Cà phê bột Đắk Đoa", producer=producer)
    certificate = CertificateFactory(product=product)
    news = NewsPageFactory(title="Hội chợ hàng thủ công", category=category, date=datetime.date(2026, 11, 2))
    bulletin = BulletinPageFactory(title="Bản tin tháng 11")
    competition = CompetitionFactory(slug="binh-chon-2026", status=CompetitionStatus.PUBLISHED)
    announcement = AnnouncementPageFactory(competition=CompetitionFactory(status=CompetitionStatus.ENTRIES_OPEN))
    standard = StandardPageFactory(title="Giới thiệu", slug="gioi-thieu", parent=home_page)
    project = ProjectPageFactory(title="Hỗ trợ máy rang cà phê", producers=[producer], villages=[village])
    index = news_index()
    competitions = competition_index()
    course = CoursePageFactory(title="Đào tạo nghề dệt thổ cẩm")
    CollaboratorFactory()
    return {
        "home": home_page.url,
        "standard page": standard.url,
        "news index": index.url,
        "news index, page 1": index.url + "?page=1",
        "news category": index.category_url(category),
        "news month": index.month_url(2026, 11),
        "news year": index.url + "2026/",
        "news RSS": index.url + "rss/",
        "news Atom": index.url + "atom/",
        "news category RSS": index.url + index.reverse_subpage("category_rss", args=[category.slug]),
        "news category Atom": index.url + index.reverse_subpage("category_atom", args=[category.slug]),
        "news page": news.url,
        "news page in English": "/en" + news.url,
        "bulletin index": bulletin.get_parent().url,
        "bulletin": bulletin.url,
        "call for entries": announcement.url,
        "competitions": competitions.url,
        "results": competitions.url + f"{competition.slug}/ket-qua/",
        "product index": product.get_parent().url,
        "product search": product.get_parent().url + "?q=ca+phe",
        "product": product.url,
        "village index": village.get_parent().url,
        "village": village.url,
        "artisan index": artisan.get_parent().url,
        "artisan": artisan.url,
        "producer": f"/co-so/{producer.slug}/",
        "project index": project.get_parent().url,
        "project search": project.get_parent().url + "?q=may+rang&year=2024&status=accepted",
        "project dashboard": project.get_parent().url + "tong-quan/",
        "project": project.url,
        "verification": certificate.get_verification_path(),
        "open data": "/du-lieu-mo/",
        # The downloads /du-lieu-mo/<kind>.csv|json are streamed from a file per data version, with validators,
        # not stored by the page cache: tests/test_open_data_stream.py.
        **{f"import template {kind}.csv": f"/du-lieu-mo/mau/{kind}.csv" for kind in SCHEMAS},
        **{f"import template {kind}.xlsx": f"/du-lieu-mo/mau/{kind}.xlsx" for kind in SCHEMAS},
        "site search": "/tim-kiem/?q=ca+phe",
        "site search form": "/tim-kiem/",
        "search suggestions": "/tim-kiem/goi-y/?q=ca",
        "course index": course.get_parent().url,
        "collaborators": "/cong-tac-vien/",
        "collaborators of a commune": "/cong-tac-vien/?xa=ia+grai",
        "sitemap": "/sitemap.xml",
        "sitemap section": "/sitemap-pages-vi.xml",
        "sitemap producers": "/sitemap-producers.xml",
        "robots": "/robots.txt",
    }


def test_every_public_page_is_answered_from_the_cache_without_a_query(client, public_site):
    failures = []
    for name, url in public_site.items():
        first = client.get(url)
        if first.status_code != 200:
            failures.append((name, url, first.status_code))
            continue
        if "?" in url:
            client.get(url)  # a URL with a query string is stored on its second request
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        if again.get("X-Page-Cache") != "hit" or len(queries) or again.content != first.content:
            failures.append((name, url, again.get("X-Page-Cache"), len(queries)))
    assert failures == []


def test_the_table_covers_every_cached_page_type(client, public_site, settings):
    """Each cached page type is served at least once above (a new page type must join the table)."""
    settings.PAGE_CACHE_SECONDS = 0  # the page cache off: every response is rendered, with its context
    served = set()
    for url in public_site.values():
        context = client.get(url).context
        if context is not None and isinstance(context.get("page"), Page):
            served.add(type(context.get("page")))
    cached = {model for model in get_page_models() if issubclass(model, CachedPageMixin)}
    assert cached - served == set()
