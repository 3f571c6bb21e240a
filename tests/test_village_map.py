"""Issue 18, item 4 and the village part of item 3: the craft-village map loads its villages as GeoJSON from
``/lang-nghe/geojson/`` (the same villages as every page of the list, only live public ones, cached and revalidated
by ETag), the list's HTML and the village page's product list stay the same size and query count whatever the
number of villages or products, and a bad ``?page=`` is never an error."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from registry.catalogue.choices import TradeGroup, VillageType
from registry.catalogue.models import CraftVillagePage, TradeGroupTag
from registry.catalogue.models.villages import PRODUCTS_PER_PAGE
from tests.factories import CraftVillagePageFactory, ProducerFactory, ProductPageFactory, village_index

pytestmark = pytest.mark.django_db

RESULTS = re.compile(r'<section id="results".*?</section>', re.S)


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def _villages(count, start=0, **fields):
    """``count`` live villages with coordinates spread over Gia Lai, no commune (the commune filter stays the same)."""
    return [
        CraftVillagePageFactory(
            title=f"Làng {start + n:03d}",
            slug=f"lang-{start + n:03d}",
            commune=None,
            latitude=Decimal("13.5") + Decimal(start + n) / 1000,
            longitude=Decimal("108.0") + Decimal(start + n) / 500,
            **fields,
        )
        for n in range(count)
    ]


def _listed(client, url):
    """Addresses of the villages on every page of the list at ``url`` (following its "next page" links)."""
    found = []
    while url:
        html = client.get(url).content.decode()
        results = RESULTS.search(html).group(0)
        found += re.findall(r'<a href="(/lang-nghe/[^"?]+/)"', results)
        following = re.search(r'<a href="([^"]*)" rel="next"', results)
        url = "/lang-nghe/" + following.group(1).replace("&amp;", "&") if following else None
    return found


def _map_url(html):
    return re.search(r'data-geojson="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_geojson_has_the_villages_of_every_page_of_the_list(client, home_page, no_page_cache):
    villages = _villages(14)
    villages[0].village_type = VillageType.TRADITIONAL
    villages[0].save_revision().publish()
    for village in villages[:3]:  # a village of two trade groups is listed, and mapped, once
        village.trade_groups.set(
            TradeGroupTag.objects.filter(code__in=[TradeGroup.HANDICRAFTS, TradeGroup.CRAFTS_MATERIALS])
        )
        village.save_revision().publish()
    CraftVillagePageFactory(title="Làng chưa có tọa độ", slug="chua-co", commune=None, latitude=None, longitude=None)
    draft = CraftVillagePageFactory(title="Làng bản nháp", slug="ban-nhap", commune=None)
    draft.unpublish()
    private = CraftVillagePageFactory(title="Làng riêng tư", slug="rieng-tu", commune=None)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    sizes = {}
    for query in ("", "?type=traditional", f"?trade={TradeGroup.HANDICRAFTS}", "?trade=handicrafts&sort=households"):
        html = client.get("/lang-nghe/" + query).content.decode()
        response = client.get(_map_url(html))
        assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
        data = response.json()
        assert data["type"] == "FeatureCollection"
        mapped = {f["properties"]["url"]: f for f in data["features"]}
        assert len(mapped) == len(data["features"])  # each village once
        listed = _listed(client, "/lang-nghe/" + query)
        assert set(mapped) == set(listed) - {"/lang-nghe/chua-co/"}  # every village of the list that has a point
        for url, feature in mapped.items():
            page = CraftVillagePage.objects.get(url_path__endswith=url.removeprefix("/lang-nghe"))
            lng, lat = feature["geometry"]["coordinates"]  # RFC 7946: longitude first
            assert feature["geometry"]["type"] == "Point" and -180 <= lng <= 180 and -90 <= lat <= 90
            assert (lng, lat) == (float(page.longitude), float(page.latitude))
            assert feature["properties"]["name"] == page.title
        names = {f["properties"]["name"] for f in data["features"]}
        assert not names & {"Làng bản nháp", "Làng riêng tư", "Làng chưa có tọa độ"}
        sizes[query] = (len(listed), len(mapped))
    assert sizes[""] == (15, 14) and sizes["?type=traditional"] == (1, 1)  # the whole list is two pages
    assert sizes[f"?trade={TradeGroup.HANDICRAFTS}"] == (3, 3)


def test_geojson_properties_are_public_and_in_the_visitors_language(client, home_page, no_page_cache):
    village = _villages(1)[0]
    ProductPageFactory(title="Khăn thổ cẩm", craft_village=village)
    hidden = ProductPageFactory(title="Sản phẩm nháp", craft_village=village)
    hidden.unpublish()
    feature = client.get("/lang-nghe/geojson/").json()["features"][0]
    assert feature["properties"] == {
        "name": village.title,
        "trade": "Dệt thổ cẩm",
        "lang": "vi",
        "url": village.url,
        "type": "Làng nghề",
        "commune": None,
        "products": 1,
    }
    english = client.get("/en/lang-nghe/geojson/").json()["features"][0]["properties"]
    assert english["url"] == "/en/lang-nghe/lang-000/" and english["type"] == "Craft village"


def test_repeated_request_gets_304_until_a_village_changes(client, home_page, no_page_cache):
    village = _villages(2)[0]
    first = client.get("/lang-nghe/geojson/")
    etag = first["ETag"]
    assert etag and "no-cache" in first["Cache-Control"]
    again = client.get("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content

    village.title = "Làng Đổi Tên"
    village.save_revision().publish()
    changed = client.get("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Làng Đổi Tên" in {f["properties"]["name"] for f in changed.json()["features"]}
    assert client.get("/en/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


def test_geojson_is_page_cached_and_refreshed_by_an_edit(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 600
    village = _villages(2)[0]
    assert client.get("/lang-nghe/geojson/")["X-Page-Cache"] == "miss"
    assert client.get("/lang-nghe/geojson/")["X-Page-Cache"] == "hit"
    village.longitude = Decimal("108.5")
    village.save_revision().publish()
    fresh = client.get("/lang-nghe/geojson/")
    assert fresh["X-Page-Cache"] == "miss"
    assert [108.5, float(village.latitude)] in [f["geometry"]["coordinates"] for f in fresh.json()["features"]]


def test_a_page_cache_hit_answers_304_to_the_same_etag(client, home_page, settings):
    """The stored copy of the GeoJSON answers a browser that holds it with 304 too (no body, same ETag), without
    rendering; a new generation (a village published) gives the new data with a new ETag."""
    settings.PAGE_CACHE_SECONDS = 600
    village = _villages(2)[0]
    first = client.get("/lang-nghe/geojson/")
    etag = first["ETag"]
    assert first["X-Page-Cache"] == "miss" and etag
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    assert again["X-Page-Cache"] == "hit" and again["ETag"] == etag
    assert not any("catalogue_craftvillagepage" in q["sql"] for q in queries.captured_queries)
    assert client.head("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    other = client.get("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH='"another-version"')
    assert other.status_code == 200 and other["X-Page-Cache"] == "hit" and other.json()["features"]

    village.title = "Làng Đổi Tên"
    village.save_revision().publish()
    changed = client.get("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["X-Page-Cache"] == "miss" and changed["ETag"] != etag
    assert client.get("/lang-nghe/geojson/", HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def _measure(client, url):
    client.get(url)  # warm: per-generation shared data
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(response.content), len(queries.captured_queries)


def test_list_and_village_page_do_not_grow_with_the_data(client, home_page, no_page_cache):
    """1× vs 10× villages (24 and 240: full pages; and 1× vs 3× products of a village): the list's HTML and the village page stay the same
    size within a few bytes (counts with more digits), with the same number of queries; only the GeoJSON grows."""
    villages = _villages(24)  # two full pages of the list
    producer = ProducerFactory()
    products = [ProductPageFactory(title=f"Sản phẩm {n:02d}", craft_village=villages[0], producer=producer)
                for n in range(13)]  # fmt: skip
    small = {url: _measure(client, url) for url in ("/lang-nghe/", "/lang-nghe/?page=2", villages[0].url)}
    geojson_small = _measure(client, "/lang-nghe/geojson/")

    _villages(216, start=24)
    products += [ProductPageFactory(title=f"Sản phẩm {n:02d}", craft_village=villages[0], producer=producer)
                 for n in range(13, 39)]  # fmt: skip
    for url, (size, queries) in small.items():
        bigger, more_queries = _measure(client, url)
        assert more_queries == queries, url
        assert abs(bigger - size) < 1000, (url, size, bigger)  # more page numbers and digits only
    geojson_big = _measure(client, "/lang-nghe/geojson/")
    assert geojson_big[1] == geojson_small[1]
    assert geojson_big[0] > 8 * geojson_small[0]  # the villages went to the map's data, not the page
    html = client.get("/lang-nghe/").content.decode()
    assert "108.2" not in html and "Làng 239" not in html  # a village of a later page: neither its point nor name


def test_village_page_pages_through_its_products(client, home_page, no_page_cache):
    village = _villages(1)[0]
    producer = ProducerFactory()
    for n in range(PRODUCTS_PER_PAGE + 3):
        ProductPageFactory(title=f"Sản phẩm {n:02d}", craft_village=village, producer=producer)
    cards = re.compile(r'<h3 class="card__title"><a href="[^"]*">Sản phẩm (\d\d)</a>')
    first = client.get(village.url).content.decode()
    assert cards.findall(first) == [f"{n:02d}" for n in range(PRODUCTS_PER_PAGE)]
    assert "15 sản phẩm" in first and 'rel="next"' in first
    second = client.get(village.url + "?page=2").content.decode()
    assert cards.findall(second) == [f"{n:02d}" for n in range(PRODUCTS_PER_PAGE, PRODUCTS_PER_PAGE + 3)]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999999", "２", "1.5", "%00", "2" * 40])
def test_bad_page_numbers_are_never_an_error(client, home_page, no_page_cache, page):
    village = _villages(13)[0]
    ProductPageFactory(craft_village=village)
    for url in ("/lang-nghe/", village.url, "/lang-nghe/geojson/"):
        response = client.get(url, {"page": page, "commune": page, "type": page, "trade": page})
        assert response.status_code == 200, (url, page)
    assert len(client.get("/lang-nghe/geojson/", {"page": page, "type": page}).json()["features"]) == 13


def test_village_index_without_points_has_no_map(client, home_page, no_page_cache):
    village_index()
    CraftVillagePageFactory(title="Làng chưa có tọa độ", latitude=None, longitude=None)
    html = client.get("/lang-nghe/").content.decode()
    assert "data-village-map" not in html and "js/map.js" not in html
    assert client.get("/lang-nghe/geojson/").json() == {"type": "FeatureCollection", "features": []}
