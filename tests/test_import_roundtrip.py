"""Lossless, explainable imports (issue 11): every export imports back as "không đổi", a missing column changes
nothing, text is stored NFC, coordinates are checked, templates pass a dry run on the demo data, the admin screen
previews then applies, and the result is in the audit log."""

import csv
import io
import json
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from core.models import SiteSettings
from core.roles import REGISTRY_STAFF, role_group
from demo import catalogue as demo
from demo.context import SeedContext
from registry.catalogue.importing.runner import IMPORT_ACTION, import_file
from registry.catalogue.importing.schemas import SCHEMAS
from registry.catalogue.models import CraftVillagePage, Producer
from tests.factories import CommuneFactory, CraftVillagePageFactory, ProducerFactory, village_index

pytestmark = pytest.mark.django_db

OPEN_DATA_KINDS = ["products", "producers", "certificates", "villages", "artisans"]
ADMIN_EXPORTS = {"producers": "producer", "certificates": "certificate", "communes": "commune", "provinces": "province"}


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, header, rows):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def unchanged_everywhere(report):
    """The report of an import that found every row unchanged (and at least one row)."""
    return (
        report.ok
        and report.rows > 0
        and report.counts
        == {
            "created": 0,
            "updated": 0,
            "unchanged": report.rows,
            "errors": 0,
        }
    )


def explain(report):
    changed = [(r.number, r.key, r.changes, r.errors) for r in report.results if r.status != "unchanged"]
    return f"{report.summary()} {report.errors[:3]} {changed[:3]}"


@pytest.fixture
def demo_registry(home_page):
    demo.seed(SeedContext(write=lambda *_: None))


def _cell(value):
    return ",".join(value) if isinstance(value, list) else value


def test_every_export_imports_back_unchanged(demo_registry, admin_client, tmp_path):
    """Open-data CSV, a CSV made from the open-data JSON, and the admin CSV and XLSX exports of every kind."""
    failures = []
    for kind in OPEN_DATA_KINDS:
        response = admin_client.get(f"/du-lieu-mo/{kind}.csv")
        path = tmp_path / f"open-{kind}.csv"
        path.write_bytes(response.getvalue())
        report = import_file(path, kind)
        if not unchanged_everywhere(report):
            failures.append(("open-data csv", kind, explain(report)))

        data = json.loads(admin_client.get(f"/du-lieu-mo/{kind}.json").getvalue())
        # A list of codes (``trade_groups``) is one cell of codes joined by "," (public_fields.CODES)
        rows = [[_cell(item[name]) for name in data["fields"]] for item in data["items"]]
        path = write_csv(tmp_path / f"json-{kind}.csv", data["fields"], rows)
        report = import_file(path, kind)
        if not unchanged_everywhere(report):
            failures.append(("open-data json", kind, explain(report)))

    for kind, model in ADMIN_EXPORTS.items():
        for fmt in ("csv", "xlsx"):
            url = reverse(f"wagtailsnippets_catalogue_{model}:list") + f"?export={fmt}"
            response = admin_client.get(url)
            assert response.status_code == 200, url
            path = tmp_path / f"admin-{kind}.{fmt}"
            path.write_bytes(b"".join(response.streaming_content))
            report = import_file(path, kind)
            if not unchanged_everywhere(report):
                failures.append(("admin " + fmt, kind, explain(report)))
    assert failures == []


def test_templates_pass_a_dry_run_on_demo_data(demo_registry, client, tmp_path):
    for kind in SCHEMAS:
        for fmt in ("csv", "xlsx"):
            response = client.get(f"/du-lieu-mo/mau/{kind}.{fmt}")
            assert response.status_code == 200
            path = tmp_path / f"mau-{kind}.{fmt}"
            path.write_bytes(response.content)
            report = import_file(path, kind, dry_run=True)
            assert report.ok and report.rows == 1, (kind, fmt, report.errors)
            assert not report.applied


