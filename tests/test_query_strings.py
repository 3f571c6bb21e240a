"""Never a 500 from a query string (issue 11, item 5), as a generated test.

The URLs are not listed by hand: they are walked from ``config.urls`` (every public pattern, its converters filled
with values of a little factory data), from the Wagtail page tree that ``setup_site`` creates (every live page and
every sub-route of a routable page), from the API router (every endpoint, listing and detail) and from the admin
URLconf (every listing or search view without arguments, snippets included). The parameters are generated too:
the parameters every page type declares (``cache_query_params``), every ``request.GET`` key the project's code
reads, the API's operations and filterable fields of each endpoint, and the admin's ``q``, ``p``, ``ordering``.
Each gets quotes, NUL, white space, huge and negative numbers, query syntax, repeated values and unknown values;
every answer must be below 500. Run on SQLite by default and on PostgreSQL with ``DATABASE_URL``.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models
from wagtail_factories import DocumentFactory

from config.api import api_router
from core.query_guard import search_text
from home.setup import setup_site
from news.models import NewsCategory
from registry.catalogue.models import ProductPage
from tests.factories import (
    ArtisanPageFactory,
    BulletinPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ImageFactory,
    NewsPageFactory,
    ProductPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

HUGE = "9" * 20
BAD_VALUES = ['"', "'", "\x00", "   ", HUGE, "-1", "-" + HUGE, "*", "(", 'gốm "sứ', "NOT", "a:b^c", "unknown-value"]
FEW_VALUES = ['"', "\x00", HUGE, "-1", "   "]
REPEATED = ["1", '"', HUGE]

SKIPPED_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/")
PROJECT_APPS = ("core", "home", "news", "search", "registry")


def _get_keys_read_by_the_project():
    """Every ``request.GET`` key the project's own code reads."""
    pattern = re.compile(r"""GET(?:\.get|\.getlist|\.__getitem__)?[\(\[]\s*["']([\w-]+)["']""")
    keys = set()
    for app in PROJECT_APPS:
        for path in Path(settings.BASE_DIR, app).rglob("*.py"):
            keys.update(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def _declared_page_parameters():
    return {name for model in get_page_models() for name in getattr(model, "cache_query_params", ())}


PUBLIC_PARAMETERS = sorted(
    _get_keys_read_by_the_project() | _declared_page_parameters() | {"q", "page", "sort", "order"}
)


@pytest.fixture
def site_data(home_page):
    """The page tree of ``setup_site`` and one record of each kind."""
    setup_site(write=lambda *args: None)
    certificate = CertificateFactory(product=ProductPageFactory(slug="ca-phe"))
    village = CraftVillagePageFactory(slug="lang-gom")
    ArtisanPageFactory(slug="nghe-nhan", craft_village=village)
    NewsPageFactory(slug="tin-tuc-mau", category=NewsCategory.objects.first())
    BulletinPageFactory()
    StandardPageFactory(slug="gioi-thieu", parent=home_page)
    image = ImageFactory()
    document = DocumentFactory()
    return {
        "certificate": certificate,
        "producer": certificate.product.producer,
        "image": image,
        "document": document,
        "category": NewsCategory.objects.first(),
    }


def _samples(data):
    """A value for each URL converter name."""
    return {
        "slug": data["producer"].slug,
        "code": data["certificate"].verification_code,
        "kind": "products",
        "fmt": "csv",
        "year": "2026",
        "month": "11",
        "pk": str(data["document"].pk),
        "document_id": str(data["document"].pk),
        "document_filename": data["document"].filename,
    }


_CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _fill(route, samples):
    return _CONVERTER.sub(lambda match: samples.get(match["name"], "1"), route)


def _walk(patterns, prefix=""):
    """(route with converters, pattern) of every URL pattern under ``patterns``."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _public_urls(data):
    samples = _samples(data)
    urls = set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or route.startswith("^") or "(?P" in route:
            continue  # the admin, the API, Wagtail's catch-all page route (walked through the page tree below)
        urls.add("/" + _fill(route, samples).lstrip("/"))
    for page in Page.objects.live().specific():
        url = page.get_url()
        if not url:
            continue
        urls.add(url)
        if isinstance(page, RoutablePageMixin):
            route_samples = {**samples, "slug": data["category"].slug}
            for sub in page.get_subpage_urls():
                urls.add(url.rstrip("/") + "/" + _fill(str(sub.pattern), route_samples).lstrip("/"))
    return sorted(urls)


def _assert_below_500(client, url, params):
    client.raise_request_exception = False  # a 500 is reported with its URL and parameters
    response = client.get(url, params)
    assert response.status_code < 500, (url, params, response.status_code)
    return response


def test_the_walk_covers_the_public_site(site_data):
    urls = _public_urls(site_data)
    for expected in ("/san-pham/", "/lang-nghe/", "/nghe-nhan/", "/tin-tuc/", "/tin-tuc/rss/", "/tim-kiem/",
                     "/du-lieu-mo/", "/xac-minh/", "/co-so/", "/ban-tin/", "/binh-chon/", "/sitemap.xml"):  # fmt: skip
        assert any(url.startswith(expected) for url in urls + ["/sitemap.xml"]), expected
    assert {"q", "page", "sort", "group", "level", "commune", "type", "trade"} <= set(PUBLIC_PARAMETERS)


def test_public_urls_never_answer_5xx(client, site_data):
    for url in _public_urls(site_data) + ["/sitemap.xml", "/robots.txt"]:
        for value in BAD_VALUES:
            _assert_below_500(client, url, dict.fromkeys(PUBLIC_PARAMETERS, value))
        _assert_below_500(client, url, dict.fromkeys(PUBLIC_PARAMETERS, REPEATED))


def test_each_listing_parameter_on_its_own(client, site_data):
    """A 400 for one parameter must not hide a 500 from another: the listings' parameters one at a time."""
    listings = [page for page in Page.objects.live().specific() if getattr(page, "cache_query_params", ())]
    assert len(listings) >= 3
    for page in listings:
        for name in page.cache_query_params:
            for value in BAD_VALUES:
                _assert_below_500(client, page.get_url(), {name: value})
            _assert_below_500(client, page.get_url(), {name: REPEATED})


def _api_cases(data):
    """(url, parameter names) of every API endpoint, listing and detail."""
    details = {"pages": Page.objects.live().first().pk, "images": data["image"].pk,
               "documents": data["document"].pk, "producers": data["producer"].pk,
               "certificates": data["certificate"].pk}  # fmt: skip
    for name, viewset in api_router._endpoints.items():
        model = Page if name == "pages" else viewset.model
        fields = set(viewset.get_available_fields(model, db_fields_only=True)) - viewset.known_query_parameters
        operations = sorted(viewset.known_query_parameters)
        yield f"/api/v2/{name}/", operations, sorted(fields), {}
        if name == "pages":
            product_fields = set(viewset.get_available_fields(ProductPage, db_fields_only=True)) - fields
            yield "/api/v2/pages/", [], sorted(product_fields), {"type": "catalogue.ProductPage"}
            yield "/api/v2/pages/find/", ["html_path"], [], {}
        yield f"/api/v2/{name}/{details.get(name, 1)}/", ["fields", "type"], [], {}
        yield f"/api/v2/{name}/{HUGE}/", ["fields"], [], {}


def test_api_never_answers_5xx(client, site_data):
    cases = list(_api_cases(site_data))
    assert {url for url, *_ in cases} >= {"/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/",
                                         "/api/v2/producers/", "/api/v2/certificates/"}  # fmt: skip
    for url, operations, filters, base in cases:
        for name in operations:
            for value in BAD_VALUES:
                _assert_below_500(client, url, {**base, name: value})
            _assert_below_500(client, url, {**base, name: REPEATED})
        for name in filters:  # each filterable field: the values that break a type
            for value in FEW_VALUES:
                _assert_below_500(client, url, {**base, name: value})


@pytest.mark.parametrize("value", ['"', "\x00", "'", "(", "*", 'gốm "sứ'])
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_api_search_with_syntax_characters_answers_200(client, site_data, endpoint, value):
    response = client.get(f"/api/v2/{endpoint}/", {"search": value})
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["offset", "limit"])
@pytest.mark.parametrize("value", [HUGE, "-1", "-" + HUGE, "abc", "   ", "1.5"])
def test_api_bad_offset_or_limit_is_a_400_with_a_message(client, site_data, name, value):
    response = client.get("/api/v2/pages/", {name: value})
    assert response.status_code == 400
    assert "message" in response.json()


