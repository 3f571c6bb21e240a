"""At 390 px a judge scores an entry (live total, save, submit, locked); a manager closes scoring, records the
council's decision, issues certificates and publishes; the public results and verification pages show them."""

import pytest
from playwright.sync_api import expect

from registry.competitions.models import Entry
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    competition_index,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "khuyencong2026"


def test_judge_scores_and_manager_publishes(page, browser, live_server, demo_accounts):
    competition_index()
    competition = CompetitionFactory(name="Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai 2026", slug="gia-lai-2026")
    product = ProductPageFactory(title="Cà phê bột Đắk Đoa", producer=ProducerFactory(name="Hợp tác xã Cà phê Ia Phí"))
    entry = EntryFactory(competition=competition, product=product)
    JurorFactory(competition=competition, user=demo_accounts["giamkhao1"], chair=True)
    JurorFactory(competition=competition, user=demo_accounts["giamkhao2"])

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/giam-khao/{competition.slug}/ho-so/{entry.code}/")
    page.locator("#id_username").fill("giamkhao2")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(entry.code)
    expect(page.get_by_text("Hợp tác xã Cà phê Ia Phí")).to_have_count(0)  # blind
    expect(page.get_by_text("Cà phê bột Đắk Đoa")).to_have_count(0)  # blind: not the catalogue title either

    inputs = page.locator("input[data-score]")
    expect(inputs).to_have_count(4)
    for locator, value in zip(inputs.all(), ["32", "33.5", "8", "7"], strict=True):
        locator.fill(value)
    expect(page.locator("output[data-total]")).to_have_text("80,5")
    expect(page.get_by_role("button", name="Tính tổng")).to_be_hidden()  # JS computes the total live
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu nháp")).to_be_visible()
    expect(page.locator("output[data-total]")).to_have_text("80,5")

    page.get_by_label("Tôi xác nhận nộp phiếu").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp phiếu").click()
    expect(page.get_by_text("Đã nộp phiếu chấm.")).to_be_visible()
    expect(page.get_by_text("Đã nộp – chỉ xem")).to_be_visible()
    for locator in page.locator("input[data-score]").all():
        expect(locator).to_be_disabled()
    expect(page.get_by_role("button", name="Nộp phiếu")).to_have_count(0)

    manager = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = manager.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("#id_username").fill("quanly")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("form button[type=submit]").click()
    expect(admin).to_have_url(live_server.url + "/admin/")
    admin.goto(live_server.url + f"/admin/binh-chon/{competition.pk}/")
    admin.get_by_role("button", name="Chuyển sang: Đã kết thúc chấm").click()
    expect(admin.get_by_text("Đã chuyển trạng thái.")).to_be_visible()

    admin.get_by_role("link", name="Kết quả và quyết định").click()
    row = admin.locator("tr", has_text=entry.code)
    expect(row).to_contain_text("80,50")
    row.get_by_label("Công nhận").check()
    row.get_by_label("Số quyết định").fill("344/QĐ-UBND")
    row.get_by_label("Ngày quyết định").fill("2026-06-27")
    row.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_text(f"Đã ghi quyết định cho hồ sơ {entry.code}.")).to_be_visible()
    admin.get_by_role("button", name="Cấp giấy chứng nhận cho hồ sơ được công nhận").click()
    expect(admin.get_by_text("Đã cấp 1 giấy chứng nhận.")).to_be_visible()
    serial = Entry.objects.get(pk=entry.pk).certificate.serial
    expect(admin.locator("tr", has_text=entry.code)).to_contain_text(serial)

    admin.get_by_role("link", name="Tiến độ").click()
    admin.get_by_role("button", name="Chuyển sang: Đã công bố kết quả").click()
    expect(admin.get_by_text("Đã công bố kết quả")).to_be_visible()
    manager.close()

    page.goto(live_server.url + f"/binh-chon/{competition.slug}/ket-qua/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(competition.name)
    expect(page.get_by_role("row", name="Cà phê bột Đắk Đoa")).to_contain_text("80,50")
    page.get_by_role("link", name=serial).click()
    expect(page).to_have_url(
        f"{live_server.url}/xac-minh/{Entry.objects.get(pk=entry.pk).certificate.verification_code}/"
    )
    expect(page.locator("main")).to_contain_text(serial)
    expect(page.locator("main")).to_contain_text("Cà phê bột Đắk Đoa")
