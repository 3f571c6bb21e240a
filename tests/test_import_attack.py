"""The import attacked by an independent tester (issue 11, second pass): drafts and moderation are respected,
duplicate rows are found by the record they name, name-only producers are matched, file names are the user's,
formula cells without a value are row errors, large files are refused by the admin screen."""

import csv

import pytest
from openpyxl import Workbook

from registry.catalogue.importing.runner import import_file
from registry.catalogue.models import Producer, ProductPage
from tests.factories import ProducerFactory, ProductPageFactory, product_index

pytestmark = pytest.mark.django_db


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def drafted(home_page):
    """A live product with an editor's unpublished draft (what "Lưu nháp" does)."""
    product = ProductPageFactory(parent=product_index(), summary="Bản công bố", where_to_buy="Chợ Đầm")
    product.save_revision().publish()
    draft = product.get_latest_revision_as_object()
    draft.summary = "BẢN NHÁP chưa duyệt"
    draft.where_to_buy = "Nơi bán trong bản nháp"
    draft.save_revision()
    return ProductPage.objects.get(pk=product.pk)


def test_an_unchanged_row_of_a_page_with_a_draft_is_unchanged_and_the_draft_kept(drafted, client, tmp_path):
    path = tmp_path / "products.csv"
    path.write_bytes(client.get("/du-lieu-mo/products.csv").getvalue())
    for dry_run in (True, False):
        report = import_file(path, "products", dry_run=dry_run)
        assert report.ok, report.errors
        assert report.counts["unchanged"] == report.rows >= 1
    page = ProductPage.objects.get(pk=drafted.pk)
    assert page.has_unpublished_changes
    assert page.summary == "Bản công bố" and page.where_to_buy == "Chợ Đầm"
    assert page.get_latest_revision_as_object().where_to_buy == "Nơi bán trong bản nháp"


def test_a_changed_row_of_a_page_with_a_draft_is_a_row_error_and_nothing_is_published(drafted, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["slug", "summary"], [[drafted.slug, "Mô tả mới từ tệp"]])
    for dry_run in (True, False):
        report = import_file(path, "products", dry_run=dry_run)
        assert not report.applied
        assert report.errors == [
            "Dòng 2: trang đang có bản nháp chưa xuất bản / đang chờ duyệt: hãy xuất bản hoặc huỷ bản nháp trước "
            "khi nhập."
        ]
    page = ProductPage.objects.get(pk=drafted.pk)
    assert page.summary == "Bản công bố" and page.where_to_buy == "Chợ Đầm"
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.summary == "BẢN NHÁP chưa duyệt" and draft.where_to_buy == "Nơi bán trong bản nháp"


def test_a_change_to_a_live_page_without_draft_compares_with_the_live_page(home_page, tmp_path):
    product = ProductPageFactory(parent=product_index(), summary="Cũ", where_to_buy="Chợ Đầm")
    product.save_revision().publish()
    path = write_csv(tmp_path / "p.csv", ["slug", "summary"], [[product.slug, "Mới"]])
    report = import_file(path, "products", dry_run=True)
    assert report.results[0].changes == [("summary", "Cũ", "Mới")]
    assert import_file(path, "products").applied
    page = ProductPage.objects.get(pk=product.pk)
    assert page.summary == "Mới" and page.where_to_buy == "Chợ Đầm" and not page.has_unpublished_changes


def test_two_rows_naming_one_producer_by_different_keys_are_duplicates(home_page, tmp_path):
    producer = ProducerFactory(slug="cong-ty-dieu-quy-nhon", name="Công ty Điều Quy Nhơn", tax_code="4101100114")
    path = write_csv(
        tmp_path / "p.csv",
        ["slug", "name", "kind", "tax_code"],
        [
            ["cong-ty-dieu-quy-nhon", "Công ty Điều Quy Nhơn", "sme", "4101100114"],
            ["slug-khac-hoan-toan", "Tên khác", "sme", "4101100114"],
        ],
    )
    for dry_run in (True, False):
        report = import_file(path, "producers", dry_run=dry_run)
        assert report.errors == ["Dòng 3: trùng cơ sở sản xuất với dòng 2 (mã số thuế 4101100114)."]
        assert not report.applied
    producer.refresh_from_db()
    assert (producer.slug, producer.name) == ("cong-ty-dieu-quy-nhon", "Công ty Điều Quy Nhơn")


def test_two_new_rows_with_one_tax_code_are_duplicates(home_page, tmp_path):
    path = write_csv(
        tmp_path / "p.csv",
        ["slug", "name", "kind", "tax_code"],
        [["co-so-a", "Cơ sở A", "sme", "4101100114"], ["co-so-b", "Cơ sở B", "sme", "4101100114"]],
    )
    report = import_file(path, "producers")
    assert report.errors == ["Dòng 3: trùng cơ sở sản xuất với dòng 2 (mã số thuế 4101100114)."]
    assert not Producer.objects.filter(slug__in=["co-so-a", "co-so-b"]).exists()


def test_a_name_only_row_updates_the_producer_of_that_folded_name(home_page, tmp_path):
    producer = ProducerFactory(slug="cong-ty-dieu-quy-nhon", name="Công ty Cổ phần Chế biến Điều Quy Nhơn")
    count = Producer.objects.count()
    for name in ("Công ty Cổ phần Chế biến Điều Quy Nhơn", "CONG TY CO PHAN CHE BIEN DIEU QUY NHON"):
        path = write_csv(tmp_path / "p.csv", ["name", "kind"], [[name, producer.kind]])
        report = import_file(path, "producers")
        assert report.ok and report.counts["created"] == 0, report.errors
    path = write_csv(tmp_path / "p.csv", ["name", "kind"], [["Công ty Cổ phần Chế biến Điều Quy Nhơn", "sme"]])
    report = import_file(path, "producers")
    assert report.counts["updated"] == 1 and report.applied
    assert Producer.objects.count() == count
    producer.refresh_from_db()
    assert producer.kind == "sme" and producer.slug == "cong-ty-dieu-quy-nhon"


