"""The craft-village map on a 390 px phone (issue 13): at the default zoom the eleven Gia Lai villages of the demo are
drawn as markers and numbered clusters (Leaflet.markercluster, vendored), each a tap target of at least 44 × 44 px, no
two overlapping, together standing for every village; the attribution reads at 4.5:1 or better. Tiles are blocked:
nothing but the site's own files is loaded."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.models import SiteSettings
from demo.catalogue_villages import VILLAGES
from tests.factories import CraftVillagePageFactory, village_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}

TARGETS = """els => els.map(e => {
  const r = e.getBoundingClientRect();
  const count = e.querySelector('.village-cluster__count');
  return {x: r.x, y: r.y, w: r.width, h: r.height, cls: e.className, count: count ? +count.textContent : 1,
          text: e.textContent, role: e.getAttribute('role'), name: e.getAttribute('aria-label')};
})"""

# Colour of the attribution's text and links, and the background behind them (solid, so the tiles do not matter).
ATTRIBUTION = """el => {
  const bg = getComputedStyle(el).backgroundColor;
  return [getComputedStyle(el).color, getComputedStyle(el.querySelector('a')).color, bg];
}"""


def _rgb(css):
    parts = css[css.index("(") + 1 : css.index(")")].replace("/", " ").replace(",", " ").split()
    return [float(p) for p in parts]


def _luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    """WCAG contrast ratio of two computed CSS colours (the background must be opaque)."""
    assert len(_rgb(bg)) == 3 or _rgb(bg)[3] == 1, f"the attribution's background is not opaque: {bg}"
    high, low = sorted((_luminance(_rgb(fg)), _luminance(_rgb(bg))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def overlap(a, b):
    return min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 0.5 and (
        min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 0.5
    )


@pytest.fixture
def gia_lai(settings, home_page):
    """The demo's villages and map settings (Gia Lai, zoom 8): the data of the failure report."""
    settings.MAP_TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
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
    for slug, title, _kind, trade, *_rest in VILLAGES:
        lat, lng = _rest[2], _rest[3]
        CraftVillagePageFactory(slug=slug, title=title, main_trade=trade, latitude=lat, longitude=lng)
    return len(VILLAGES)


def _targets(page):
    """Marker and cluster elements of the map once markercluster has settled (no animation running)."""
    page.locator(".village-map").scroll_into_view_if_needed()
    expect(page.locator(".village-map .leaflet-marker-icon").first).to_be_visible()
    previous = None
    for _ in range(20):
        targets = page.locator(".village-map .leaflet-marker-icon").evaluate_all(TARGETS)
        if targets == previous:
            return targets
        previous = targets
        page.wait_for_timeout(250)
    return previous


def test_villages_map_at_390px_has_separate_44px_targets(browser, live_server, gia_lai):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.route("https://tiles.invalid/**", lambda route: route.abort())
    page.goto(live_server.url + "/lang-nghe/")

    targets = _targets(page)
    box = page.locator(".village-map").bounding_box()
    visible = [
        t
        for t in targets
        if t["x"] + t["w"] > box["x"]
        and t["x"] < box["x"] + box["width"]
        and t["y"] + t["h"] > box["y"]
        and t["y"] < box["y"] + box["height"]
    ]
    assert visible == targets, "every village is inside the default view"
    assert sum(t["count"] for t in targets) == gia_lai  # each village once, alone or in a cluster
    assert any("village-cluster" in t["cls"] for t in targets)  # the seven crowded villages were clustered
    for target in targets:
        assert target["w"] >= 44 and target["h"] >= 44, target
    for cluster in (t for t in targets if "village-cluster" in t["cls"]):  # a button named by its count
        assert cluster["role"] == "button" and cluster["name"] == f"{cluster['count']} làng nghề — phóng to", cluster
    for i, a in enumerate(targets):
        for b in targets[i + 1 :]:
            assert not overlap(a, b), (a, b)

    text, link, background = page.locator(".village-map .leaflet-control-attribution").evaluate(ATTRIBUTION)
    assert contrast(text, background) >= 4.5
    assert contrast(link, background) >= 4.5
    zoom_in = page.locator(".village-map .leaflet-control-zoom-in").bounding_box()
    assert zoom_in["width"] >= 44 and zoom_in["height"] >= 44

    # Tapping a cluster zooms in: villages it held show as their own markers, still apart.
    alone = {t["text"] for t in targets if "village-marker" in t["cls"]}
    page.locator(".village-map .village-cluster").first.click()
    page.wait_for_timeout(600)
    zoomed = _targets(page)
    assert {t["text"] for t in zoomed if "village-marker" in t["cls"]} - alone
    for i, a in enumerate(zoomed):
        for b in zoomed[i + 1 :]:
            assert not overlap(a, b), (a, b)
    context.close()


def test_english_map_clusters_are_named_in_english(browser, live_server, gia_lai):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.route("https://tiles.invalid/**", lambda route: route.abort())
    page.goto(live_server.url + "/en/lang-nghe/")
    clusters = [t for t in _targets(page) if "village-cluster" in t["cls"]]
    assert clusters
    for cluster in clusters:
        assert cluster["name"] == f"{cluster['count']} craft villages — zoom in", cluster
        assert cluster["w"] >= 44 and cluster["h"] >= 44
    context.close()
