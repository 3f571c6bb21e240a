"""A visitor uses the search box's suggestions with the keyboard, filters the catalogue with the facet form,
and, without JavaScript, still searches with the plain forms."""

import re

import pytest
from playwright.sync_api import expect

from tests.search_data import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_autocomplete_with_the_keyboard(page, live_server, home_page):
    build_catalogue()
    page.goto(live_server.url + "/san-pham/")
    box = page.locator("#site-search-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.click()
    box.press_sequentially("tho c", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=re.compile("Thổ cẩm Jrai dệt tay"))
    expect(option).to_be_visible()

    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("a", delay=40)  # "tho ca": the list opens again
    expect(option).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(live_server.url + "/san-pham/tho-cam-jrai/")


def test_facet_form_filters_and_chips_remove_filters(page, live_server, home_page):
    build_catalogue()
    page.goto(live_server.url + "/san-pham/")
    expect(page.locator(".catalogue__total")).to_have_text("5 sản phẩm")
    group = page.locator("fieldset[data-facet=group]")
    group.get_by_role("checkbox", name=re.compile("^Thủ công mỹ nghệ")).check()
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    expect(page).to_have_url(re.compile(r"group=handicraft"))
    expect(page.locator(".catalogue__total")).to_have_text("2 sản phẩm")
    titles = page.locator("[data-results] .card__title").all_inner_texts()
    assert sorted(titles) == ["Chiêng Đồng Tây Nguyên", "Thổ cẩm Jrai dệt tay"]
    # Other facets' counts already take the group filter into account.
    level = page.locator("fieldset[data-facet=level]")
    expect(level.locator("label", has_text="Cấp khu vực").locator(".facet__count")).to_have_text("1")

    page.locator("#catalogue-sort").select_option("name")
    page.locator("[data-sort-submit]").click()
    expect(page).to_have_url(re.compile(r"sort=name"))
    titles = page.locator("[data-results] .card__title").all_inner_texts()
    assert titles == ["Chiêng Đồng Tây Nguyên", "Thổ cẩm Jrai dệt tay"]

    page.get_by_role("link", name=re.compile("Nhóm sản phẩm: Thủ công mỹ nghệ")).click()
    expect(page.locator(".catalogue__total")).to_have_text("5 sản phẩm")


def test_forms_work_without_javascript(browser, live_server, home_page):
    build_catalogue()
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/san-pham/")
    page.locator("fieldset[data-facet=producer_kind]").get_by_role(
        "checkbox", name=re.compile("^Hộ kinh doanh")
    ).check()
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    expect(page).to_have_url(re.compile(r"producer_kind=household"))
    expect(page.locator(".catalogue__total")).to_have_text("3 sản phẩm")

    page.locator("#site-search-q").fill("mat ong")
    page.locator("#site-search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=mat\+ong"))
    expect(page.get_by_role("link", name="Mật ong hoa rừng")).to_be_visible()
    context.close()
