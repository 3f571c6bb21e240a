"""The catalogue's filters on a phone (390 px): no layout shift, filters apply as soon as they change (with the
result count announced and focus kept), options without results cannot be ticked, and a keyboard user can skip the
filters. Issue 13, item 6."""

import re

import pytest
from playwright.sync_api import expect

from registry.catalogue.choices import VillageType
from registry.catalogue.models import ArtisanTitle, TitleKind
from tests.factories import ArtisanPageFactory, CommuneFactory, CraftVillagePageFactory, artisan_index, village_index
from tests.search_data import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Sum of the layout-shift entries not caused by input, as Lighthouse's CLS counts them.
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.__cls += entry.value; }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(CLS_OBSERVER)
    yield page
    context.close()


def _settle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(600)


@pytest.mark.parametrize("query", ["", "?group=handicraft"])
def test_filter_panel_causes_no_layout_shift_on_a_phone(phone, live_server, home_page, query):
    build_catalogue()
    phone.goto(live_server.url + "/san-pham/" + query)
    _settle(phone)
    assert phone.evaluate("window.__cls") < 0.1
    # Closed in the markup on a phone: only the summary shows; the results are near the top.
    expect(phone.locator("details.facets")).not_to_have_attribute("open", "")
    expect(phone.locator("fieldset[data-facet=group]")).to_be_hidden()
    expect(phone.locator("#results")).to_be_in_viewport()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone


def test_filter_panel_is_open_on_wide_screens_without_javascript(browser, live_server, home_page):
    build_catalogue()
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/san-pham/")
    expect(page.locator("fieldset[data-facet=group]")).to_be_visible()
    # Every commune is visible: the list is not a scroll box that hides some of them.
    communes = page.locator("fieldset[data-facet=commune] .facet__options")
    assert communes.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    assert communes.evaluate("el => getComputedStyle(el).overflowY") == "visible"
    expect(communes.locator(".facet__option")).to_have_count(2)
    for index in range(2):
        expect(communes.locator(".facet__option").nth(index)).to_be_visible()
    context.close()


def test_a_change_applies_the_filters_and_announces_the_count(phone, live_server, home_page):
    build_catalogue()
    phone.goto(live_server.url + "/san-pham/")
    total = phone.locator("#catalogue-total")
    expect(total).to_have_text("5 sản phẩm")
    expect(total).to_have_attribute("role", "status")
    phone.locator("details.facets > summary").click()
    box = phone.locator("fieldset[data-facet=group]").get_by_role("checkbox", name=re.compile("^Thủ công mỹ nghệ"))
    box.focus()
    phone.keyboard.press("Space")
    # No submit button pressed: the results, the count and the address follow the change.
    expect(total).to_have_text("2 sản phẩm")
    expect(phone).to_have_url(re.compile(r"/san-pham/\?.*group=handicraft"))
    titles = phone.locator("[data-results] .card__title").all_inner_texts()
    assert sorted(titles) == ["Chiêng Đồng Tây Nguyên", "Thổ cẩm Jrai dệt tay"]
    # Other facets' counts follow, and focus stays on the box the visitor used.
    level = phone.locator("fieldset[data-facet=level]")
    expect(level.locator("label", has_text="Cấp khu vực").locator(".facet__count")).to_have_text("1")
    assert phone.evaluate("document.activeElement.name + '=' + document.activeElement.value") == "group=handicraft"
    expect(phone.locator("details.facets")).to_have_attribute("open", "")

    # A second change soon after the first: one result set for both.
    phone.locator("fieldset[data-facet=producer_kind]").get_by_role("checkbox", name=re.compile("^Hợp tác xã")).check()
    expect(total).to_have_text("1 sản phẩm")
    expect(phone.locator("[data-results] .card__title")).to_have_text(["Thổ cẩm Jrai dệt tay"])

    phone.go_back()
    expect(total).to_have_text("2 sản phẩm")
    expect(
        phone.locator("fieldset[data-facet=producer_kind]").get_by_role("checkbox", name=re.compile("^Hợp tác xã"))
    ).not_to_be_checked()
    assert phone.evaluate("window.__cls") < 0.1