def test_open_data_page_offers_xlsx_templates_beside_csv(client, home_page):
    html = client.get("/du-lieu-mo/").content.decode()
    for kind in SCHEMAS.keys() & set(OPEN_DATA_KINDS):
        assert f"/du-lieu-mo/mau/{kind}.csv" in html and f"/du-lieu-mo/mau/{kind}.xlsx" in html


def test_template_cells_are_safe(client, home_page, monkeypatch):
    monkeypatch.setitem(SCHEMAS["artisans"].example, "trade", '=HYPERLINK("http://x")')
    text = client.get("/du-lieu-mo/mau/artisans.csv").getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    workbook = load_workbook(io.BytesIO(client.get("/du-lieu-mo/mau/artisans.xlsx").content))
    values = [cell.value for cell in workbook.active[2]]
    assert '\'=HYPERLINK("http://x")' in values


@pytest.fixture
def producer(home_page):
    return ProducerFactory(
        slug="htx-det-phung",
        name="Hợp tác xã Dệt Phung",
        tax_code="5900000001",
        representative="Rơ Châm H'Nhí",
        description="Dệt thổ cẩm từ năm 1990.",
        phone="0269 111 222",
    )


def test_a_missing_column_leaves_that_field_untouched(producer, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["slug", "name"], [["htx-det-phung", "Hợp tác xã Dệt thổ cẩm Phung"]])
    report = import_file(path, "producers")
    assert report.counts["updated"] == 1
    assert report.results[0].changes == [("name", "Hợp tác xã Dệt Phung", "Hợp tác xã Dệt thổ cẩm Phung")]
    producer.refresh_from_db()
    assert producer.name == "Hợp tác xã Dệt thổ cẩm Phung"
    assert producer.representative == "Rơ Châm H'Nhí"
    assert producer.description == "Dệt thổ cẩm từ năm 1990."
    assert producer.phone == "0269 111 222" and producer.tax_code == "5900000001"


def test_an_unchanged_row_is_not_saved(producer, tmp_path):
    before = Producer.objects.get(pk=producer.pk).updated_at
    path = write_csv(tmp_path / "p.csv", ["tax_code", "name", "representative"],
                     [["5900000001", "Hợp tác xã Dệt Phung", "Rơ Châm H'Nhí"]])  # fmt: skip
    report = import_file(path, "producers")
    assert report.counts["unchanged"] == 1 and report.counts["updated"] == 0
    assert Producer.objects.get(pk=producer.pk).updated_at == before


def test_a_new_record_needs_the_required_columns(home_page, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["slug", "name"], [["co-so-moi", "Cơ sở mới"]])
    report = import_file(path, "producers")
    assert not report.ok and "Dòng 2" in report.errors[0] and "kind" in report.errors[0]
    assert not Producer.objects.filter(slug="co-so-moi").exists()


def test_admin_export_headings_are_read(producer, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["Đường dẫn", "Người đại diện"], [["htx-det-phung", "Ksor H'Bia"]])
    report = import_file(path, "producers")
    assert report.counts["updated"] == 1
    producer.refresh_from_db()
    assert producer.representative == "Ksor H'Bia"


def test_an_nfd_file_is_stored_as_nfc_without_control_characters(home_page, tmp_path):
    name = unicodedata.normalize("NFD", "Cơ sở Gốm Đắk Đoa") + "\x0b"
    assert not unicodedata.is_normalized("NFC", name)
    path = write_csv(tmp_path / "nfd.csv", ["slug", "name", "kind", "address"],
                     [["gom-dak-doa", name, "household", unicodedata.normalize("NFD", "Thôn Đê Ktu")]])  # fmt: skip
    report = import_file(path, "producers")
    assert report.ok, report.errors
    stored = Producer.objects.get(slug="gom-dak-doa")
    assert stored.name == "Cơ sở Gốm Đắk Đoa" and unicodedata.is_normalized("NFC", stored.name)
    assert stored.address == "Thôn Đê Ktu"
    # Importing the same file again changes nothing.
    assert import_file(path, "producers").counts["unchanged"] == 1


