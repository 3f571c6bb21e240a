"""Issue 15 leftovers (tester's findings): after the deadline the apply link is a clear Vietnamese page (410) with no
way back to the form; ZIP-based dossier files are checked inside (really that type, no zip bomb, no encryption, no
macros); completeness comes from the one rule of ``registry.competitions.eligibility`` for every product group."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from registry.catalogue.choices import ProductGroup
from registry.competitions.choices import CompetitionStatus
from registry.competitions.eligibility import dossier_requirements
from registry.producers.choices import ApplicationStatus, DocumentKind
from registry.producers.models import Application, ApplicationDocument
from registry.producers.services import applications as service
from tests.test_producer_applications import (  # noqa: F401 (fixtures)
    FORM,
    PDF,
    PNG,
    TODAY,
    apply_url,
    open_competition,
    producer_account,
    product,
    signed_in,
    upload,
)
from tests.test_producer_review import manager

DOCX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
DOCM_TYPES = DOCX_TYPES.replace(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
)


def archive(members, *, first_stored=None, encrypted=False):
    """ZIP bytes holding ``members`` ({name: bytes or str}) deflated; ``first_stored`` an uncompressed first member
    (OpenDocument's ``mimetype``); ``encrypted``: every member flagged as encrypted (bit 0 of its flags)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        if first_stored:
            zf.writestr(zipfile.ZipInfo(first_stored[0]), first_stored[1], compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, content)
    data = bytearray(buffer.getvalue())
    if encrypted:  # zipfile writes no encryption: set the flag in the local and central headers
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(signature)
            while start != -1:
                data[start + offset] |= 0x1
                start = data.find(signature, start + 4)
    return bytes(data)


def docx(**extra):
    return archive({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": "<w:document/>", **extra})


def xlsx():
    workbook = Workbook()
    workbook.active["A1"] = "Năng lực sản xuất"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt(**extra):
    members = {"content.xml": "<office:document-content/>", "META-INF/manifest.xml": "<manifest/>", **extra}
    return archive(members, first_stored=("mimetype", b"application/vnd.oasis.opendocument.text"))


def main(html):
    """The page's main content (the language switch links every page to itself in both languages)."""
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def draft(signed_in, product):  # noqa: F811
    signed_in.post(apply_url(open_competition(), product), FORM)
    return Application.objects.get()


@pytest.mark.parametrize(
    ("name", "content"),
    [("thuyet-minh.docx", docx()), ("nang-luc.xlsx", xlsx()), ("thuyet-minh.odt", odt())],
    ids=["docx", "xlsx", "odt"],
)
def test_real_office_documents_are_kept(signed_in, draft, name, content):  # noqa: F811
    response = upload(signed_in, draft, DocumentKind.DESCRIPTION, name, content)
    assert response.status_code == 302
    assert draft.documents.get().original_name == name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # a ZIP that is not a Word document (first bytes "PK" were all that was checked)
        ("thuyet-minh.docx", archive({"setup.exe": b"MZ\x90\x00" * 50}), "Nội dung tệp không đúng định dạng DOCX."),
        ("bang.xlsx", docx(), "Nội dung tệp không đúng định dạng XLSX."),  # a Word file named .xlsx
        ("thuyet-minh.odt", docx(), "Nội dung tệp không đúng định dạng ODT."),
        ("hong.docx", b"PK\x03\x04" + b"\0" * 60, "Nội dung tệp không đúng định dạng DOCX."),  # not a readable ZIP
        ("bom.docx", docx(**{"word/media/a.bin": b"\0" * (8 * 1024 * 1024)}), "bom nén"),
        ("macro.docx", archive({"[Content_Types].xml": DOCM_TYPES, "word/document.xml": "<w/>"}), "macro"),
        ("macro2.docx", docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}), "macro"),
        ("macro.odt", odt(**{"Basic/Standard/Module1.xml": "<script:module/>"}), "macro"),
        (
            "khoa.docx",
            archive({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": "x"}, encrypted=True),
            "đặt mật khẩu",
        ),
        ("khoa.odt", odt(**{"META-INF/manifest.xml": "<manifest:encryption-data/>"}), "đặt mật khẩu"),
    ],
    ids=[
        "not-word",
        "word-as-xlsx",
        "word-as-odt",
        "broken",
        "bomb",
        "docm",
        "vba",
        "odf-basic",
        "encrypted",
        "odf-enc",
    ],
)
def test_refused_zip_based_files(signed_in, draft, name, content, message):  # noqa: F811
    response = upload(signed_in, draft, DocumentKind.DESCRIPTION, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_unpacked_size_limit(signed_in, draft, settings):  # noqa: F811
    settings.PRODUCER_DOSSIER_MAX_UNZIPPED_BYTES = 64 * 1024
    content = docx(**{"word/media/anh.bin": bytes(range(256)) * 512})  # 128 KB unpacked, barely compressible
    response = upload(signed_in, draft, DocumentKind.DESCRIPTION, "lon.docx", content)
    assert response.status_code == 400
    assert "dung lượng quá lớn" in response.content.decode()


def test_after_the_deadline_the_apply_link_is_a_clear_410_page(signed_in, product):  # noqa: F811
    closed = open_competition(entries_open_until=TODAY - datetime.timedelta(days=1))
    date = closed.entries_open_until.strftime("%d/%m/%Y")
    for url in (apply_url(closed), apply_url(closed, product)):
        response = signed_in.get(url)
        assert response.status_code == 410, url
        html = response.content.decode()
        assert f"Hạn nộp hồ sơ đã kết thúc ngày {date}." in html
        assert f'href="{apply_url(closed)}' not in main(html)  # no link back to the form
    assert signed_in.post(apply_url(closed, product), FORM).status_code == 410
    assert not Application.objects.exists()
    assert f'href="{apply_url(closed)}' not in main(signed_in.get(reverse("producers:competitions")).content.decode())
    # once scoring started the link is gone as well, with the date it closed
    type(closed).objects.filter(pk=closed.pk).update(status=CompetitionStatus.SCORING)
    response = signed_in.get(apply_url(closed))
    assert response.status_code == 410 and f"Hạn nộp hồ sơ đã kết thúc ngày {date}." in response.content.decode()
    later = open_competition(entries_open_from=TODAY + datetime.timedelta(days=3), slug="sap-mo", name="Sắp mở")
    early = signed_in.get(apply_url(later))
    assert early.status_code == 403 and "Chưa đến ngày nhận hồ sơ" in early.content.decode()
    english = signed_in.get("/en" + apply_url(closed))
    assert english.status_code == 410 and f"The application deadline ended on {date}." in english.content.decode()


def test_a_draft_past_its_deadline_offers_no_submit_button(signed_in, draft):  # noqa: F811
    type(draft.competition).objects.filter(pk=draft.competition_id).update(
        entries_open_until=TODAY - datetime.timedelta(days=1)
    )
    html = signed_in.get(reverse("producers:application", args=[draft.pk])).content.decode()
    assert "Hạn nộp hồ sơ đã kết thúc ngày" in html
    assert 'value="submit"' not in html and 'value="upload"' not in html


@pytest.mark.parametrize("group", ProductGroup.values)
def test_completeness_is_the_one_eligibility_rule_for_every_group(client, signed_in, producer_account, group):  # noqa: F811
    fields, _ = dossier_requirements(group)
    competition = open_competition()
    data = {**FORM, "product_group": group, "commitment": True, "food_safety": "", "quality_documents": ""}
    application = service.create_draft(producer_account, competition, data)
    for kind, name, content in ((DocumentKind.PHOTO, "a.png", PNG), (DocumentKind.BUSINESS_REGISTRATION, "b.pdf", PDF)):
        service.add_document(application, kind, SimpleUploadedFile(name, content), producer_account.user)
    food = group == ProductGroup.PROCESSED_FOOD
    assert ("food_safety" in fields) is food and ("quality_documents" in fields) is food
    lacking = [str(item) for item in service.missing(application)]
    assert lacking == (["tiêu chuẩn, chứng nhận chất lượng", "an toàn thực phẩm"] if food else [])
    if food:
        with pytest.raises(service.Refused, match="an toàn thực phẩm"):
            service.submit(application, producer_account.user)
        # as the tester found it: submitted (or its fields cleared after a submission), the queue said "Đủ"
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.SUBMITTED, submitted_at=application.created_at, code="DK-2027-0042"
        )
    else:
        service.submit(application, producer_account.user)
    client.force_login(manager())
    html = client.get(reverse("producer_applications:index")).content.decode()
    row = html[html.index("DK-2027-00") :]
    row = row[: row.index("</tr>")]
    if food:
        assert "An toàn thực phẩm" in row and "Đủ" not in row
    else:
        assert "Đủ" in row
