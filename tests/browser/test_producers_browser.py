"""Issue 15 on a phone (390 px): a producer signs up, opens the verification link from the mailbox, logs in,
finds and claims its producer; staff approve; the producer applies to the open competition with a pre-filled
catalogue product and two dossier files, and submits. No page scrolls sideways."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from registry.competitions.choices import CompetitionStatus
from registry.producers.models import Application, ProducerClaim
from registry.producers.services import claims
from tests.factories import CompetitionFactory, ProducerFactory, ProductPageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
PASSWORD = "Tho-cam-Phung-2026"


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_sign_up_claim_apply_and_submit_on_a_phone(page, live_server, home_page, settings):
    settings.SITE_URL = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    producer = ProducerFactory(name="Hợp tác xã Dệt thổ cẩm Phung", tax_code="5900765432")
    ProductPageFactory(  # a handicraft: a food product would also need its food-safety fields
        producer=producer, title="Khăn thổ cẩm Phung", summary="Khăn dệt tay bằng sợi bông.", product_group="handicraft"
    )
    today = datetime.date.today()
    CompetitionFactory(
        name="Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh 2027",
        slug="binh-chon-2027",
        year=2027,
        status=CompetitionStatus.ENTRIES_OPEN,
        entries_open_from=today - datetime.timedelta(days=5),
        entries_open_until=today + datetime.timedelta(days=30),
    )
    base = live_server.url

    page.goto(f"{base}/co-so-san-xuat/dang-ky/")
    assert fits(page)
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
    assert fits(page)

    claims.approve(ProducerClaim.objects.get(), UserFactory(staff=True))
    page.reload()
    expect(page.get_by_role("heading", name="Hợp tác xã Dệt thổ cẩm Phung")).to_be_visible()

    page.get_by_role("link", name="Đăng ký bình chọn").first.click()
    page.get_by_role("link", name="Đăng ký sản phẩm").click()
    page.get_by_role("link", name="Đăng ký sản phẩm này").click()
    expect(page.get_by_label("Tên sản phẩm")).to_have_value("Khăn thổ cẩm Phung")
    assert fits(page)
    page.get_by_label("Nguyên liệu, vật liệu").fill("Sợi bông nhuộm màu tự nhiên.")
    page.get_by_label("Năng lực sản xuất").fill("300 khăn/tháng")
    page.get_by_label("Thị trường tiêu thụ").fill("Pleiku, Quy Nhơn, khách du lịch")
    page.get_by_label("Sở hữu trí tuệ").fill("Không tranh chấp.")
    page.get_by_label("Cam kết").check()
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()

    for kind, name, content in (("hinh-anh", "khan.png", PNG), ("dang-ky-kinh-doanh", "dkkd.pdf", PDF)):
        page.get_by_label("Loại tài liệu").select_option(kind)
        page.locator("#id_file").set_input_files({"name": name, "mimeType": "", "buffer": content})
        page.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp hồ sơ DK-2027-0001.")).to_be_visible()
    assert fits(page)
    page.screenshot(path="/tmp/prod15-application-390.png", full_page=True)
    assert Application.objects.get().code == "DK-2027-0001"