VILLAGE_HEADER = ["slug", "title", "village_type", "main_trade", "latitude", "longitude"]


@pytest.fixture
def villages(home_page):
    village_index()
    return CraftVillagePageFactory(slug="lang-phung", title="Làng Phung", latitude="13.995", longitude="107.989")


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("108.5", "13.98", "vĩ độ “108.5” phải trong khoảng −90 đến 90"),  # swapped
        ("13.98", "190", "kinh độ “190” phải trong khoảng −180 đến 180"),
        ("mười ba", "108", "“mười ba” không phải số"),
        ("13.98", "1e999", "“1e999” quá lớn"),
        ("13.98", "-181", "kinh độ “-181” phải trong khoảng −180 đến 180"),
        ("NaN", "108", "không phải số"),
    ],
)
def test_bad_coordinates_are_row_errors(villages, tmp_path, latitude, longitude, message):
    rows = [
        ["lang-phung", "Làng Phung", "traditional", "Dệt thổ cẩm", "13,995", "107,989"],
        ["lang-moi", "Làng mới", "traditional", "Đan lát", latitude, longitude],
    ]
    report = import_file(write_csv(tmp_path / "v.csv", VILLAGE_HEADER, rows), "villages")
    assert not report.ok
    assert len(report.errors) == 1 and report.errors[0].startswith("Dòng 3:") and message in report.errors[0]
    assert report.counts["errors"] == 1 and report.results[0].errors == []
    assert not CraftVillagePage.objects.filter(slug="lang-moi").exists()


def test_decimal_comma_is_accepted_and_outside_the_province_is_a_warning(villages, tmp_path):
    site_settings = SiteSettings.load()
    site_settings.bounds_south, site_settings.bounds_north = 12.9, 14.7  # Gia Lai
    site_settings.bounds_west, site_settings.bounds_east = 107.4, 109.4
    site_settings.save()
    rows = [["lang-ha-noi", "Làng gốm Bát Tràng", "traditional", "Gốm", "20,9767", "105,9130"]]
    report = import_file(write_csv(tmp_path / "v.csv", VILLAGE_HEADER, rows), "villages")
    assert report.ok and report.counts["created"] == 1
    assert len(report.warnings) == 1 and report.warnings[0].startswith("Dòng 2:")
    assert "ngoài phạm vi" in report.warnings[0]
    village = CraftVillagePage.objects.get(slug="lang-ha-noi")
    assert str(village.latitude).startswith("20.9767")


def test_a_dry_run_saves_nothing_and_an_applied_import_is_in_the_audit_log(producer, admin_user, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["slug", "phone"], [["htx-det-phung", "0269 999 000"]])
    report = import_file(path, "producers", dry_run=True, user=admin_user, source_name="p.csv")
    assert report.counts["updated"] == 1 and not report.applied
    producer.refresh_from_db()
    assert producer.phone == "0269 111 222"
    assert not ModelLogEntry.objects.filter(action=IMPORT_ACTION).exists()

    report = import_file(path, "producers", user=admin_user, source_name="p.csv")
    assert report.applied
    entry = ModelLogEntry.objects.get(action=IMPORT_ACTION)
    assert entry.user == admin_user and entry.object_id == str(producer.pk)
    assert entry.data["file"] == "p.csv" and entry.data["changes"] == {"phone": ["0269 111 222", "0269 999 000"]}


def test_page_imports_are_logged_on_the_page(villages, admin_user, tmp_path):
    rows = [["lang-phung", "Làng dệt Phung", "traditional", "Dệt thổ cẩm", "13.995", "107.989"]]
    import_file(write_csv(tmp_path / "v.csv", VILLAGE_HEADER, rows), "villages", user=admin_user, source_name="v")
    entry = PageLogEntry.objects.get(action=IMPORT_ACTION)
    assert entry.page_id == villages.pk and entry.user == admin_user
    assert entry.data["changes"]["title"] == ["Làng Phung", "Làng dệt Phung"]