def test_options_without_results_are_disabled_unless_selected(phone, live_server, home_page):
    build_catalogue()
    phone.goto(live_server.url + "/san-pham/?group=handicraft&producer_kind=sme")
    phone.locator("details.facets > summary").click()
    group = phone.locator("fieldset[data-facet=group]")
    # Selected with 0 results (no SME makes handicrafts): still enabled, so it can be unticked.
    handicraft = group.get_by_role("checkbox", name=re.compile("^Thủ công mỹ nghệ"))
    expect(handicraft).to_be_checked()
    expect(handicraft).to_be_enabled()
    expect(group.get_by_role("checkbox", name=re.compile("^Sản phẩm khác"))).to_be_disabled()
    level = phone.locator("fieldset[data-facet=level]")
    expect(level.get_by_role("checkbox", name=re.compile("^Cấp quốc gia"))).to_be_disabled()
    expect(phone.locator("#catalogue-total")).to_have_text("0 sản phẩm")

    handicraft.uncheck()  # the live update enables and disables the options anew
    expect(phone.locator("#catalogue-total")).to_have_text("1 sản phẩm")
    expect(handicraft).to_be_disabled()
    expect(group.get_by_role("checkbox", name=re.compile("^Chế biến nông"))).to_be_enabled()


def test_keyboard_user_skips_the_filters(phone, live_server, home_page):
    build_catalogue()
    phone.goto(live_server.url + "/san-pham/?group=handicraft")
    phone.locator("#catalogue-q").focus()
    phone.keyboard.press("Tab")  # the search button
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="Bỏ qua bộ lọc, đến kết quả")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    phone.keyboard.press("Enter")
    expect(phone.locator("#results")).to_be_focused()
    first = phone.locator("[data-results] .card__title a").first
    for _ in range(8):  # sort, its button, the chips: then the first product
        phone.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    expect(first).to_be_focused()


def test_headings_go_from_h1_to_h2_to_h3(phone, live_server, home_page):
    build_catalogue()
    for query in ("", "?q=khong+co+gi+ca"):
        phone.goto(live_server.url + "/san-pham/" + query)
        levels = phone.evaluate(
            "() => [...document.querySelectorAll('main h1, main h2, main h3')].map(h => +h.tagName[1])"
        )
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_artisan_and_village_filters_apply_on_change(phone, live_server, home_page):
    artisan_index()
    village_index()
    pleiku = CommuneFactory(code="64001", name="Pleiku")
    ia_grai = CommuneFactory(code="64002", name="Ia Grai")
    people = TitleKind.objects.get(name="Nghệ nhân nhân dân")
    for title, commune in (("Rơ Châm H'Lin", pleiku), ("Đinh Văn Rin", ia_grai)):
        artisan = ArtisanPageFactory(title=title, commune=commune)
        if commune == ia_grai:
            ArtisanTitle.objects.create(page=artisan, kind=people, decision_number="1/QĐ")
    CraftVillagePageFactory(title="Làng Phung", village_type=VillageType.TRADITIONAL, latitude=None, longitude=None)
    CraftVillagePageFactory(title="Làng rèn", village_type=VillageType.CRAFT, latitude=None, longitude=None)

    phone.goto(live_server.url + "/nghe-nhan/")
    expect(phone.locator("#listing-total")).to_have_text("2 nghệ nhân")
    select = phone.locator("#f-commune")
    select.focus()
    select.select_option("64001")
    expect(phone.locator("#listing-total")).to_have_text("1 nghệ nhân")
    expect(phone).to_have_url(re.compile(r"commune=64001"))
    expect(phone.locator("#f-commune")).to_be_focused()
    # In Pleiku nobody holds the people's artisan title: that option cannot be picked now.
    expect(phone.locator(f'#f-title option[value="{people.pk}"]')).to_be_disabled()

    phone.goto(live_server.url + "/lang-nghe/")  # this page reloads (its map is drawn on load), focus comes back
    phone.locator("#f-type").focus()
    phone.locator("#f-type").select_option(VillageType.TRADITIONAL)
    expect(phone).to_have_url(re.compile(r"/lang-nghe/\?type=traditional&sort=name$"))
    expect(phone.get_by_role("link", name="Làng rèn")).to_have_count(0)
    expect(phone.locator("#f-type")).to_be_focused()
