"""Issue 16 on a phone (390 px): a visitor finds a course in /dao-tao/, registers with a mistyped phone number
first (a Vietnamese message, nothing lost), then with a correct one, and gets an on-screen registration code;
the last seat taken, the next visitor is put on the waiting list. The commune lookup finds "Ia Grai" from
"ia grai". No page scrolls sideways."""

import pytest
from playwright.sync_api import expect

from programmes.training.choices import RegistrationStatus
from programmes.training.models import Registration
from tests.factories.catalogue import CommuneFactory
from tests.factories.training import CollaboratorFactory, CoursePageFactory, course_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_registers_for_a_course_on_a_phone(page, live_server, home_page):
    page.set_viewport_size({"width": 390, "height": 844})
    ia_grai = CommuneFactory(code="72001", name="Ia Grai")
    CoursePageFactory(
        title="Đào tạo nghề dệt thổ cẩm cho lao động nông thôn xã Ia Grai",
        slug="det-tho-cam-ia-grai",
        capacity=1,
        commune=ia_grai,
    )
    course_index().save_revision().publish()
    base = live_server.url

    page.goto(f"{base}/dao-tao/")
    assert fits(page)
    expect(page.get_by_text("Đang nhận đăng ký · còn 1 chỗ")).to_be_visible()
    page.get_by_role("link", name="Đào tạo nghề dệt thổ cẩm cho lao động nông thôn xã Ia Grai").click()
    expect(page.get_by_role("heading", name="Đăng ký tham gia")).to_be_visible()
    assert fits(page)

    page.get_by_label("Họ và tên").fill("Rơ Châm H'Nhí")
    page.get_by_label("Điện thoại").fill("0905 12")
    page.get_by_label("Xã/phường").select_option(label="Xã Ia Grai")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_text("Số điện thoại cần 10 hoặc 11 chữ số")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_have_value("Rơ Châm H'Nhí")  # nothing typed is lost
    assert not Registration.objects.exists()

    page.get_by_label("Điện thoại").fill("+84 905 123 456")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_text("Đăng ký thành công. Bạn đã có chỗ trong lớp.")).to_be_visible()
    registration = Registration.objects.get()
    expect(page.locator(".registration-code")).to_have_text(registration.code)
    assert registration.phone == "0905123456" and registration.commune == ia_grai
    assert fits(page)

    page.goto(f"{base}/dao-tao/det-tho-cam-ia-grai/")
    expect(page.get_by_text("Lớp đã đủ chỗ. Bạn vẫn có thể đăng ký vào danh sách chờ.")).to_be_visible()
    page.get_by_label("Họ và tên").fill("Siu H'Nga")
    page.get_by_label("Điện thoại").fill("0905 765 432")
    page.get_by_role("button", name="Đăng ký vào danh sách chờ").click()
    expect(page.get_by_text("Bạn đã được ghi vào danh sách chờ", exact=False)).to_be_visible()
    assert Registration.objects.get(phone="0905765432").status == RegistrationStatus.WAITING


def test_the_commune_lookup_on_a_phone(page, live_server, home_page):
    page.set_viewport_size({"width": 390, "height": 844})
    CollaboratorFactory(full_name="Rơ Mah Tuấn", commune=CommuneFactory(code="72002", name="Ia Grai"))
    CollaboratorFactory(full_name="Bùi Văn Khánh", commune=CommuneFactory(code="72003", name="Đak Đoa"))
    page.goto(f"{live_server.url}/cong-tac-vien/")
    page.get_by_label("Xã/phường của bạn").fill("ia grai")
    page.get_by_role("button", name="Tìm người liên hệ").click()
    expect(page.get_by_text("Rơ Mah Tuấn")).to_be_visible()
    expect(page.get_by_text("Bùi Văn Khánh")).to_have_count(0)
    assert fits(page)
