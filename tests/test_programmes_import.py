"""Issue 16, item 1: past years' project lists through the registry's import (``import_registry --kind projects``,
the admin screen, the templates ``/du-lieu-mo/mau/projects.*``): dry run writes nothing, row errors name the row
and the problem, a real import publishes the projects with their beneficiaries, a second import changes nothing."""

import io

import pytest
from django.core.management import call_command

from programmes.models import ProjectPage
from registry.catalogue.importing.runner import import_file
from tests.factories import CommuneFactory, CraftVillagePageFactory, ProducerFactory, programme_content, project_index
from tests.test_import_roundtrip import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["slug", "title", "year", "funding_source", "programme_content", "decision_number", "decision_date",
          "support_amount", "counterpart_amount", "producers", "villages", "commune_code", "status",
          "cancellation_reason", "jobs", "trainees"]  # fmt: skip


@pytest.fixture
def registry(home_page):
    project_index()
    programme_content("mo-hinh-trinh-dien")
    programme_content("nguon-nhan-luc-tu-van")
    return {
        "commune": CommuneFactory(code="21556", name="Ia Grai"),
        "producer": ProducerFactory(slug="htx-ca-phe-ia-grai", tax_code="5901100101"),
        "other": ProducerFactory(slug="cong-ty-mac-ca"),
        "village": CraftVillagePageFactory(slug="lang-det-tho-cam-phung"),
    }


def _file(tmp_path, rows):
    return write_csv(tmp_path / "de-an.csv", HEADER, rows)


GOOD = [
    ["may-rang-ca-phe-2022", "Hỗ trợ máy rang cà phê", "2022", "Khuyến công địa phương", "mo-hinh-trinh-dien",
     "215/QĐ-SCT", "12/04/2022", "280.000.000", "420000000", "5901100101; cong-ty-mac-ca", "", "21556",
     "accepted", "", "15", ""],
    ["dao-tao-tho-cam-2023", "Đào tạo dệt thổ cẩm", "2023", "national", "Phát triển nguồn nhân lực, tư vấn", "",
     "", "95000000", "0", "", "lang-det-tho-cam-phung", "", "Đã hủy", "Không đủ học viên đăng ký.", "", "0"],
]  # fmt: skip


def test_a_dry_run_writes_nothing_then_the_import_publishes(registry, tmp_path):
    path = _file(tmp_path, GOOD)
    report = import_file(path, "projects", dry_run=True)
    assert report.ok and report.counts["created"] == 2, report.errors
    assert not ProjectPage.objects.exists()
    report = import_file(path, "projects")
    assert report.applied, report.errors
    first = ProjectPage.objects.get(slug="may-rang-ca-phe-2022")
    assert first.live and first.support_amount == 280_000_000 and first.counterpart_amount == 420_000_000
    assert {p.slug for p in first.producers.all()} == {"htx-ca-phe-ia-grai", "cong-ty-mac-ca"}
    assert first.commune == registry["commune"] and first.funding_source == "local"
    second = ProjectPage.objects.get(slug="dao-tao-tho-cam-2023")
    assert second.status == "cancelled" and second.programme_content.code == "nguon-nhan-luc-tu-van"
    assert list(second.villages.all()) == [registry["village"]]
    again = import_file(path, "projects")
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2, "errors": 0}, again.results


def test_a_changed_beneficiary_is_an_update(registry, tmp_path):
    import_file(_file(tmp_path, GOOD), "projects")
    changed = [list(GOOD[0])]
    changed[0][9] = "cong-ty-mac-ca"
    report = import_file(_file(tmp_path, changed), "projects")
    assert report.counts["updated"] == 1
    assert ("producers", "cong-ty-mac-ca,htx-ca-phe-ia-grai", "cong-ty-mac-ca") in report.results[0].changes
    assert [p.slug for p in ProjectPage.objects.get(slug="may-rang-ca-phe-2022").producers.all()] == ["cong-ty-mac-ca"]


def test_row_errors_name_the_row_and_nothing_is_kept(registry, tmp_path):
    bad = [
        GOOD[0],
        ["huy-khong-ly-do", "Đề án hủy", "2024", "local", "mo-hinh-trinh-dien", "", "", "1", "0", "", "", "",
         "cancelled", "", "", ""],
        ["noi-dung-la", "Đề án lạ", "2024", "local", "khong-co", "", "", "1", "0", "khong-co-co-so", "", "99999",
         "accepted", "", "", ""],
        ["so-am", "Đề án âm", "1850", "vàng", "mo-hinh-trinh-dien", "", "32/13/2024", "-5", "abc", "", "", "",
         "accepted", "", "", ""],
    ]  # fmt: skip
    report = import_file(_file(tmp_path, bad), "projects")
    assert not report.applied and not ProjectPage.objects.exists()
    errors = "\n".join(report.errors)
    assert "Dòng 3:" in errors and "lý do hủy" in errors
    assert "Dòng 4:" in errors and "khong-co" in errors
    assert "Dòng 5:" in errors and "không được âm" in errors and "không phải ngày" in errors
    assert "Dòng 2:" not in errors


def test_the_template_passes_a_dry_run_and_the_command_knows_the_kind(registry, client, tmp_path):
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/du-lieu-mo/mau/projects.{fmt}")
        assert response.status_code == 200
        path = tmp_path / f"mau.{fmt}"
        path.write_bytes(response.content)
        report = import_file(path, "projects", dry_run=True)
        assert report.counts == {"created": 1, "updated": 0, "unchanged": 0, "errors": 0}, report.errors
    out = io.StringIO()
    call_command("import_registry", str(tmp_path / "mau.csv"), "--kind", "projects", "--dry-run", stdout=out)
    assert "1 dòng: 1 thêm mới" in out.getvalue()


def test_the_open_data_file_imports_back_unchanged(registry, client, tmp_path):
    import_file(_file(tmp_path, GOOD), "projects")
    path = tmp_path / "open.csv"
    path.write_bytes(client.get("/du-lieu-mo/projects.csv").getvalue())
    report = import_file(path, "projects", dry_run=True)
    assert report.counts["unchanged"] == 2 and report.ok, (report.errors, report.results)


def test_the_admin_screen_offers_projects(admin_client, registry):
    response = admin_client.get("/admin/catalogue/import/")
    assert response.status_code == 200
    assert '<option value="projects">' in response.content.decode()
    assert "Đề án khuyến công" in response.content.decode()
