"""The listings' filters as the server renders them (issue 13, item 6): the catalogue's panel is closed in the markup
(CSS opens it on wide screens: no script folds it after load, so no layout shift), options without results are
disabled unless selected, every commune is listed (no scroll box), a link skips the filters, headings go h1 → h2 →
h3, and the live-filter script is a static file (strict CSP: no inline script)."""

import re
from pathlib import Path

import pytest

from registry.catalogue.choices import TradeGroup, VillageType
from registry.catalogue.models import ArtisanTitle, TitleKind, TradeGroupTag
from tests.factories import ArtisanPageFactory, CommuneFactory, CraftVillagePageFactory, artisan_index
from tests.search_data import build_catalogue

pytestmark = pytest.mark.django_db


def _checkbox(html, name, value):
    match = re.search(rf'<input type="checkbox" name="{name}" value="{value}"[^>]*>', html)
    assert match, (name, value)
    return match.group(0)


def _option(html, select_id, value):
    select = re.search(rf'<select id="{select_id}".*?</select>', html, re.S).group(0)
    match = re.search(rf'<option value="{value}"[^>]*>[^<]*', select)
    assert match, (select_id, value)
    return match.group(0)


def _heading_levels(html):
    main = html[html.index("<main") : html.index("</main>")]
    return [int(level) for level in re.findall(r"<h([1-6])\b", main)]


def _assert_no_skipped_heading(html):
    levels = _heading_levels(html)
    assert levels and levels[0] == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_catalogue_options_without_results_are_disabled_unless_selected(client, home_page):
    build_catalogue()
    html = client.get("/san-pham/").content.decode()
    assert "disabled" not in _checkbox(html, "group", "handicraft")
    assert "disabled" in _checkbox(html, "group", "other")  # no product in that group
    assert "disabled" in _checkbox(html, "level", "national")
    # Handicrafts made by an SME: none. The ticked box stays enabled (it can be unticked); the others follow.
    html = client.get("/san-pham/?group=handicraft&producer_kind=sme").content.decode()
    ticked = _checkbox(html, "group", "handicraft")
    assert "checked" in ticked and "disabled" not in ticked
    assert "disabled" not in _checkbox(html, "group", "processed-food")
    assert "disabled" in _checkbox(html, "level", "provincial")  # no product under both filters


def test_catalogue_filter_panel_is_decided_by_markup_and_css(client, home_page):
    build_catalogue()
    html = client.get("/san-pham/?group=handicraft").content.decode()
    details = re.search(r"<details[^>]*data-facets[^>]*>", html).group(0)
    assert " open" not in details  # closed on a phone whatever is selected; CSS shows it from 900 px
    css = Path("static/css/search.css").read_text(encoding="utf-8")
    assert re.search(r"@media \(min-width: 900px\)[^@]*@supports selector\(::details-content\)", css)
    assert ".facets::details-content { content-visibility: visible;" in css
    # No script folds the panel after load any more (that was the 0.32 layout shift).
    for script in Path("static/js").glob("*.js"):
        assert 'removeAttribute("open")' not in script.read_text(encoding="utf-8"), script
    # Every commune listed, none hidden in a scroll box.
    assert not re.search(r"\.facet__options \{[^}]*(max-height|overflow)", css)
    everything = client.get("/san-pham/").content.decode()
    assert 'value="64001"' in everything and 'value="64002"' in everything
    # The filters' count shows on the closed panel's summary.
    assert re.search(r'id="facets-heading">Bộ lọc<span[^>]*> \(1\)</span>', html)


def test_catalogue_skip_link_headings_and_static_script(client, home_page):
    build_catalogue()
    for url in ("/san-pham/", "/san-pham/?group=handicraft", "/san-pham/?q=khong+co+gi"):
        html = client.get(url).content.decode()
        _assert_no_skipped_heading(html)
        skip = html.index('href="#results"')
        assert skip < html.index("data-facets") and 'id="results"' in html
        assert '<script src="/static/js/filters.js" defer></script>' in html
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", html)
        assert "data-live-status" in html and 'role="status"' in html
    # The no-JS buttons stay.
    assert "Áp dụng bộ lọc" in html and "data-sort-submit" in html


