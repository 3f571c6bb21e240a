"""Files as offices really save them, through ``import_registry`` and the admin screen "Nhập dữ liệu": UTF-8 with
or without BOM, UTF-16 ("Unicode text"), semicolon-separated CSV (Excel with Vietnamese settings) are read; legacy
encodings, NUL bytes, .xls files and broken quotes get a Vietnamese message naming the problem (and its line),
in the form of the admin screen, never a 500; a row without its key says which key is missing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from registry.catalogue.models import CraftVillagePage, Producer
from tests.factories import village_index

pytestmark = pytest.mark.django_db

NAME = "Cơ sở Gốm Đắk Đoa"
ROWS = [["slug", "name", "kind"], ["vi-du-gom", NAME, "household"]]


def text(separator=",", newline="\r\n"):
    return newline.join(separator.join(row) for row in ROWS) + newline


READABLE = {
    "utf-8": text().encode("utf-8"),
    "utf-8 with BOM": text().encode("utf-8-sig"),
    "semicolons (Excel, Vietnamese settings)": text(";").encode("utf-8-sig"),
    "Excel sep= line": ("sep=;\r\n" + text(";")).encode("utf-8"),
    "UTF-16 with BOM, tabs (Excel Unicode text)": text("\t").encode("utf-16"),
    "UTF-16 LE without BOM": text(";").encode("utf-16-le"),
    "UTF-16 BE with BOM": b"\xfe\xff" + text(",").encode("utf-16-be"),
}

UNREADABLE = {
    "Windows-1258": (
        text().replace(NAME, "Cà phê Ia Grai").encode("cp1258"),
        ["không mã hóa UTF-8", "dòng 2", "CSV UTF-8"],
    ),
    "Windows-1252": (
        ("slug,name,kind\r\nvi-du-a,Café Ñ,household\r\n").encode("cp1252"),
        ["không mã hóa UTF-8", "dòng 2", "Windows-1252"],
    ),
    "NUL byte": (
        b"slug,name,kind\r\nvi-du-a,A,household\r\nvi-du-b,B\x00,household\r\n",
        ["ký tự rỗng (NUL", "dòng 3", "CSV UTF-8"],
    ),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", ["không phải tệp CSV dạng văn bản"]),
    "Excel 97-2003": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ["Excel 97–2003 (.xls)", ".xlsx"]),
    "unclosed quote": (
        b'slug,name,kind\r\nvi-du-a,"A,household\r\n' + b"x" * 140_000 + b"\r\n",
        ["dòng", "dấu ngoặc kép"],
    ),
}


def run(path, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_registry", str(path), "--kind", "producers", *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("content", READABLE.values(), ids=READABLE.keys())
def test_the_command_reads_the_encodings_and_separators_offices_use(home_page, tmp_path, content):
    path = tmp_path / "co-so.csv"
    path.write_bytes(content)
    out, _err = run(path)
    assert "1 thêm mới" in out
    assert Producer.objects.get(slug="vi-du-gom").name == NAME


@pytest.mark.parametrize("content", READABLE.values(), ids=READABLE.keys())
def test_the_admin_screen_previews_the_same_files(admin_client, home_page, content):
    upload = SimpleUploadedFile("co-so.csv", content, content_type="text/csv")
    response = admin_client.post(reverse("catalogue_import:index"), {"kind": "producers", "file": upload})
    assert response.status_code == 200 and response.context["token"]
    assert "1 thêm mới" in response.content.decode() and "vi-du-gom" in response.content.decode()


@pytest.mark.parametrize(("content", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_the_command_explains_an_unreadable_file(home_page, tmp_path, content, expected):
    path = tmp_path / "co-so.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    assert all(part in message for part in expected), message
    assert "co-so.csv" in message
    assert Producer.objects.count() == 0


@pytest.mark.parametrize(("content", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_the_admin_screen_shows_the_same_message_in_the_form(admin_client, home_page, content, expected):
    upload = SimpleUploadedFile("co-so.csv", content, content_type="text/csv")
    response = admin_client.post(reverse("catalogue_import:index"), {"kind": "producers", "file": upload})
    assert response.status_code == 200
    errors = response.context["form"].errors.get("file", [])
    assert len(errors) == 1 and all(part in errors[0] for part in expected), errors
    assert not response.context.get("token")
    assert "import-upload" in response.content.decode()  # the form is shown again, with the message under it
    assert Producer.objects.count() == 0


def test_an_empty_file(admin_client, home_page, tmp_path):
    path = tmp_path / "co-so.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="không có dòng tiêu đề"):
        run(path)
    upload = SimpleUploadedFile("co-so.csv", b"", content_type="text/csv")
    response = admin_client.post(reverse("catalogue_import:index"), {"kind": "producers", "file": upload})
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_an_xlsx_saved_under_a_csv_name_is_read_as_a_workbook(home_page, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in ROWS:
        workbook.active.append(row)
    path = tmp_path / "co-so.csv"
    workbook.save(path)
    out, _err = run(path)
    assert "1 thêm mới" in out


# -- a row without its key -------------------------------------------------------------------------------------


@pytest.fixture
def villages_file(home_page, tmp_path):
    village_index()
    path = tmp_path / "lang.csv"
    path.write_text(
        "slug,title,village_type,main_trade\r\n"
        ",Làng không đường dẫn,traditional,Gốm\r\n"
        "vi-du-lang,Làng ví dụ,traditional,Gốm\r\n",
        encoding="utf-8",
    )
    return path


def test_a_row_without_its_key_says_which_key_is_missing(villages_file):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", str(villages_file), "--kind", "villages", "--dry-run", verbosity=2,
                     stdout=out, stderr=err)  # fmt: skip
    assert "Dòng 2: thiếu mã định danh (slug)." in err.getvalue()
    assert "Dòng 2: thiếu mã định danh (slug)." in out.getvalue()  # -v 2 explains the row the same way
    assert "()" not in out.getvalue() + err.getvalue()
    assert "không được để trống" not in err.getvalue()  # said once, as the missing key
    assert not CraftVillagePage.objects.exists()


def test_a_row_without_its_key_in_the_admin_preview(admin_client, villages_file):
    with open(villages_file, "rb") as handle:
        response = admin_client.post(reverse("catalogue_import:index"), {"kind": "villages", "file": handle})
    html = response.content.decode()
    assert response.status_code == 200 and not response.context["token"]
    assert "Dòng 2: thiếu mã định danh (slug)." in html


def test_a_producer_row_without_any_key(home_page, tmp_path):
    path = tmp_path / "co-so.csv"
    path.write_text("tax_code,slug,name,kind\r\n,,,household\r\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", str(path), "--kind", "producers", stdout=io.StringIO(), stderr=err)
    assert "Dòng 2: thiếu mã định danh (tax_code, slug, name)." in err.getvalue()
