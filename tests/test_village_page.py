"""The craft village page with the page cache off (issue 14): what it lists beside its own text (products, artisans)
and its pictures and commune are read once per page-cache generation (core/shared_data.py), so every write that
changes them shows on the next request; its own text and rows are read on every request."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from config.settings import base as base_settings
from registry.catalogue.models.villages import ARTISANS_PARAM, ARTISANS_PER_PAGE
from tests.factories import (
    ArtisanPageFactory,
    CraftVillagePageFactory,
    ImageFactory,
    ProducerFactory,
    ProductPageFactory,
)
from tests.test_query_shapes import _no_page_cache  # noqa: F401  (autouse: every request rendered)
from tests.translating import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(home_page):
    village = CraftVillagePageFactory(title="Làng dệt Phung", hero_image=ImageFactory())
    producer = ProducerFactory(name="HTX Dệt Phung")
    ProductPageFactory(title="Khăn thổ cẩm", craft_village=village, producer=producer, hero_image=ImageFactory())
    ArtisanPageFactory(title="Rơ Châm H'Lin", craft_village=village)
    return village


def html_of(client, page, prefix=""):
    """The page rendered for an anonymous visitor (``prefix`` "/en": in English)."""
    with translation.override("vi"):  # the address in Vietnamese: a request in English leaves English active
        path = prefix + page.url
    response = client.get(path)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return response.content.decode()


def test_the_lists_follow_every_publish(client, village):
    assert "Khăn thổ cẩm" in html_of(client, village)
    added = ProductPageFactory(title="Váy thổ cẩm", craft_village=village)
    assert "Váy thổ cẩm" in html_of(client, village)
    added.unpublish()
    assert "Váy thổ cẩm" not in html_of(client, village)
    ArtisanPageFactory(title="Ksor H'Bloanh", craft_village=village)
    assert "Ksor H&#x27;Bloanh" in html_of(client, village)


def test_a_producer_renamed_or_a_product_made_private_shows_at_once(client, village):
    product = village.products.get()
    assert "HTX Dệt Phung" in html_of(client, village)
    product.producer.name = "Hợp tác xã Dệt Phung"
    product.producer.save()
    assert "Hợp tác xã Dệt Phung" in html_of(client, village)
    PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.LOGIN)
    assert "Khăn thổ cẩm" not in html_of(client, village)


def test_the_page_own_text_and_commune_are_current(client, village):
    html_of(client, village)
    village.summary = "Làng có 120 hộ dệt."
    village.save_revision().publish()
    assert "Làng có 120 hộ dệt." in html_of(client, village)
    commune = village.commune
    commune.name = "Ia Phang"
    commune.save()
    assert "Ia Phang" in html_of(client, village)


def test_each_language_gets_its_own_lists(client, village):
    translate(village.products.get(), title="Brocade scarf")
    english = html_of(client, village, "/en")
    assert "Brocade scarf" in english
    vietnamese = html_of(client, village)
    assert "Khăn thổ cẩm" in vietnamese and "Brocade scarf" not in vietnamese


def stem(image):
    """What every rendition address of ``image`` contains: its file's name without the extension."""
    return image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def test_a_replaced_picture_is_drawn_at_once(client, village):
    old = village.hero_image
    assert stem(old) in html_of(client, village)
    new = ImageFactory(file__filename="anh-moi.jpg")
    village.hero_image = new
    village.save_revision().publish()
    html = html_of(client, village)
    assert stem(new) in html and stem(old) not in html


# Issue 18: a village's artisans are paged like its products (``?nghe-nhan=``, 12 a page), each pager keeping the
# other's page, so the page does not grow with them.

ARTISAN_LINK = re.compile(r'<a href="/nghe-nhan/[^"]*"[^>]*>Nghệ nhân (\d\d\d)</a>')


def _pager(html, label):
    """The links of the pagination named ``label`` (its ``aria-label``): {text: href}."""
    nav = re.search(rf'<nav class="pagination-nav" aria-label="{label}">.*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', nav, re.S)
    return {re.sub(r"<[^>]+>", "", text).strip(): unescape(href) for href, text in links}


@pytest.fixture
def crowded(home_page):
    """A village with 15 artisans and 15 products: two pages of each."""
    village = CraftVillagePageFactory(title="Làng dệt Phung")
    producer = ProducerFactory()
    for n in range(ARTISANS_PER_PAGE + 3):
        ArtisanPageFactory(title=f"Nghệ nhân {n:03d}", slug=f"nn-{n:03d}", craft_village=village)
        ProductPageFactory(title=f"Sản phẩm {n:02d}", craft_village=village, producer=producer)
    return village