def _admin_listing_urls():
    """Admin views without arguments that list or search (pages, images, documents, snippets, viewsets)."""
    urls = set()
    for route, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or "<" in route or "(?P" in route:
            continue
        name = pattern.name or ""
        if re.search(r"(index|list|listing|search|results)(_results)?$", name) and "chooser" not in route:
            urls.add("/" + route.replace("^", "").replace("$", ""))
    return sorted(urls)


def test_admin_walk_covers_the_listings():
    urls = _admin_listing_urls()
    for expected in ("/admin/images/", "/admin/documents/", "/admin/pages/search/", "/admin/snippets/"):
        assert any(url.startswith(expected) for url in urls), expected


def test_admin_listing_searches_never_answer_5xx(client, site_data):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.org", "x-pass-123"))
    for url in _admin_listing_urls():
        for value in BAD_VALUES:
            _assert_below_500(client, url, {"q": value})
        for value in FEW_VALUES:
            _assert_below_500(client, url, {"p": value, "ordering": value})
        _assert_below_500(client, url, {"q": REPEATED, "p": REPEATED})


@pytest.mark.parametrize("url", ["/admin/images/", "/admin/documents/", "/admin/pages/search/"])
@pytest.mark.parametrize("value", ['"', "\x00", 'gốm "sứ'])
def test_admin_searches_answer_200(client, site_data, url, value):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.org", "x-pass-123"))
    assert client.get(url, {"q": value}).status_code == 200


def test_search_text_keeps_the_words():
    assert search_text('  "gốm\x00  sứ" (Plei*Phun) ') == "gốm sứ Plei Phun"
    assert search_text('"') == ""