def test_a_name_only_row_naming_several_producers_is_refused(home_page, tmp_path):
    ProducerFactory(slug="co-so-a", name="Cơ sở Hoa Sen", tax_code="")
    ProducerFactory(slug="co-so-b", name="CƠ SỞ HOA SEN", tax_code="")
    count = Producer.objects.count()
    path = write_csv(tmp_path / "p.csv", ["name", "kind"], [["co so hoa sen", "sme"]])
    report = import_file(path, "producers")
    assert report.errors == [
        "Dòng 2: có 2 cơ sở cùng tên “co so hoa sen”: hãy thêm cột tax_code hoặc slug để chỉ rõ cơ sở."
    ]
    assert Producer.objects.count() == count


def test_the_admin_screen_names_the_uploaded_file_by_its_own_name(admin_client, home_page):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("catalogue_import:index")
    upload = SimpleUploadedFile("Danh sách cơ sở.csv", b"slug,name\nco-so,Caf\xe9\n")
    html = admin_client.post(url, {"kind": "producers", "file": upload}).content.decode()
    assert "Tệp Danh sách cơ sở.csv không mã hóa UTF-8" in html
    upload = SimpleUploadedFile("../../Cơ sở\x07.csv", b"slug,name\nco-so,C\xc6\xa1 s\xe1\xbb\x9f\n")
    html = admin_client.post(url, {"kind": "producers", "file": upload}).content.decode()
    assert "— Cơ sở.csv" in html and "../" not in html.split("— Cơ sở.csv")[0][-20:]


def test_a_formula_without_a_stored_value_is_a_row_error_not_a_blank(home_page, tmp_path):
    producer = ProducerFactory(slug="co-so-a", description="Giới thiệu thật")
    workbook = Workbook()
    workbook.active.append(["slug", "description"])
    workbook.active.append(["co-so-a", '=HYPERLINK("http://evil.example","bấm")'])
    workbook.save(tmp_path / "p.xlsx")
    report = import_file(tmp_path / "p.xlsx", "producers")
    assert report.errors == ["Dòng 2: ô “description” là công thức chưa có giá trị; hãy dán giá trị (Paste Values)."]
    producer.refresh_from_db()
    assert producer.description == "Giới thiệu thật"


def test_a_formula_with_a_stored_value_uses_the_value(home_page, tmp_path):
    import zipfile

    producer = ProducerFactory(slug="co-so-a", description="Cũ")
    workbook = Workbook()
    workbook.active.append(["slug", "description"])
    workbook.active.append(["co-so-a", '=CONCAT("Mới","")'])
    workbook.save(tmp_path / "f.xlsx")
    # What Excel writes: the formula and its cached value (<v>), in an inline-string-free sheet.
    with zipfile.ZipFile(tmp_path / "f.xlsx") as source, zipfile.ZipFile(tmp_path / "p.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index('<c r="B2"')
                end = text.index("</c>", start) + len("</c>")
                text = text[:start] + '<c r="B2" t="str"><f>CONCAT("Mới","")</f><v>Mới</v></c>' + text[end:]
                data = text.encode()
            target.writestr(item, data)
    report = import_file(tmp_path / "p.xlsx", "producers")
    assert report.ok and report.results[0].changes == [("description", "Cũ", "Mới")], report.errors
    producer.refresh_from_db()
    assert producer.description == "Mới"


def test_blank_lines_before_the_header_are_skipped(home_page, tmp_path):
    ProducerFactory(slug="co-so-a", name="Cơ sở A")
    path = tmp_path / "p.csv"
    path.write_text("\n;;\n\nslug;name\nco-so-a;Cơ sở B\n", encoding="utf-8")
    report = import_file(path, "producers", dry_run=True)
    assert report.ok, report.errors
    assert report.results[0].number == 5 and report.results[0].changes == [("name", "Cơ sở A", "Cơ sở B")]


def test_the_admin_screen_refuses_a_file_over_its_row_limit_and_points_to_the_command(
    admin_client, home_page, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.IMPORT_ADMIN_MAX_ROWS = 2
    body = "slug,name,kind\n" + "".join(f"co-so-{n},Cơ sở {n},sme\n" for n in range(3))
    upload = SimpleUploadedFile("lon.csv", body.encode())
    response = admin_client.post(reverse("catalogue_import:index"), {"kind": "producers", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có 3 dòng dữ liệu, nhiều hơn 2 dòng mà màn hình này nhập được trong một lần" in html
    assert "manage.py import_registry" in html and 'name="token"' not in html
    assert not Producer.objects.filter(slug="co-so-0").exists()
    settings.IMPORT_ADMIN_MAX_ROWS = 3
    upload = SimpleUploadedFile("lon.csv", body.encode())
    html = admin_client.post(reverse("catalogue_import:index"), {"kind": "producers", "file": upload}).content
    assert 'name="token"' in html.decode()


@pytest.mark.parametrize("model", ["producer", "certificate", "commune", "province"])
def test_the_admin_csv_export_starts_with_a_utf8_byte_order_mark(admin_client, home_page, model):
    from django.urls import reverse

    ProducerFactory(name="Cơ sở Gốm Bàu Trúc")
    response = admin_client.get(reverse(f"wagtailsnippets_catalogue_{model}:list") + "?export=csv")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf") and not content.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    content.decode("utf-8-sig")