@pytest.fixture
def artisans(home_page):
    artisan_index()
    pleiku = CommuneFactory(code="64001", name="Pleiku")
    ia_grai = CommuneFactory(code="64002", name="Ia Grai")
    people = TitleKind.objects.get(name="Nghệ nhân nhân dân")
    merit = TitleKind.objects.get(name="Nghệ nhân ưu tú")
    for title, commune, kind in (("Rơ Châm H'Lin", pleiku, merit), ("Đinh Văn Rin", ia_grai, people)):
        artisan = ArtisanPageFactory(title=title, commune=commune)
        ArtisanTitle.objects.create(page=artisan, kind=kind, decision_number="1/QĐ")
    return people, merit


def test_artisan_options_without_results_are_disabled(client, artisans):
    people, merit = artisans
    html = client.get("/nghe-nhan/").content.decode()
    assert "disabled" not in _option(html, "f-title", people.pk)
    assert _option(html, "f-title", people.pk).endswith("(1)")
    other = TitleKind.objects.exclude(pk__in=[people.pk, merit.pk]).first()
    assert "disabled" in _option(html, "f-title", other.pk)
    # In Pleiku only the artisan of merit: the people's artisan title has no result there.
    html = client.get("/nghe-nhan/?commune=64001").content.decode()
    assert "disabled" in _option(html, "f-title", people.pk)
    assert "disabled" not in _option(html, "f-title", merit.pk)
    # A selected option stays enabled, even with no result.
    html = client.get(f"/nghe-nhan/?commune=64001&title={people.pk}").content.decode()
    assert "selected" in _option(html, "f-title", people.pk) and "disabled" not in _option(html, "f-title", people.pk)
    assert "selected" in _option(html, "f-commune", "64001") and "disabled" not in _option(html, "f-commune", "64001")
    _assert_no_skipped_heading(html)
    assert 'href="#results"' in html and 'id="results"' in html and "js/filters.js" in html


def test_village_options_without_results_are_disabled(client, home_page, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    pleiku = CommuneFactory(name="Pleiku", code="21550")
    phung = CraftVillagePageFactory(title="Làng Phung", village_type=VillageType.TRADITIONAL, commune=pleiku)
    phung.trade_groups.set([TradeGroupTag.objects.get(code=TradeGroup.HANDICRAFTS)])
    phung.save()
    bau_da = CraftVillagePageFactory(title="Làng rượu Bàu Đá", latitude=None, longitude=None)
    bau_da.trade_groups.set([TradeGroupTag.objects.get(code=TradeGroup.AGRI_PROCESSING)])
    bau_da.save()

    html = client.get("/lang-nghe/").content.decode()
    assert "disabled" not in _option(html, "f-trade", TradeGroup.HANDICRAFTS)
    unused = next(v for v in TradeGroup.values if v not in (TradeGroup.HANDICRAFTS, TradeGroup.AGRI_PROCESSING))
    assert "disabled" in _option(html, "f-trade", unused)
    html = client.get(f"/lang-nghe/?type={VillageType.TRADITIONAL}").content.decode()
    assert "disabled" in _option(html, "f-trade", TradeGroup.AGRI_PROCESSING)
    assert "disabled" not in _option(html, "f-trade", TradeGroup.HANDICRAFTS)
    assert "disabled" not in _option(html, "f-type", VillageType.CRAFT)  # the type's own filter is not applied
    # Villages without coordinates only: no map, and the list still has its h2 before the cards' h3.
    html = client.get(f"/lang-nghe/?trade={TradeGroup.AGRI_PROCESSING}").content.decode()
    assert "village-markers" not in html
    _assert_no_skipped_heading(html)
    assert 'data-live-filters="navigate"' in html and 'href="#results"' in html
