"""Issue 15, "Done when": the whole producer journey, the producer on a phone (390 px), the manager at 1280 px.

A producer signs up, opens the verification link from the test mailbox, logs in and claims its producer (staff
approve the claim through the service: the claims screen is not the point here); applies to the open competition
with a catalogue product (the form pre-filled) and two dossier files, submits; a manager asks for more information
in the admin review queue (/admin/ho-so-dang-ky/); the producer adds a file and resubmits; the manager accepts; a
juror assigned to the competition finds the entry and its dossier in the jurors' portal; the scores, the council's
decision, the certificates and the publication are set up through the competitions' services (as in
tests/test_producer_results.py); the producer downloads the certificate PDF from the dashboard."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from registry.competitions.choices import CompetitionStatus
from registry.competitions.models import Entry
from registry.competitions.services import council
from registry.producers.models import Application, ProducerClaim
from registry.producers.services import claims
from tests.factories import (
    CompetitionFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    UserFactory,
    fill_sheet,
)
from tests.test_producer_review import manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
PASSWORD = "Tho-cam-Phung-2026"
STAFF_PASSWORD = "secret-pass-123"  # UserFactory's


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _move(competition, status):
    competition.status = status
    competition.save()


def _sign_up_verify_and_claim(page, base):
    page.goto(f"{base}/co-so-san-xuat/dang-ky/")
    page.get_by_label("Thư điện tử").fill("phung@example.org")
    page.get_by_label("Họ và tên").fill("Rơ Châm H'Nhí")
    page.get_by_label("Điện thoại").fill("0905 765 432")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_role("heading", name="Kiểm tra hộp thư")).to_be_visible()

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_text("Đã xác nhận thư điện tử. Mời bạn đăng nhập.")).to_be_visible()
    page.get_by_label("Thư điện tử").fill("phung@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("link", name="Tìm và nhận cơ sở").click()
    page.get_by_label("Tên cơ sở hoặc mã số thuế").fill("det tho cam phung")
    page.locator("#main").get_by_role("button", name="Tìm cơ sở").click()
    page.get_by_role("link", name="Nhận cơ sở này").click()
    page.get_by_label("Mã số thuế").fill("5900 765 432")
    page.get_by_label("Chức vụ của bạn tại cơ sở").fill("Chủ nhiệm")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page.get_by_text("Chờ duyệt")).to_be_visible()

    claims.approve(ProducerClaim.objects.get(), UserFactory(staff=True))
    page.reload()
    expect(page.get_by_role("heading", name="Hợp tác xã Dệt thổ cẩm Phung")).to_be_visible()


def _upload(page, kind, name, content):
    page.get_by_label("Loại tài liệu").select_option(kind)
    page.locator("#id_file").set_input_files({"name": name, "mimeType": "", "buffer": content})
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()


def _apply_and_submit(page):
    page.get_by_role("link", name="Đăng ký bình chọn").first.click()
    page.get_by_role("link", name="Đăng ký sản phẩm").click()
    page.get_by_role("link", name="Đăng ký sản phẩm này").click()
    expect(page.get_by_label("Tên sản phẩm")).to_have_value("Khăn thổ cẩm Phung")
    page.get_by_label("Nguyên liệu, vật liệu").fill("Sợi bông nhuộm màu tự nhiên.")
    page.get_by_label("Năng lực sản xuất").fill("300 khăn/tháng")
    page.get_by_label("Thị trường tiêu thụ").fill("Pleiku, Quy Nhơn, khách du lịch")
    page.get_by_label("Sở hữu trí tuệ").fill("Không tranh chấp.")
    page.get_by_label("Cam kết").check()
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    _upload(page, "hinh-anh", "khan.png", PNG)
    _upload(page, "dang-ky-kinh-doanh", "dkkd.pdf", PDF)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp hồ sơ DK-2027-0001.")).to_be_visible()
    assert fits(page)


def _open_in_queue(admin, base):
    admin.goto(f"{base}/admin/ho-so-dang-ky/")
    expect(admin.get_by_role("heading", name="Hồ sơ đăng ký")).to_be_visible()
    admin.get_by_role("link", name=re.compile("DK-2027-0001")).first.click()
    expect(admin.get_by_role("heading", name="DK-2027-0001 · Khăn thổ cẩm Phung", exact=True)).to_be_visible()


def test_producer_journey_from_sign_up_to_certificate(page, browser, live_server, home_page, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    page.set_viewport_size({"width": 390, "height": 844})
    producer = ProducerFactory(name="Hợp tác xã Dệt thổ cẩm Phung", tax_code="5900765432")
    ProductPageFactory(  # a handicraft: a food product would also need its food-safety fields
        producer=producer, title="Khăn thổ cẩm Phung", summary="Khăn dệt tay bằng sợi bông.", product_group="handicraft"
    )
    today = datetime.date.today()
    competition = CompetitionFactory(
        name="Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh 2027",
        slug="binh-chon-2027",
        year=2027,
        quorum=1,
        status=CompetitionStatus.ENTRIES_OPEN,
        entries_open_from=today - datetime.timedelta(days=5),
        entries_open_until=today + datetime.timedelta(days=30),
    )
    base = live_server.url

    _sign_up_verify_and_claim(page, base)
    _apply_and_submit(page)

    # the manager asks for more information in the admin review queue
    staff = manager(username="quanly-e2e")
    manager_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = manager_context.new_page()
    admin.goto(f"{base}/admin/login/")
    admin.locator("#id_username").fill(staff.username)
    admin.locator("#id_password").fill(STAFF_PASSWORD)
    admin.locator("form button[type=submit]").click()
    expect(admin).to_have_url(f"{base}/admin/")
    _open_in_queue(admin, base)
    admin.get_by_label("Nội dung đề nghị bổ sung").fill("Bổ sung phiếu kiểm nghiệm chất lượng sợi.")
    admin.get_by_role("button", name="Gửi đề nghị bổ sung").click()
    expect(admin.get_by_text("Đã gửi đề nghị bổ sung cho cơ sở.")).to_be_visible()

    # the producer reads the center's message, adds a file and resubmits
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert "Bổ sung phiếu kiểm nghiệm chất lượng sợi." in mail.outbox[-1].body
    page.goto(link)
    expect(page.get_by_text("Trung tâm đề nghị bổ sung:", exact=True)).to_be_visible()
    expect(page.get_by_text("Bổ sung phiếu kiểm nghiệm chất lượng sợi.", exact=True)).to_be_visible()
    _upload(page, "chung-nhan", "kiem-nghiem.pdf", PDF)
    page.get_by_role("button", name="Nộp lại hồ sơ").click()
    expect(page.get_by_text("Đã nộp lại hồ sơ DK-2027-0001.")).to_be_visible()
    assert fits(page)

    # the manager sees both submissions and accepts
    _open_in_queue(admin, base)
    expect(admin.get_by_text("Lần nộp 2")).to_be_visible()
    admin.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(admin.get_by_text("Đã tiếp nhận; mã số hồ sơ tham gia SP-2027-001.")).to_be_visible()
    manager_context.close()
    application = Application.objects.get()
    entry = Entry.objects.get()
    assert application.entry == entry and entry.code == "SP-2027-001"
    assert sorted(d.original_name for d in entry.documents.all()) == ["khan.png", "kiem-nghiem.pdf"]

    # a juror of the competition opens the entry and its dossier in the jurors' portal
    _move(competition, CompetitionStatus.SCORING)
    juror = JurorFactory(competition=competition, chair=True)
    jury_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    jury = jury_context.new_page()
    jury.goto(f"{base}/giam-khao/{competition.slug}/")
    jury.locator("#id_username").fill(juror.user.username)
    jury.locator("#id_password").fill(STAFF_PASSWORD)
    jury.locator("main button[type=submit]").click()
    jury.get_by_role("link", name=re.compile("SP-2027-001")).first.click()
    jury.get_by_role("button", name="Tôi cam kết không có xung đột lợi ích").click()
    expect(jury.get_by_role("heading", level=1)).to_contain_text("SP-2027-001")
    for document in entry.documents.all():
        expect(jury.get_by_role("link", name=re.compile(re.escape(document.neutral_name)))).to_be_visible()
    jury_context.close()

    # scores, the council's decision, certificates and publication through the competitions' services
    fill_sheet(juror, entry, [32, 32, 8, 8])
    _move(competition, CompetitionStatus.CLOSED)
    council.decide(entry, juror.user, True, "344/QĐ-UBND", datetime.date(2027, 7, 5))
    _move(competition, CompetitionStatus.DECIDED)
    council.issue_certificates(competition, juror.user)
    council.change_status(competition, CompetitionStatus.PUBLISHED, juror.user)
    entry.refresh_from_db()
    serial = entry.certificate.serial

    page.goto(f"{base}/co-so-san-xuat/")
    expect(page.get_by_text("Được công nhận").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Tải giấy chứng nhận {serial} (PDF)").first.click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert fits(page)
    page.screenshot(path="/tmp/e2e15-dashboard-390.png", full_page=True)
