"""The village list's map loads its villages from /lang-nghe/geojson/ (issue 18, item 4): the page holds no marker
data, the browser fetches the GeoJSON once the map is on screen and draws every village of it as a marker or inside
a numbered cluster, at 390 and 1280 px. Tiles are blocked: nothing but the site's own files is loaded."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.models import SiteSettings
from tests.factories import CraftVillagePageFactory, village_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COUNTS = """els => els.map(e => {
  const count = e.querySelector('.village-cluster__count');
  return {cls: e.className, count: count ? +count.textContent : 1};
})"""


@pytest.fixture
def forty_villages(settings, home_page):
    """40 villages inside the province box of the site settings, more than three pages of the list."""
    settings.MAP_TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    settings.PAGE_CACHE_SECONDS = 0
    site_settings = SiteSettings.load()
    site_settings.map_center_lat, site_settings.map_center_lng, site_settings.map_zoom = (
        Decimal("13.90"),
        Decimal("108.50"),
        8,
    )
    site_settings.bounds_south, site_settings.bounds_west = Decimal("12.90"), Decimal("107.30")
    site_settings.bounds_north, site_settings.bounds_east = Decimal("14.70"), Decimal("109.45")
    site_settings.save()
    village_index()
    for n in range(40):
        CraftVillagePageFactory(
            title=f"Làng {n:02d}",
            slug=f"lang-{n:02d}",
            commune=None,
            latitude=Decimal("13.2") + Decimal(n % 8) / 10,
            longitude=Decimal("107.8") + Decimal(n // 8) / 4,
        )
    return 40


@pytest.mark.parametrize("width", [390, 1280])
def test_map_draws_the_villages_it_fetched(browser, live_server, forty_villages, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.route("https://tiles.invalid/**", lambda route: route.abort())
    with page.expect_response(lambda r: "/lang-nghe/geojson/" in r.url) as answer:
        page.goto(live_server.url + "/lang-nghe/")
        page.locator(".village-map").scroll_into_view_if_needed()
    assert page.locator("#village-markers").count() == 0  # no marker data in the page itself
    assert answer.value.status == 200 and answer.value.headers["content-type"] == "application/geo+json"
    fetched = answer.value.json()["features"]
    assert len(fetched) == forty_villages

    expect(page.locator(".village-map[data-markers-drawn]")).to_have_attribute("data-markers-drawn", "40")
    expect(page.locator(".village-map .leaflet-marker-icon").first).to_be_visible()
    page.wait_for_timeout(500)  # markercluster's animation
    targets = page.locator(".village-map .leaflet-marker-icon").evaluate_all(COUNTS)
    assert any("village-cluster" in t["cls"] for t in targets)  # clustered
    assert sum(t["count"] for t in targets) == forty_villages  # each village once, alone or in a cluster

    # Tapping a cluster zooms in and shows fewer villages per target; the list below still pages (no JS needed).
    page.locator(".village-map .village-cluster").first.click()
    page.wait_for_timeout(600)
    assert page.locator(".village-map .leaflet-marker-icon").count() >= 1
    expect(page.locator("#results .pagination")).to_be_visible()
    context.close()