def test_xlsx_numbers_and_dates_import(home_page, tmp_path):
    CommuneFactory(code="21556")
    path = write_xlsx(tmp_path / "p.xlsx", ["slug", "name", "kind", "commune_code"],
                      [["co-so-a", "Cơ sở A", "household", 21556]])  # fmt: skip
    report = import_file(path, "producers")
    assert report.ok, report.errors
    assert Producer.objects.get(slug="co-so-a").commune.code == "21556"


# -- the admin screen (the browser test drives the same flow in Chromium) --------------------------------------


def test_registry_staff_see_the_import_screen_and_editors_do_not(client, demo_accounts, home_page):
    url = reverse("catalogue_import:index")
    staff = get_user_model().objects.create_user("canbo", is_staff=True)
    staff.groups.add(role_group(REGISTRY_STAFF))
    editor = next(u for u in demo_accounts.values() if u.groups.filter(name="Biên tập viên").exists())
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200 and "Nhập dữ liệu" in response.content.decode()
    assert url in client.get("/admin/").content.decode()
    client.force_login(editor)
    response = client.get(url)  # Wagtail turns PermissionDenied into a redirect with a message
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert url not in client.get("/admin/").content.decode()


def test_admin_upload_preview_then_confirm(admin_client, producer, tmp_path):
    url = reverse("catalogue_import:index")
    path = write_csv(tmp_path / "p.csv", ["slug", "phone"], [["htx-det-phung", "0269 999 000"]])
    with open(path, "rb") as handle:
        response = admin_client.post(url, {"kind": "producers", "file": handle})
    html = response.content.decode()
    assert response.status_code == 200 and "0269 111 222" in html and "0269 999 000" in html
    producer.refresh_from_db()
    assert producer.phone == "0269 111 222"
    token = response.context["token"]
    assert token and "/media/" not in html
    response = admin_client.post(url, {"token": token})
    assert response.status_code == 200 and "Đã nhập" in response.content.decode()
    history = admin_client.get(f"/admin/reports/site-history/?action={IMPORT_ACTION}").content.decode()
    assert "Hợp tác xã Dệt Phung" in history and "Nhập từ tệp" in history
    producer.refresh_from_db()
    assert producer.phone == "0269 999 000"
    # The token is spent: confirming again imports nothing and says why.
    response = admin_client.post(url, {"token": token}, follow=True)
    assert "không còn" in response.content.decode()


def test_admin_upload_rejects_other_files(admin_client, home_page, tmp_path):
    path = tmp_path / "p.pdf"
    path.write_bytes(b"%PDF-1.4")
    with open(path, "rb") as handle:
        response = admin_client.post(reverse("catalogue_import:index"), {"kind": "producers", "file": handle})
    assert response.status_code == 200 and "Chỉ nhận tệp .xlsx" in response.content.decode()


def test_a_huge_number_is_a_row_error_not_a_hang(villages, tmp_path):
    header = ["slug", "households_total"]
    report = import_file(write_csv(tmp_path / "v.csv", header, [["lang-phung", "1e999999999"]]), "villages")
    assert report.errors == ["Dòng 2: cột “households_total”: “1e999999999” quá lớn."]


def test_the_command_explains_each_change(producer, tmp_path):
    path = write_csv(tmp_path / "p.csv", ["slug", "phone"], [["htx-det-phung", "0269 999 000"]])
    out = io.StringIO()
    call_command("import_registry", str(path), "--kind", "producers", "--dry-run", verbosity=2, stdout=out)
    text = out.getvalue()
    assert "Dòng 2 (htx-det-phung): cập nhật" in text and "điện thoại: 0269 111 222 → 0269 999 000" in text
    assert "0 thêm mới, 1 cập nhật, 0 không đổi, 0 lỗi" in text