def test_artisans_are_paged_and_the_heading_gives_their_total(client, crowded):
    first = html_of(client, crowded)
    assert ARTISAN_LINK.findall(first) == [f"{n:03d}" for n in range(ARTISANS_PER_PAGE)]
    assert '<h2 id="artisans-h">Nghệ nhân (15)</h2>' in first
    artisans = _pager(first, "Phân trang nghệ nhân")
    assert artisans["Trang sau ›"] == f"?{ARTISANS_PARAM}=2#artisans-h" == artisans["Trang 2"]
    products = _pager(first, "Phân trang sản phẩm")
    assert products["Trang sau ›"] == "?page=2#products-h"

    second = client.get(crowded.url + artisans["Trang sau ›"].split("#")[0]).content.decode()
    assert ARTISAN_LINK.findall(second) == [f"{n:03d}" for n in range(ARTISANS_PER_PAGE, ARTISANS_PER_PAGE + 3)]
    assert "Sản phẩm 00" in second and "Sản phẩm 12" not in second  # the products stay on their first page
    assert _pager(second, "Phân trang sản phẩm")["Trang 2"] == f"?{ARTISANS_PARAM}=2&page=2#products-h"
    assert _pager(second, "Phân trang nghệ nhân")["Trang 1"] == f"{crowded.url}#artisans-h"

    both = client.get(crowded.url, {"page": "2", ARTISANS_PARAM: "2"}).content.decode()
    assert ARTISAN_LINK.findall(both) == ["012", "013", "014"] and "Sản phẩm 12" in both
    assert _pager(both, "Phân trang nghệ nhân")["Trang 1"] == "?page=2#artisans-h"  # keeps the products' page
    assert _pager(both, "Phân trang sản phẩm")["Trang 1"] == f"?{ARTISANS_PARAM}=2#products-h"

    english = client.get("/en" + crowded.url).content.decode()
    assert '<h2 id="artisans-h">Artisans (15)</h2>' in english


def test_hostile_artisan_page_numbers_show_the_first_page(client, crowded):
    for value in ["-1", "0", "abc", "1" + "0" * 20, "2\u0301", "\u0662", "２", "1.5", "%00", " 2", ""]:
        response = client.get(crowded.url, {ARTISANS_PARAM: value, "page": value})
        assert response.status_code == 200, value
        assert ARTISAN_LINK.findall(response.content.decode())[:1] == ["000"], value


def test_a_page_past_the_last_shows_the_last(client, crowded):
    html = client.get(crowded.url, {ARTISANS_PARAM: "999"}).content.decode()
    assert ARTISAN_LINK.findall(html) == ["012", "013", "014"]


def test_each_artisan_page_is_page_cached_on_its_own(client, crowded, settings):
    settings.MIDDLEWARE = base_settings.MIDDLEWARE  # the page cache back (this module renders every request)
    settings.PAGE_CACHE_SECONDS = 600
    url = f"{crowded.url}?{ARTISANS_PARAM}=2"
    for _ in range(2):  # a URL with a query string is stored on its second request
        client.get(url)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and ARTISAN_LINK.findall(hit.content.decode())[0] == "012"
    first = client.get(crowded.url)
    assert ARTISAN_LINK.findall(first.content.decode())[0] == "000"


def _cost(client, url):
    """(bytes, queries) of ``url``: warm (what the village shows beside its text already stored in this
    generation) and cold (a new generation: everything read again)."""
    from core.page_cache import invalidate

    invalidate()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(warm.captured_queries), len(cold.captured_queries)


def test_the_page_does_not_grow_with_its_artisans(client, home_page):
    """1× (12 artisans, a full page) against 10× (120): same queries, warm and cold, and the same size within a
    few bytes (a bigger total, more page numbers)."""
    village = CraftVillagePageFactory(title="Làng dệt Phung")
    for n in range(ARTISANS_PER_PAGE):
        ArtisanPageFactory(title=f"Nghệ nhân {n:03d}", slug=f"nn-{n:03d}", craft_village=village)
    small = {url: _cost(client, url) for url in (village.url, f"{village.url}?{ARTISANS_PARAM}=2")}
    for n in range(ARTISANS_PER_PAGE, 10 * ARTISANS_PER_PAGE):
        ArtisanPageFactory(title=f"Nghệ nhân {n:03d}", slug=f"nn-{n:03d}", craft_village=village)
    for url, (size, warm, cold) in small.items():
        bigger, more_warm, more_cold = _cost(client, url)
        assert (more_warm, more_cold) == (warm, cold), url
        assert abs(bigger - size) < 1500, (url, size, bigger)
    assert len(ARTISAN_LINK.findall(html_of(client, village))) == ARTISANS_PER_PAGE
