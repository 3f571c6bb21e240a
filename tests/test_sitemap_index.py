"""Issue 18, item 1: ``/sitemap.xml`` is a sitemap index of paged section sitemaps (pages per language, producers);
every live public URL is reachable from it exactly once whatever the data's size, ``?p=`` out of range or not a
number answers 404, each response is page-cached and refreshed by a publish, and its cost does not grow with
the data (core/sitemaps.py, registry/catalogue/sitemaps.py)."""

import datetime
import math
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.canonical import site_url
from core.sitemaps import PAGE_SIZE, page_size
from registry.catalogue.models import Producer
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    NewsPageFactory,
    ProducerFactory,
    ProductPageFactory,
    StandardPageFactory,
)
from tests.sitemaps import SM, index_locations, local, sitemap_entries
from tests.translating import translate

pytestmark = pytest.mark.django_db

CANONICAL = "https://khuyencong.example.org"
SIZE = 3  # records per section page in these tests: several pages in every section


@pytest.fixture
def small_pages(settings):
    settings.SITE_URL = CANONICAL
    settings.SITEMAP_PAGE_SIZE = SIZE


@pytest.fixture
def registry(small_pages, home_page):
    """Pages of several types (two of them translated), producers, and what must not be listed: a draft page, a page
    behind a login and its child, an unpublished producer, certificates (their verification page is noindex)."""
    products = [ProductPageFactory(slug=f"san-pham-so-{n}") for n in range(7)]
    CraftVillagePageFactory(slug="lang-gom-so-1")
    ArtisanPageFactory(slug="nghe-nhan-so-1")
    NewsPageFactory(slug="tin-so-1")
    about = StandardPageFactory(slug="gioi-thieu", parent=home_page)
    translate(products[0], title="Product zero")
    translate(about, title="About")
    hidden = StandardPageFactory(slug="noi-bo", parent=home_page)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(slug="con-noi-bo", parent=hidden)
    StandardPageFactory(slug="nhap", parent=home_page, live=False)
    ProducerFactory(slug="co-so-da-an", live=False)
    CertificateFactory(product=products[1])
    return {"products": products, "about": about}


def _public_pages(home_page):
    return list(home_page.get_descendants(inclusive=True).live().public().specific().order_by("path"))


def _translated(pages):
    from core.translation import translated_keys

    return translated_keys([page.translation_key for page in pages], "en")


def _expected(home_page):
    """Every live public URL from the ORM: pages in Vietnamese, translated pages in English, published producers."""
    pages = _public_pages(home_page)
    english = _translated(pages)
    urls = {site_url(page.get_url_parts()[2]) for page in pages}
    urls |= {site_url("/en" + page.get_url_parts()[2]) for page in pages if page.translation_key in english}
    producers = Producer.objects.filter(live=True)
    urls |= {site_url(producer.get_absolute_url()) for producer in producers}
    return urls, pages, english, producers


def test_index_lists_every_page_of_every_section(client, registry, home_page):
    _urls, pages, english, producers = _expected(home_page)
    counts = {"pages-vi": len(pages), "pages-en": len(english), "producers": producers.count()}
    assert counts["pages-vi"] > 2 * SIZE and counts["producers"] > 2 * SIZE and counts["pages-en"] == 2
    expected = []
    for section, count in counts.items():
        base = f"{CANONICAL}/sitemap-{section}.xml"
        expected += [base] + [f"{base}?p={number}" for number in range(2, math.ceil(count / SIZE) + 1)]
    assert index_locations(client) == expected


