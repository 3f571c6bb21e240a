"""A registry officer imports producers from the admin ("Sổ đăng ký" → "Nhập dữ liệu"): the first file has one bad
row, the preview names it and offers no confirmation; the fixed file previews the change old → new; confirming
applies it and shows the result."""

import csv

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from core.roles import REGISTRY_STAFF, role_group
from registry.catalogue.models import Producer
from tests.factories import ProducerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = ["slug", "name", "kind", "phone", "email"]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return str(path)


def test_officer_previews_fixes_and_confirms_an_import(page, live_server, demo_accounts, tmp_path):
    officer = get_user_model().objects.create_user("canbo", password="khuyencong2026", last_name="Ksor Thị",
                                                   first_name="Hoa")  # fmt: skip
    officer.groups.add(role_group(REGISTRY_STAFF))
    ProducerFactory(slug="htx-det-phung", name="HTX Dệt Phung", kind="cooperative", phone="0269 111 222",
                    representative="Rơ Châm H'Nhí", email="")  # fmt: skip
    base = live_server.url

    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill("canbo")
    page.locator("#id_password").fill("khuyencong2026")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base + "/admin/")

    page.get_by_role("button", name="Sổ đăng ký").click()
    page.get_by_role("link", name="Nhập dữ liệu").first.click()  # the menu item (the dashboard has a shortcut too)
    expect(page).to_have_url(base + "/admin/catalogue/import/")

    good = ["htx-det-phung", "HTX Dệt Phung", "cooperative", "0269 999 000", ""]
    bad = ["co-so-moi", "Cơ sở mới", "household", "", "khong-phai-email"]
    page.locator("#id_kind").select_option("producers")
    page.locator("#id_file").set_input_files(write_csv(tmp_path / "co-so.csv", [good, bad]))
    page.get_by_role("button", name="Tải lên và xem trước").click()

    errors = page.locator(".import-report__errors")
    expect(errors).to_contain_text("Dòng 3")
    expect(errors).to_contain_text("không phải địa chỉ thư điện tử")
    expect(page.locator(".import-report__summary")).to_contain_text("1 lỗi")
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_have_count(0)
    assert Producer.objects.get(slug="htx-det-phung").phone == "0269 111 222"

    bad[4] = "lienhe@coso.vn"
    page.locator("#id_kind").select_option("producers")
    page.locator("#id_file").set_input_files(write_csv(tmp_path / "co-so-da-sua.csv", [good, bad]))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.locator(".import-report__summary")).to_contain_text("1 thêm mới, 1 cập nhật, 0 không đổi, 0 lỗi")
    change = page.locator(".import-row--updated .import-row__change")
    expect(change).to_contain_text("0269 111 222")
    expect(change).to_contain_text("0269 999 000")
    assert not Producer.objects.filter(slug="co-so-moi").exists()

    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập “co-so-da-sua.csv”")
    expect(page.locator("#import-report-title")).to_contain_text("Kết quả nhập")
    updated = Producer.objects.get(slug="htx-det-phung")
    assert updated.phone == "0269 999 000" and updated.representative == "Rơ Châm H'Nhí"
    assert Producer.objects.get(slug="co-so-moi").email == "lienhe@coso.vn"
