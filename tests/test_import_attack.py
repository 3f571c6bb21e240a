"""The import attacked by an independent tester (issue 11, second pass): drafts and moderation are respected,
duplicate rows are found by the record they name, name-only producers are matched, file names are the user's,
formula cells without a value are row errors, large files are refused by the admin screen."""

import csv

import pytest

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
    path.write_bytes(client.get("/du-lieu-mo/products.csv").content)
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
