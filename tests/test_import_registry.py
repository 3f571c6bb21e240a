"""manage.py import_registry: .xlsx and .csv, every row validated, atomic, idempotent, clear errors."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from registry.catalogue.models import Certificate, Commune, CraftVillagePage, Producer, ProductPage
from tests.factories import CommuneFactory, ProducerFactory, ProductPageFactory, product_index, village_index

pytestmark = pytest.mark.django_db

PRODUCER_HEADER = ["name", "slug", "kind", "tax_code", "commune_code", "phone", "email"]
PRODUCERS = [
    ["Hợp tác xã Cà phê Ia Grai", "htx-ca-phe-ia-grai", "cooperative", "5901100101", "21556", "0269 3845 101", ""],
    ["Cơ sở Nón ngựa Phú Gia", "", "Hộ kinh doanh", "4101100107", "", "", "non@phugia.vn"],
]


def write_csv(path, header, rows, delimiter=","):
    import csv

    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def write_xlsx(path, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return str(path)


def run(*args):
    import io

    out, err = io.StringIO(), io.StringIO()
    call_command("import_registry", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def ia_grai(home_page):
    return CommuneFactory(code="21556", name="Ia Grai")


def test_import_producers_from_xlsx_then_rerun_changes_nothing(tmp_path, ia_grai):
    path = write_xlsx(tmp_path / "co-so.xlsx", PRODUCER_HEADER, PRODUCERS)
    out, _err = run(path, "--kind", "producers")
    assert "2 thêm mới" in out
    coffee = Producer.objects.get(tax_code="5901100101")
    assert coffee.commune == ia_grai and coffee.kind == "cooperative"
    assert Producer.objects.get(tax_code="4101100107").kind == "household"  # label accepted
    assert Producer.objects.get(tax_code="4101100107").slug == "co-so-non-ngua-phu-gia"
    before = list(Producer.objects.values_list("pk", "updated_at"))
    out, _err = run(path, "--kind", "producers")
    assert "0 thêm mới, 0 cập nhật, 2 không đổi" in out
    assert list(Producer.objects.values_list("pk", "updated_at")) == before


def test_one_bad_row_imports_nothing_and_names_the_row(tmp_path, ia_grai):
    rows = PRODUCERS + [["Cơ sở lỗi", "", "khong-ro", "", "99999", "", "khong-phai-email"]]
    path = write_csv(tmp_path / "co-so.csv", PRODUCER_HEADER, rows)
    with pytest.raises(CommandError, match="Không nhập dòng nào"):
        _out, err = run(path, "--kind", "producers")
    assert Producer.objects.count() == 0


def test_row_errors_are_in_vietnamese_with_row_numbers(tmp_path, ia_grai, capsys):
    rows = PRODUCERS + [["Cơ sở lỗi", "", "khong-ro", "", "99999", "", "khong-phai-email"]]
    path = write_csv(tmp_path / "co-so.csv", PRODUCER_HEADER, rows, delimiter=";")
    import io

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", path, "--kind", "producers", stdout=io.StringIO(), stderr=err)
    message = err.getvalue()
    assert "Dòng 4" in message and "kind" in message and "thư điện tử" in message


def test_dry_run_saves_nothing(tmp_path, ia_grai):
    path = write_csv(tmp_path / "co-so.csv", PRODUCER_HEADER, PRODUCERS)
    out, _err = run(path, "--kind", "producers", "--dry-run")
    assert "Chạy thử" in out and "2 thêm mới" in out
    assert Producer.objects.count() == 0


@pytest.mark.parametrize(
    "name, content",
    [("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00"), ("so.xlsx", b"not a zip"), ("so.csv", b"\x00\x01\x02binary")],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(tmp_path, home_page, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run(str(path), "--kind", "producers")
    assert "không phải" in str(error.value) or "không đọc được" in str(error.value)


def test_missing_file(tmp_path, home_page):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run(str(tmp_path / "khong-co.xlsx"), "--kind", "producers")


def test_import_products_villages_and_certificates(tmp_path, ia_grai):
    product_index()
    village_index()
    ProducerFactory(tax_code="5901100101", slug="htx-ca-phe")
    villages = write_csv(
        tmp_path / "lang.csv",
        [
            "slug",
            "title",
            "village_type",
            "main_trade",
            "trade_groups",
            "commune_code",
            "latitude",
            "longitude",
            "households_total",
            "households_in_trade",
        ],
        [
            [
                "lang-ruou-bau-da",
                "Làng rượu Bàu Đá",
                "traditional",
                "Nấu rượu",
                "agri-processing",
                "21556",
                "13.88",
                "109.01",
                "400",
                "100",
            ]
        ],
    )
    run(villages, "--kind", "villages")
    village = CraftVillagePage.objects.get(slug="lang-ruou-bau-da")
    assert village.live and village.households_percentage == 25
    assert [t.code for t in village.trade_groups.all()] == ["agri-processing"]
    products = write_csv(
        tmp_path / "sp.csv",
        ["slug", "title", "product_group", "producer", "craft_village_slug", "summary"],
        [
            [
                "ruou-bau-da",
                "Rượu Bàu Đá",
                "Chế biến nông, lâm, thủy sản và thực phẩm",
                "5901100101",
                "lang-ruou-bau-da",
                "Rượu gạo ủ chum.",
            ]
        ],
    )
    run(products, "--kind", "products")
    product = ProductPage.objects.get(slug="ruou-bau-da")
    assert product.live and product.craft_village_id == village.pk and product.product_group == "processed-food"
    certs = write_xlsx(
        tmp_path / "gcn.xlsx",
        [
            "serial",
            "product_slug",
            "level",
            "year",
            "score",
            "decision_number",
            "decision_date",
            "issuer",
            "valid_from",
            "valid_until",
        ],
        [
            [
                "GL-2024-0001",
                "ruou-bau-da",
                "Cấp tỉnh",
                2024,
                81.5,
                "344/QĐ-UBND",
                "27/06/2024",
                "UBND tỉnh Gia Lai",
                "27/06/2024",
                "27/06/2027",
            ]
        ],
    )
    run(certs, "--kind", "certificates")
    cert = Certificate.objects.get(serial="GL-2024-0001")
    assert cert.product == product and cert.level == "provincial" and cert.source == "imported"
    out, _err = run(certs, "--kind", "certificates")
    assert "1 không đổi" in out
    out, _err = run(products, "--kind", "products")
    assert "1 không đổi" in out and ProductPage.objects.count() == 1


def test_certificate_rows_referring_to_unknown_product_fail(tmp_path, home_page):
    ProductPageFactory(slug="co-that")
    path = write_csv(
        tmp_path / "gcn.csv",
        ["serial", "product_slug", "level", "year", "decision_number", "decision_date", "issuer", "valid_from"],
        [
            ["A-1", "co-that", "provincial", "2024", "1/QĐ", "2024-06-27", "UBND", "2024-06-27"],
            ["A-2", "khong-co", "provincial", "2024", "1/QĐ", "2024-06-27", "UBND", "2024-06-27"],
            ["A-1", "co-that", "provincial", "2024", "1/QĐ", "2024-06-27", "UBND", "2024-06-27"],
        ],
    )
    import io

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", path, "--kind", "certificates", stdout=io.StringIO(), stderr=err)
    assert "Dòng 3" in err.getvalue() and "khong-co" in err.getvalue()
    assert "Dòng 4" in err.getvalue() and "trùng" in err.getvalue()
    assert Certificate.objects.count() == 0


def test_import_communes_from_csv(tmp_path, home_page):
    from tests.factories import ProvinceFactory

    ProvinceFactory(code="52")
    path = write_csv(
        tmp_path / "xa.csv",
        ["code", "name", "kind", "province_code", "effective_from"],
        [["21552", "Quy Nhơn", "Phường", "52", "01/07/2025"]],
    )
    run(path, "--kind", "communes")
    assert str(Commune.objects.get(code="21552")) == "Phường Quy Nhơn"


def test_command_exits_non_zero_on_a_non_spreadsheet(tmp_path):
    import os
    import subprocess
    import sys

    path = tmp_path / "anh.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not a spreadsheet")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_registry", str(path), "--kind", "products"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "không phải bảng tính" in result.stderr
