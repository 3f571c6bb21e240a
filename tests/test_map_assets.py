"""The craft-village map's files (issue 13): Leaflet and Leaflet.markercluster are vendored with their licences and
named by the map element, which static/js/map.js loads only once the map is on screen; nothing comes from
a CDN and the page's <head> carries no map style sheet."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CraftVillagePageFactory, village_index

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "static"


def test_markercluster_is_vendored_with_its_licence():
    folder = STATIC / "vendor" / "leaflet.markercluster"
    assert (
        "MIT" in (folder / "LICENSE").read_text() or "Permission is hereby granted" in (folder / "LICENSE").read_text()
    )
    assert "1.5.3" in (folder / "VERSION").read_text()
    script = (folder / "leaflet.markercluster.js").read_text()
    assert "MarkerClusterGroup" in script


def test_village_listing_names_the_map_files_and_loads_them_lazily(client, home_page):
    village_index()
    CraftVillagePageFactory(title="Làng Phung", latitude="13.995", longitude="107.989")
    html = client.get("/lang-nghe/").content.decode()
    element = re.search(r"<div class=\"village-map[^>]*>", html).group(0)
    css = re.search(r'data-map-css="([^"]*)"', element).group(1).split()
    js = re.search(r'data-map-js="([^"]*)"', element).group(1).split()
    assert [Path(u).name for u in css] == ["leaflet.css", "MarkerCluster.css", "map.css"]
    assert [Path(u).name for u in js] == ["leaflet.js", "leaflet.markercluster.js"]  # the plugin after Leaflet
    for url in css + js:
        assert url.startswith(settings.STATIC_URL)
        assert (STATIC / url[len(settings.STATIC_URL) :]).is_file(), url
    head = html[: html.index("</head>")]
    assert "leaflet" not in head.lower()  # no render-blocking map CSS
    assert 'src="/static/js/map.js"' in html and "unpkg" not in html and "cdn" not in html.lower()
