"""One pagination, one map, no inline code: every listing renders the same pagination include (keeping the other
query-string parameters), the home page and the village pages draw the same marker JSON with the map view of the
site settings, and the public templates carry no inline script or injected style (ready for a strict CSP)."""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings as django_settings

from core.models import SiteSettings
from home.models import HomePage
from tests.factories import (
    ArtisanPageFactory,
    CraftVillagePageFactory,
    NewsPageFactory,
    ProductPageFactory,
    artisan_index,
    news_index,
    village_index,
)

pytestmark = pytest.mark.django_db

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"
STATIC = Path(django_settings.BASE_DIR) / "static"
NOT_OURS = {"competitions", "jury"}  # templates edited on another branch
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class Elements(HTMLParser):
    """Every start tag as (tag, attrs dict), and the text of each <script>, in document order."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._script = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = {"attrs": attrs, "text": ""}
            self.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def _nav(html):
    match = re.search(r'<nav class="pagination-nav".*?</nav>', html, re.S)
    assert match, "no pagination include on the page"
    return match.group(0)


def _links(nav):
    """{label: href} of the nav's links, the label being the link's visible text."""
    links = {}
    for href, inner in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', nav, re.S):
        text = re.sub(r"<[^>]+>", " ", inner)
        links[" ".join(text.split())] = href.replace("&amp;", "&")
    return links


def _shape(nav):
    """The nav with its URLs and page numbers blanked: the markup every listing must share."""
    return re.sub(r"\s+", " ", re.sub(r'href="[^"]*"', 'href=""', nav)).strip()


def _params(href):
    return sorted(parse_qsl(urlsplit(href).query))


@pytest.fixture
def two_pages_of_everything(home_page):
    """13 of each listed type: two pages everywhere (12 a page, 10 for the site search)."""
    news_index()
    artisan_index()
    village_index()
    for n in range(13):
        ProductPageFactory(title=f"Gạo nếp Ia Pa {n:02d}", slug=f"gao-nep-{n:02d}")
        NewsPageFactory(title=f"Tin số {n:02d}", date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
        ArtisanPageFactory(title=f"Nghệ nhân {n:02d}")
        CraftVillagePageFactory(title=f"Làng {n:02d}", latitude=f"{13.5 + n / 100}", longitude="108.2")


LISTINGS = [
    ("/san-pham/", [("group", "processed-food"), ("group", "handicraft"), ("sort", "name")]),
    ("/tin-tuc/", [("ref", "a"), ("ref", "b")]),
    ("/nghe-nhan/", [("sort", "experience"), ("ref", "a"), ("ref", "b")]),
    ("/lang-nghe/", [("sort", "households"), ("ref", "a"), ("ref", "b")]),
    ("/tim-kiem/", [("q", "gao nep"), ("ref", "a"), ("ref", "b")]),
]


def test_every_listing_uses_the_one_pagination_include(client, two_pages_of_everything):
    shapes = {}
    for path, params in LISTINGS:
        first = client.get(path, params)
        assert first.status_code == 200, path
        assert "includes/pagination.html" in [t.name for t in first.templates], path
        nav = _nav(first.content.decode())
        assert 'aria-label="Phân trang"' in nav
        assert re.search(r'<span aria-current="page"><span class="visually-hidden">Trang </span>1</span>', nav), path
        links = _links(nav)
        # Page 2 keeps every other parameter, repeated ones included, in their order.
        assert _params(links["Trang 2"]) == sorted([*params, ("page", "2")]), path
        assert links["Trang 2"] == links["Trang sau ›"], path
        assert 'rel="next"' in nav and 'rel="prev"' not in nav
        shapes[path] = _shape(nav)

        second = client.get(path, [*params, ("page", "2")])
        nav2 = _nav(second.content.decode())
        assert re.search(r'aria-current="page"><span class="visually-hidden">Trang </span>2</span>', nav2), path
        back = _links(nav2)
        # Page 1 is the listing without ?page, the other parameters still there.
        assert back["Trang 1"] == back["‹ Trang trước"], path
        assert _params(back["Trang 1"]) == sorted(params), path
        assert "page=" not in back["Trang 1"], path
    assert len(set(shapes.values())) == 1, shapes


def test_page_one_without_other_parameters_is_the_bare_path(client, two_pages_of_everything):
    nav = _nav(client.get("/tin-tuc/", {"page": "2"}).content.decode())
    assert _links(nav)["Trang 1"] == "/tin-tuc/"
    assert 'href="?page=2"' in _nav(client.get("/tin-tuc/").content.decode())


def test_pagination_labels_are_translated(client, two_pages_of_everything):
    nav = _nav(client.get("/en/tin-tuc/", {"page": "2"}).content.decode())
    assert 'aria-label="Pagination"' in nav
    assert {"‹ Previous page", "Page 1"} <= set(_links(nav))


def test_no_second_pagination_markup_in_templates():
    for template in TEMPLATES.rglob("*.html"):
        if template.relative_to(TEMPLATES).parts[0] in NOT_OURS or template.name == "pagination.html":
            continue
        text = template.read_text(encoding="utf-8")
        assert 'class="pagination' not in text and "page_range" not in text, template
        assert not re.search(r'href="\?[^"]*page=', text), template
    assert not (TEMPLATES / "search" / "includes" / "pagination.html").exists()


# One map -------------------------------------------------------------------------------------------------------


def _map(html, client=None):
    """The one map of ``html`` and its markers: from its JSON script, or fetched from its GeoJSON address (the
    village list) and read the way static/js/map.js reads them."""
    elements = Elements(html)
    maps = [attrs for tag, attrs in elements.tags if "data-village-map" in attrs]
    assert len(maps) == 1
    sources = [s["attrs"]["src"] for s in elements.scripts if s["attrs"].get("src")]
    assert sum("js/map.js" in src for src in sources) == 1
    if "data-geojson" in maps[0]:
        assert "data-markers" not in maps[0] and not [s for s in elements.scripts if s["attrs"].get("id")]
        features = client.get(maps[0]["data-geojson"]).json()["features"]
        return maps[0], [
            {
                "title": f["properties"]["name"],
                "url": f["properties"]["url"],
                "lat": f["geometry"]["coordinates"][1],
                "lng": f["geometry"]["coordinates"][0],
                "trade": f["properties"]["trade"],
            }
            for f in features
        ]
    data = [s for s in elements.scripts if s["attrs"].get("id") == maps[0]["data-markers"]]
    assert len(data) == 1 and data[0]["attrs"]["type"] == "application/json"
    return maps[0], json.loads(data[0]["text"])


def _villages_on_the_home_page(home):
    home = HomePage.objects.get(pk=home.pk)
    home.sections = [("villages_map", {"heading": "Bản đồ làng nghề", "text": "", "count": 3})]
    home.save_revision().publish()


def test_home_and_village_pages_share_marker_shape_and_map_settings(client, home_page):
    village_index()
    CraftVillagePageFactory(title="Làng Phung", latitude="13.995", longitude="107.989", main_trade="Dệt thổ cẩm")
    CraftVillagePageFactory(title="Làng rượu Bàu Đá", latitude="13.882", longitude="109.013", main_trade="Rượu")
    CraftVillagePageFactory(title="Làng chưa có tọa độ", latitude=None, longitude=None)
    _villages_on_the_home_page(home_page)
    site_settings = SiteSettings.load()
    site_settings.province_name = "Kon Tum"
    site_settings.map_center_lat, site_settings.map_center_lng, site_settings.map_zoom = 14.35, 107.98, 9
    site_settings.bounds_south, site_settings.bounds_west = 13.9, 107.3
    site_settings.bounds_north, site_settings.bounds_east = 15.4, 108.55
    site_settings.save()

    home_map, home_markers = _map(client.get("/").content.decode(), client)
    list_map, list_markers = _map(client.get("/lang-nghe/").content.decode(), client)
    for element in (home_map, list_map):
        assert element["data-center"] == "14.35,107.98"
        assert element["data-zoom"] == "9"
        assert element["data-bounds"] == "13.9,107.3,15.4,108.55"
        assert element["data-tile-url"] == django_settings.MAP_TILE_URL
        assert element["data-cluster-label"] == "{count} làng nghề — phóng to"  # a cluster's name (static/js/map.js)
    assert home_markers == list_markers
    assert {m["title"] for m in home_markers} == {"Làng Phung", "Làng rượu Bàu Đá"}
    phung = next(m for m in home_markers if m["title"] == "Làng Phung")
    assert phung["url"].startswith("/lang-nghe/")
    assert phung == {"title": "Làng Phung", "url": phung["url"], "lat": 13.995, "lng": 107.989, "trade": "Dệt thổ cẩm"}

    village_map, village_markers = _map(client.get(phung["url"]).content.decode())
    assert village_map["data-center"] == "14.35,107.98"
    assert [set(m) for m in village_markers] == [set(phung)]


def test_map_numbers_ignore_the_vietnamese_decimal_comma(client, home_page):
    village_index()
    CraftVillagePageFactory(title="Làng Phung", latitude="13.995", longitude="107.989")
    CraftVillagePageFactory(title="Làng Bàu Đá", latitude="13.882", longitude="109.013")
    html = client.get("/lang-nghe/").content.decode()
    element, _markers = _map(html, client)
    defaults = SiteSettings.load().map_config
    assert element["data-center"] == "{},{}".format(*defaults["center"])
    assert "," not in element["data-zoom"] and len(element["data-bounds"].split(",")) == 4


# No inline code, no injected style, nothing hard-coded to one province ------------------------------------------


def _our_templates():
    for template in sorted(TEMPLATES.rglob("*.html")):
        if template.relative_to(TEMPLATES).parts[0] not in NOT_OURS:
            yield template


def test_templates_have_no_inline_script_or_style():
    for template in _our_templates():
        text = template.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            if "src=" in attrs:
                assert not body.strip(), template
            else:
                kind = re.search(r'type="([^"]+)"', attrs)
                assert kind and kind.group(1) in DATA_SCRIPT_TYPES, f"inline script in {template}"
        assert not re.search(r"\sstyle=", text), f"style attribute in {template}"
        assert not re.search(r"<style\b", text), f"<style> element in {template}"
        assert not re.search(r"\son[a-z]+=", text), f"inline event handler in {template}"


def test_rendered_pages_have_only_data_scripts(client, home_page):
    village_index()
    CraftVillagePageFactory(title="Làng Phung", latitude="13.995", longitude="107.989")
    _villages_on_the_home_page(home_page)
    for path in ("/", "/lang-nghe/"):
        for script in Elements(client.get(path).content.decode()).scripts:
            if not script["attrs"].get("src"):
                assert script["attrs"].get("type") in DATA_SCRIPT_TYPES, (path, script)


def test_scripts_inject_no_css():
    for script in sorted((STATIC / "js").glob("*.js")):
        if script.name == "scoring.js":  # another branch's file
            continue
        text = script.read_text(encoding="utf-8")
        assert 'createElement("style")' not in text and "insertRule" not in text, script
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b", text), f"hard-coded colour in {script}"
    site_css = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    assert ".autocomplete__list {" in site_css and ".autocomplete__option[aria-selected" in site_css


def test_nothing_is_hard_coded_to_one_province():
    files = [*_our_templates(), *(p for p in STATIC.rglob("*") if p.suffix in {".js", ".css", ".html"})]
    for path in files:
        if "vendor" in path.parts or path.name in {"scoring.js", "jury.css"}:
            continue
        assert "gia lai" not in path.read_text(encoding="utf-8").lower(), path


def test_open_data_licence_credits_the_site_name(client, home_page):
    site_settings = SiteSettings.load()
    site_settings.site_name = "Trung tâm Khuyến công tỉnh Kon Tum"
    site_settings.save()
    assert "ghi rõ nguồn “Trung tâm Khuyến công tỉnh Kon Tum”" in client.get("/du-lieu-mo/").content.decode()
    english = client.get("/en/du-lieu-mo/").content.decode()
    assert "provided you credit “Trung tâm Khuyến công tỉnh Kon Tum”" in english
