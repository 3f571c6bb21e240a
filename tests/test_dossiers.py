"""Dossier files: uploaded by managers on the entry form, stored privately, served under neutral names only to
managers and to jurors who may score the entry; blind judging hides the producer everywhere a juror looks."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import COMPETITION_MANAGERS, ensure_roles, role_group
from registry.competitions.choices import AssignmentMode, DossierKind
from registry.competitions.models import Assignment, EntryDocument, NoConflictStatement, ScoreSheet
from tests.factories import (
    CompetitionFactory,
    ConflictFactory,
    EntryFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PRODUCER = "Hợp tác xã Gốm Đàng Năng"
ORIGINAL = "Hồ sơ HTX Gốm Đàng Năng.pdf"
PDF = b"%PDF-1.4\n% dossier\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def entry(home_page):
    producer = ProducerFactory(name=PRODUCER, representative="Đàng Thị Hoa", phone="0269 3822 111")
    product = ProductPageFactory(producer=producer, title="Bình gốm Đàng Năng men lam")
    return EntryFactory(
        product=product,
        description=f"Sản phẩm của {PRODUCER}, liên hệ Đàng Thị Hoa, điện thoại 0269 3822 111.",
    )


@pytest.fixture
def document(entry):
    return EntryDocument.objects.create(
        entry=entry, kind=DossierKind.APPLICATION, file=SimpleUploadedFile(ORIGINAL, PDF, "application/pdf")
    )


def dossier_url(doc):
    entry = doc.entry
    return reverse("competitions:jury-dossier", args=[entry.competition.slug, entry.code, doc.pk, doc.neutral_name])


def manager():
    user = UserFactory(username="quanly-test")
    ensure_roles()
    user.groups.add(role_group(COMPETITION_MANAGERS))
    return user


def test_file_is_private_with_a_neutral_name(document, entry, private_root, settings):
    path = Path(document.file.path)
    assert path.is_relative_to(private_root) and not path.is_relative_to(settings.MEDIA_ROOT)
    assert "Đàng" not in document.file.name and "Gom" not in document.file.name and path.read_bytes() == PDF
    assert document.original_name == ORIGINAL  # kept in the database only
    assert document.neutral_name == f"{entry.code}-ho-so-1.pdf"
    second = EntryDocument.objects.create(
        entry=entry, kind=DossierKind.APPLICATION, file=SimpleUploadedFile("b.PDF", PDF)
    )
    assert second.neutral_name == f"{entry.code}-ho-so-2.pdf"
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - no public address exists


def test_assigned_juror_and_manager_download_under_the_neutral_name(client, document, entry):
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)
    client.force_login(juror.user)
    response = client.get(dossier_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert f'filename="{entry.code}-ho-so-1.pdf"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    client.force_login(manager())
    assert client.get(dossier_url(document)).status_code == 200


def test_everyone_else_gets_404(client, document, entry):
    url = dossier_url(document)
    assert client.get(url).status_code == 404  # anonymous
    other = JurorFactory(competition=CompetitionFactory())  # juror of another competition
    conflicted = JurorFactory(competition=entry.competition)
    ConflictFactory(juror=conflicted, entry=entry)
    producer_user = UserFactory(username="coso", email="coso@example.com")
    for user in (other.user, conflicted.user, producer_user):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    # the right person with a made-up name or another entry's code
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)  # confirmed before first opening the entry
    client.force_login(juror.user)
    assert client.get(url.replace("ho-so-1", "ho-so-2")).status_code == 404
    assert client.get(f"/documents/{document.pk}/{ORIGINAL}").status_code == 404


def test_balanced_assignment_limits_dossiers_to_assigned_jurors(client, document, entry):
    entry.competition.assignment_mode = AssignmentMode.BALANCED
    entry.competition.save()
    assigned, unassigned = JurorFactory(competition=entry.competition), JurorFactory(competition=entry.competition)
    Assignment.objects.create(juror=assigned, entry=entry)
    for juror in (assigned, unassigned):
        NoConflictStatement.objects.create(juror=juror, entry=entry)
    client.force_login(unassigned.user)
    assert client.get(dossier_url(document)).status_code == 404
    client.force_login(assigned.user)
    assert client.get(dossier_url(document)).status_code == 200


def test_blind_entry_page_names_neither_producer_nor_catalogue(client, document, entry):
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)
    client.force_login(juror.user)
    slug = entry.competition.slug
    pages = [
        client.get(reverse("competitions:jury-entry", args=[slug, entry.code])).content.decode(),
        client.get(reverse("competitions:jury-competition", args=[slug])).content.decode(),
    ]
    for page in pages:
        for secret in (PRODUCER, "Đàng Thị Hoa", "0269 3822 111", entry.product.title, entry.product.url, ORIGINAL):
            assert secret not in page, secret
        assert entry.product.slug not in page
    assert document.neutral_name in pages[0] and dossier_url(document) in pages[0]
    assert "[…]" in pages[0]  # the description is shown with the producer's details hidden

    entry.jury_title = "Bình gốm men lam"
    entry.save()
    page = client.get(reverse("competitions:jury-entry", args=[slug, entry.code])).content.decode()
    assert "Bình gốm men lam" in page


def test_open_judging_shows_producer_and_title(client, document, entry):
    entry.competition.blind = False
    entry.competition.save()
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)
    client.force_login(juror.user)
    page = client.get(reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])).content.decode()
    assert PRODUCER in page and entry.product.title in page and document.neutral_name in page


def entry_form(entry, upload, kind=DossierKind.TEST_REPORT):
    return {
        "competition": entry.competition.pk,
        "product": entry.product.pk,
        "status": entry.status,
        "status_reason": "",
        "jury_title": "Bình gốm men lam",
        "description": entry.description,
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-kind": kind,
        "documents-0-file": upload,
        "documents-0-id": "",
        "documents-0-DELETE": "",
    }


def test_manager_uploads_a_dossier_file_on_the_entry_form(client, entry, private_root):
    client.force_login(manager())
    url = reverse("competition_entries:edit", args=[entry.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    upload = SimpleUploadedFile("Phiếu kiểm nghiệm Đàng Năng.pdf", PDF, "application/pdf")
    response = client.post(url, entry_form(entry, upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    doc = EntryDocument.objects.get(entry=entry)
    assert doc.kind == DossierKind.TEST_REPORT and doc.original_name == "Phiếu kiểm nghiệm Đàng Năng.pdf"
    assert doc.neutral_name == f"{entry.code}-kiem-nghiem-1.pdf"
    assert Path(doc.file.path).is_relative_to(private_root)


def test_chair_progress_page_under_blind_judging(client, document, entry):
    chair = JurorFactory(competition=entry.competition, chair=True)
    client.force_login(chair.user)
    page = client.get(reverse("competitions:jury-council", args=[entry.competition.slug])).content.decode()
    assert entry.code in page
    for secret in (PRODUCER, entry.product.title, entry.product.url):
        assert secret not in page, secret


def test_upload_of_a_web_page_is_refused(client, entry):
    client.force_login(manager())
    url = reverse("competition_entries:edit", args=[entry.pk])
    upload = SimpleUploadedFile("ho-so.html", b"<script>alert(1)</script>", "text/html")
    response = client.post(url, entry_form(entry, upload))
    assert response.status_code == 200 and "html" in response.content.decode()
    assert not EntryDocument.objects.filter(entry=entry).exists()


def test_entry_edit_page_after_an_upload_links_the_file_to_the_checked_download(client, document, entry):
    """Tester's pass: the edit page of an entry with a dossier file was a 500 (the widget asked the private
    storage for a URL). It shows the neutral name linked to the permission-checked download, never the original
    name or a storage path."""
    client.force_login(manager())
    page = client.get(reverse("competition_entries:edit", args=[entry.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{dossier_url(document)}"' in html and document.neutral_name in html
    assert ORIGINAL not in html and document.file.name not in html
    # the download link works for the manager
    assert client.get(dossier_url(document)).status_code == 200


def test_no_dossier_and_no_entry_page_without_the_no_conflict_statement(client, document, entry):
    """Tester's pass: a juror who never confirmed downloaded a dossier file (200), and a juror with a draft sheet
    saw the entry without a statement. While scoring, both need the statement first."""
    juror = JurorFactory(competition=entry.competition)
    ScoreSheet.objects.create(juror=juror, entry=entry)  # a draft (e.g. seeded) is not a statement
    client.force_login(juror.user)
    assert client.get(dossier_url(document)).status_code == 404
    page = client.get(reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])).content.decode()
    assert "Cam kết không xung đột lợi ích" in page and dossier_url(document) not in page
    NoConflictStatement.objects.create(juror=juror, entry=entry)
    assert client.get(dossier_url(document)).status_code == 200
