"""A visitor opens the home page, switches to English, and the editor logs into the admin."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_language_switch_and_admin_login(page, live_server, demo_accounts):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("link", name="Bỏ qua, đến nội dung chính")).to_be_attached()

    page.get_by_role("link", name="EN – English").click()
    expect(page).to_have_url(live_server.url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.locator("#id_password").fill("khuyencong2026")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Khuyến công")