def test_following_the_index_yields_every_live_public_url_exactly_once(client, registry, home_page):
    expected, pages, _english, _producers = _expected(home_page)
    entries = sitemap_entries(client)
    locations = [loc for loc, _alternates, _lastmod in entries]
    assert len(locations) == len(set(locations))  # no URL twice, across sections and pages
    assert expected <= set(locations)
    paths = [page.get_url_parts()[2] for page in pages]
    listed = {site_url(path) for path in paths} | {site_url("/en" + path) for path in paths}
    for extra in set(locations) - expected:  # only a listed page's own sub-pages (news categories, dashboards)
        assert any(extra.startswith(url) and extra != url for url in listed), extra
    joined = " ".join(locations)
    for absent in ("/noi-bo/", "/con-noi-bo/", "/nhap/", "/co-so-da-an/", "/xac-minh/", "/en/co-so/"):
        assert absent not in joined, absent
    # a translated page is listed in both languages, each entry with every alternate and x-default
    about = site_url(registry["about"].url)
    english_about = about.replace(CANONICAL, CANONICAL + "/en", 1)
    alternates = {loc: alts for loc, alts, _lastmod in entries}
    assert alternates[about] == alternates[english_about] == {"vi": about, "en": english_about, "x-default": about}


def test_entries_and_index_carry_lastmod(client, registry, home_page):
    """An entry's ``<lastmod>`` is its record's last change; an index entry's, the latest of its page's entries."""
    product = registry["products"][3]
    product.save_revision().publish()  # the latest publication of all
    product.refresh_from_db()
    producer = Producer.objects.filter(live=True).order_by("pk").first()
    dated = {loc: lastmod for loc, _alternates, lastmod in sitemap_entries(client)}
    assert dated[site_url(producer.get_absolute_url())] == timezone.localdate(producer.updated_at).isoformat()
    assert dated[site_url(product.url)] == timezone.localdate(product.last_published_at).isoformat()
    index = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {entry.findtext(SM + "loc"): entry.findtext(SM + "lastmod") for entry in index.findall(SM + "sitemap")}
    holding = [
        loc
        for loc in lastmods
        if "pages-vi" in loc and site_url(product.url) in client.get(local(loc)).content.decode()
    ]
    assert len(holding) == 1
    assert datetime.datetime.fromisoformat(lastmods[holding[0]]) == product.last_published_at
    latest = Producer.objects.filter(live=True).order_by("pk")[:SIZE].aggregate(latest=Max("updated_at"))["latest"]
    assert datetime.datetime.fromisoformat(lastmods[f"{CANONICAL}/sitemap-producers.xml"]) == latest


def test_verification_pages_are_noindex_so_certificates_have_no_section(client, registry):
    """Certificates' only public page is the verification page, which asks not to be indexed: not in the sitemap."""
    certificate = registry["products"][1].certificates.get()
    html = client.get(f"/xac-minh/{certificate.verification_code}/").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert not [location for location in index_locations(client) if "cert" in location]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "01", "1e2", "99999999999999999999", "٢", " 2", ""])
def test_a_page_number_that_is_not_a_plain_positive_number_is_not_found(client, registry, value):
    for section in ("pages-vi", "pages-en", "producers"):
        assert client.get(f"/sitemap-{section}.xml", {"p": value}).status_code == 404, (section, value)


def test_a_page_out_of_range_and_an_unknown_section_are_not_found(client, registry):
    for location in index_locations(client):
        assert client.get(local(location)).status_code == 200
    pages = {"pages-vi": 0, "pages-en": 0, "producers": 0}
    for location in index_locations(client):
        pages[local(location).split("?")[0][len("/sitemap-") : -len(".xml")]] += 1
    for section, count in pages.items():
        assert client.get(f"/sitemap-{section}.xml", {"p": count + 1}).status_code == 404
        assert client.get(f"/sitemap-{section}.xml", {"p": 1}).status_code == 200
    assert client.get("/sitemap-certificates.xml").status_code == 404
    assert client.get("/sitemap-.xml").status_code == 404


def test_an_empty_section_is_left_out_of_the_index(client, small_pages, home_page):
    Producer.objects.all().delete()
    assert index_locations(client) == [f"{CANONICAL}/sitemap-pages-vi.xml"]  # no producer, no translation
    response = client.get("/sitemap-producers.xml")  # still a valid, empty document
    assert response.status_code == 200 and ET.fromstring(response.content).findall(SM + "url") == []


