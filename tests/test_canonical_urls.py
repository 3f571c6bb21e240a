"""One canonical address (issue 11, item 7): the sitemap lists every page and producer in Vietnamese and English
with hreflang alternates, every URL of the sitemap, the feeds and open data is on ``SITE_URL`` whatever host the
request used, and the default Wagtail ``Site`` follows ``SITE_URL``."""

import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db.models.signals import post_migrate
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from core.canonical import page_url, site_url, sync_default_site
from registry.catalogue.models import ProductPage
from tests.factories import (
    ArtisanPageFactory,
    CraftVillagePageFactory,
    NewsPageFactory,
    ProducerFactory,
    ProductPageFactory,
    StandardPageFactory,
)
from tests.sitemaps import index_locations, sitemap_entries
from tests.translating import translate

pytestmark = pytest.mark.django_db

CANONICAL = "https://khuyencong.example.org"
OTHER_HOST = {"HTTP_HOST": "other-host.example"}


@pytest.fixture
def content(settings, home_page):
    settings.SITE_URL = CANONICAL
    ProductPageFactory(title="Cà phê Đắk Đoa", slug="ca-phe-dak-doa", producer=ProducerFactory(slug="co-so-a"))
    CraftVillagePageFactory(slug="lang-gom")
    ArtisanPageFactory(slug="nghe-nhan-a")
    NewsPageFactory(slug="tin-a")
    StandardPageFactory(slug="gioi-thieu", parent=home_page)
    hidden = StandardPageFactory(slug="noi-bo", parent=home_page)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(slug="nhap", parent=home_page, live=False)


def _sitemap(client):
    """{loc: {hreflang: href}} of every entry of every section page the index links (each listed once)."""
    found = sitemap_entries(client, **OTHER_HOST)
    entries = {loc: alternates for loc, alternates, _lastmod in found}
    assert len(entries) == len(found)
    return entries


def test_sitemap_lists_every_page_and_its_english_version_only_where_one_exists(client, content, home_page):
    product = ProductPage.objects.get(slug="ca-phe-dak-doa")
    translate(product, title="Dak Doa coffee")
    entries = _sitemap(client)
    pages = home_page.get_descendants(inclusive=True).live().public().specific()
    assert pages.count() >= 9
    for page in pages:
        path = page.get_url_parts()[2]
        vi, en = CANONICAL + path, CANONICAL + "/en" + path
        assert vi in entries, path
        if page.pk == product.pk:  # translated: both addresses, each with the alternates
            assert entries[vi] == entries[en] == {"vi": vi, "en": en, "x-default": vi}
        else:  # not translated: the /en/ address would only repeat the Vietnamese text
            assert en not in entries and entries[vi] == {}, path
    locations = " ".join(entries)
    assert "/noi-bo/" not in locations and "/nhap/" not in locations  # private and draft pages are not listed


def test_sitemap_lists_producers_at_their_vietnamese_address_only(client, content):
    """A producer's profile is Vietnamese-only content (producers are not translatable): its /en/ address, the same
    text under the English interface, is neither listed nor an hreflang alternate (issue 13)."""
    entries = _sitemap(client)
    vi, en = CANONICAL + "/co-so/co-so-a/", CANONICAL + "/en/co-so/co-so-a/"
    assert vi in entries and entries[vi] == {}
    assert en not in entries


def test_every_sitemap_url_is_on_site_url(client, content):
    entries = _sitemap(client)
    urls = list(entries) + [href for alternates in entries.values() for href in alternates.values()]
    urls += index_locations(client, **OTHER_HOST)  # the index's links to its sections too
    assert urls and all(url.startswith(CANONICAL + "/") for url in urls)


@pytest.mark.parametrize("path", ["/tin-tuc/rss/", "/tin-tuc/atom/"])
def test_feed_links_and_guids_are_on_site_url(client, content, path):
    response = client.get(path, **OTHER_HOST)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    links = [el.text for el in root.iter() if el.tag in ("link", "guid", "{http://www.w3.org/2005/Atom}id") and el.text]
    links += [el.get("href") for el in root.iter() if el.get("href")]
    assert any("/tin-tuc/tin-a/" in link for link in links)
    assert links and all(link.startswith(CANONICAL + "/") for link in links), links


def test_open_data_and_api_urls_are_on_site_url(client, content):
    csv = client.get("/du-lieu-mo/producers.csv", **OTHER_HOST)
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert CANONICAL + "/co-so/co-so-a/" in body and "other-host" not in body
    products = client.get("/du-lieu-mo/products.csv", **OTHER_HOST)
    body = b"".join(products.streaming_content).decode() if products.streaming else products.content.decode()
    assert CANONICAL + "/san-pham/ca-phe-dak-doa/" in body


def test_site_url_helpers(settings):
    settings.SITE_URL = CANONICAL
    assert site_url("/tin-tuc/") == CANONICAL + "/tin-tuc/"
    assert site_url("http://localhost/tin-tuc/?page=2") == CANONICAL + "/tin-tuc/?page=2"
    assert site_url("/đ\x0b/") == CANONICAL + "/%C4%91%0B/"
    assert site_url("") == ""


def test_page_url_follows_the_active_language(settings, content):
    page = Page.objects.get(slug="tin-a")
    assert page_url(page) == CANONICAL + "/tin-tuc/tin-a/"
    with translation.override("en"):
        assert page_url(page) == CANONICAL + "/en/tin-tuc/tin-a/"


def test_default_site_follows_site_url_after_migrate(settings, home_page):
    settings.SITE_URL = "https://khuyencong.gialai.gov.vn"
    post_migrate.send(sender=apps.get_app_config("core"), app_config=apps.get_app_config("core"), verbosity=0,
                      interactive=False, using="default", plan=[], apps=apps)  # fmt: skip
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("khuyencong.gialai.gov.vn", 443)
    assert Page.objects.get(slug="home").full_url == "https://khuyencong.gialai.gov.vn/"
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert sync_default_site() is True
    assert sync_default_site() is False
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
