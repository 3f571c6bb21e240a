"""At 390 px a judge confirms "no conflict", scores an entry (live total, save, submit, locked); the chair
reopens it with a reason and the judge resubmits; a manager closes scoring (after the warning about an
outstanding draft), records the council's decision, issues certificates, publishes and amends one result; the
public results page shows the amendment and the old certificate shows as replaced."""

import pytest
from playwright.sync_api import expect

from registry.catalogue.models import Certificate
from registry.competitions.models import Entry
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    competition_index,
    fill_sheet,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "khuyencong2026"


def test_judge_scores_and_manager_publishes(page, browser, live_server, demo_accounts):
    competition_index()
    competition = CompetitionFactory(
        name="Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai 2026", slug="gia-lai-2026", quorum=1
    )
    product = ProductPageFactory(title="Cà phê bột Đắk Đoa", producer=ProducerFactory(name="Hợp tác xã Cà phê Ia Phí"))
    entry = EntryFactory(competition=competition, product=product)
    chair = JurorFactory(competition=competition, user=demo_accounts["giamkhao1"], chair=True)
    JurorFactory(competition=competition, user=demo_accounts["giamkhao2"])
    fill_sheet(chair, entry, [30, None, None, None], submit=False)  # the chair's draft stays outstanding

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/giam-khao/{competition.slug}/ho-so/{entry.code}/")
    page.locator("#id_username").fill("giamkhao2")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=2, name="Cam kết không xung đột lợi ích")).to_be_visible()
    expect(page.get_by_text("Cà phê bột Đắk Đoa")).to_have_count(0)
    page.get_by_role("button", name="Tôi cam kết không có xung đột lợi ích").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(entry.code)
    expect(page.get_by_text("Hợp tác xã Cà phê Ia Phí")).to_have_count(0)  # blind
    expect(page.get_by_text("Cà phê bột Đắk Đoa")).to_have_count(0)  # blind: not the catalogue title either

    inputs = page.locator("input[data-score]")
    expect(inputs).to_have_count(4)
    for locator, value in zip(inputs.all(), ["32", "41", "8", "7"], strict=True):
        locator.fill(value)
    expect(inputs.nth(1)).to_have_attribute("aria-invalid", "true")  # over the maximum of 40: marked
    expect(page.locator("[data-total-note]")).to_contain_text("Tổng chưa đầy đủ")  # and left out of the total
    inputs.nth(0).fill("32,5")  # the Vietnamese decimal comma
    inputs.nth(1).fill("33")
    expect(inputs.nth(1)).not_to_have_attribute("aria-invalid", "true")
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

    chair_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    chair_page = chair_context.new_page()
    chair_page.goto(live_server.url + f"/giam-khao/{competition.slug}/hoi-dong/")
    chair_page.locator("#id_username").fill("giamkhao1")
    chair_page.locator("#id_password").fill(PASSWORD)
    chair_page.locator("main button[type=submit]").click()
    card = chair_page.locator("li.jury-card", has_text="Phạm Quốc Bảo")
    card.get_by_label("Lý do mở lại phiếu").fill("Tiêu chí 2 chấm nhầm")
    card.get_by_role("button", name="Mở lại").click()
    expect(chair_page.get_by_text("Đã mở lại phiếu chấm.")).to_be_visible()
    chair_context.close()

    page.reload()
    expect(page.get_by_text("Bản nháp")).to_be_visible()
    page.get_by_label("Tôi xác nhận nộp phiếu").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp phiếu").click()
    expect(page.get_by_text("Đã nộp phiếu chấm.")).to_be_visible()

    manager = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = manager.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("#id_username").fill("quanly")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("form button[type=submit]").click()
    expect(admin).to_have_url(live_server.url + "/admin/")
    admin.goto(live_server.url + f"/admin/binh-chon/{competition.pk}/")

    def move_to(label, confirm=False):
        admin.get_by_role("link", name="Tiến độ").first.click()
        admin.get_by_role("link", name=f"Chuyển sang: {label}").click()
        if confirm:
            expect(admin.get_by_role("heading", name="Phiếu chưa nộp")).to_be_visible()
            admin.get_by_role("button", name="Xác nhận đổi trạng thái").click()
            expect(admin.get_by_text("cần xác nhận")).to_be_visible()
            admin.get_by_label("Tôi đã xem danh sách trên và vẫn kết thúc chấm").check()
        admin.get_by_role("button", name="Xác nhận đổi trạng thái").click()
        expect(admin.get_by_text("Đã chuyển trạng thái.")).to_be_visible()

    move_to("Đã kết thúc chấm", confirm=True)

    admin.get_by_role("link", name="Kết quả và quyết định").click()
    row = admin.locator("tr", has_text=entry.code)
    expect(row).to_contain_text("80,50")
    row.get_by_label("Công nhận").check()
    row.get_by_label("Số quyết định").fill("344/QĐ-UBND")
    row.get_by_label("Ngày quyết định").fill("2026-06-27")
    row.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_text(f"Đã ghi quyết định cho hồ sơ {entry.code}.")).to_be_visible()
    move_to("Hội đồng đã quyết định")
    admin.get_by_role("link", name="Kết quả và quyết định").click()
    admin.get_by_role("button", name="Cấp giấy chứng nhận cho hồ sơ được công nhận").click()
    expect(admin.get_by_text("Đã cấp 1 giấy chứng nhận.")).to_be_visible()
    serial = Entry.objects.get(pk=entry.pk).certificate.serial
    expect(admin.locator("tr", has_text=entry.code)).to_contain_text(serial)

    move_to("Đã công bố kết quả")
    expect(admin.get_by_role("button", name="Mở lại")).to_be_disabled()

    admin.get_by_role("link", name="Sửa đổi kết quả đã công bố").click()
    admin.get_by_label("Phiếu chấm cần sửa").select_option(index=1)
    admin.get_by_label("Lý do sửa đổi").fill("Cộng nhầm tiêu chí 1")
    admin.get_by_label("Điểm mới tiêu chí 1").fill("33,5")
    admin.get_by_role("button", name="Ghi sửa đổi kết quả").click()
    expect(admin.get_by_text("Đã ghi sửa đổi kết quả, phiên bản 2.")).to_be_visible()
    old_serial = serial
    serial = Entry.objects.get(pk=entry.pk).certificate.serial
    assert serial != old_serial
    manager.close()

    page.goto(live_server.url + f"/binh-chon/{competition.slug}/ket-qua/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(competition.name)
    expect(page.get_by_role("row", name="Cà phê bột Đắk Đoa")).to_contain_text("81,50")
    expect(page.get_by_text("Kết quả đã được sửa đổi")).to_be_visible()
    expect(page.locator(".results-amendments")).to_contain_text("Cộng nhầm tiêu chí 1")
    page.get_by_role("link", name=serial).click()
    expect(page).to_have_url(
        f"{live_server.url}/xac-minh/{Entry.objects.get(pk=entry.pk).certificate.verification_code}/"
    )
    expect(page.locator("main")).to_contain_text(serial)
    expect(page.locator("main")).to_contain_text("Cà phê bột Đắk Đoa")

    page.goto(live_server.url + Certificate.objects.get(serial=old_serial).get_verification_path())
    expect(page.locator("main")).to_contain_text(f"Thay thế bởi {serial}")