def test_robots_txt_points_at_the_index(client, small_pages):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {CANONICAL}/sitemap.xml" in body
    assert ET.fromstring(client.get("/sitemap.xml").content).tag == SM + "sitemapindex"


def _cached(client, url):
    """The response to a repeated anonymous request, and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-pages-vi.xml", "/sitemap-pages-en.xml", "/sitemap-producers.xml?p=2"]
)
def test_a_repeated_request_is_served_from_the_cache(client, registry, url, settings):
    assert settings.PAGE_CACHE_SECONDS > 0
    first = client.get(url)
    client.get(url)  # a URL with a query string is stored on its second request
    again, queries = _cached(client, url)
    assert again.status_code == 200 and again["X-Page-Cache"] == "hit" and queries == 0
    assert again.content == first.content


def test_publishing_and_unpublishing_refresh_the_cached_sitemaps(client, registry, home_page):
    section = "/sitemap-pages-vi.xml?p=3"
    for url in ("/sitemap.xml", section, section, "/sitemap-producers.xml"):
        client.get(url)
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit" and client.get(section)["X-Page-Cache"] == "hit"
    before = set(index_locations(client))

    page = StandardPageFactory(slug="trang-moi", parent=home_page, live=False)
    page.save_revision().publish()  # a publish: the new page is listed, and a new section page may appear
    entries = [loc for loc, _alternates, _lastmod in sitemap_entries(client)]
    assert site_url(page.url) in entries
    assert set(index_locations(client)) >= before

    page.refresh_from_db()
    page.unpublish()
    assert site_url("/trang-moi/") not in [loc for loc, _alternates, _lastmod in sitemap_entries(client)]

    producer = Producer.objects.filter(live=True).order_by("pk").first()
    address = site_url(producer.get_absolute_url())
    assert address in client.get("/sitemap-producers.xml").content.decode()
    producer.unpublish()
    assert address not in client.get("/sitemap-producers.xml").content.decode()
    producer.refresh_from_db()
    producer.save_revision().publish()
    assert address in client.get("/sitemap-producers.xml").content.decode()


def _data(scale):
    """``scale`` × (products with their producers, a village, an artisan, an article, one translated product)."""
    for _ in range(scale):
        products = [ProductPageFactory() for _n in range(3)]
        CraftVillagePageFactory()
        ArtisanPageFactory()
        NewsPageFactory()
        translate(products[0], title="Translated product")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.content)


SECTIONS = ["/sitemap.xml", "/sitemap-pages-vi.xml", "/sitemap-pages-en.xml", "/sitemap-producers.xml"]


def test_query_counts_do_not_grow_with_the_data(client, home_page, settings):
    """One page of a section (default page size: every record on it) costs the same queries at 1× and 10× data."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITE_URL = CANONICAL
    assert page_size() == PAGE_SIZE
    _data(1)
    for url in SECTIONS:
        client.get(url)  # warm the per-process data (site, locales)
    small = {url: _queries(client, url) for url in SECTIONS}
    _data(9)
    for url in SECTIONS:
        client.get(url)  # the writes started a new generation: the shared data is read again once
    large = {url: _queries(client, url) for url in SECTIONS}
    assert {url: count for url, (count, _size) in large.items()} == {
        url: count for url, (count, _size) in small.items()
    }
    for url in SECTIONS[1:]:
        assert large[url][1] > small[url][1]  # the sections did grow: the same queries list more records
    assert all(count <= 30 for count, _size in large.values()), large


def test_query_counts_of_a_page_do_not_grow_with_the_number_of_pages(client, home_page, settings):
    """With small pages, the last page of the producers costs what the second one does at 1× data, at 10× data."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITEMAP_PAGE_SIZE = 2
    _data(1)
    client.get("/sitemap-producers.xml")
    small = _queries(client, "/sitemap-producers.xml?p=2")[0]
    _data(9)
    client.get("/sitemap-producers.xml")
    last = math.ceil(Producer.objects.count() / 2)
    assert last >= 15
    assert _queries(client, f"/sitemap-producers.xml?p={last}")[0] == small
