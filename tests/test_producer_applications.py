"""Issue 15, applying online: the form pre-filled from a catalogue product, every eligibility rule (deadline,
prior-level certificate, one application per product, producer kind), drafts, dossier files (type, size, content,
privacy), submission with a code, a receipt e-mail and the history."""

import datetime
import io

import pypdf
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.catalogue.choices import Level, Region
from registry.competitions.choices import CompetitionStatus
from registry.producers.choices import ApplicationAction, ApplicationStatus, DocumentKind
from registry.producers.models import Application, ApplicationDocument
from tests.factories import (
    CertificateFactory,
    CompetitionFactory,
    EntryFactory,
    ProducerAccountFactory,
    ProductPageFactory,
)

TODAY = datetime.date.today()
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n"
FORM = {
    "product_name": "Cà phê bột Đắk Đoa",
    "product_group": "processed-food",
    "description": "Cà phê Robusta rang mộc.",
    "materials": "Cà phê nhân Robusta Đắk Đoa.",
    "capacity": "12 tấn/năm",
    "market": "Trong tỉnh, TP. Hồ Chí Minh",
    "quality_documents": "TCCS 01:2024",
    "food_safety": "Giấy chứng nhận ATTP số 12/2024",
    "ip_statement": "Nhãn hiệu đã đăng ký; không tranh chấp.",
    "commitment": "on",
}


def open_competition(level=Level.PROVINCIAL, **changes):
    values = {
        "status": CompetitionStatus.ENTRIES_OPEN,
        "year": 2027,
        "level": level,
        "region": Region.CENTRAL if level == Level.REGIONAL else "",
        "entries_open_from": TODAY - datetime.timedelta(days=10),
        "entries_open_until": TODAY + datetime.timedelta(days=20),
        **changes,
    }
    return CompetitionFactory(**values)


@pytest.fixture
def producer_account(home_page):
    return ProducerAccountFactory()


@pytest.fixture
def product(producer_account):
    return ProductPageFactory(
        producer=producer_account.producer,
        title="Cà phê bột Đắk Đoa",
        summary="Cà phê Robusta rang mộc, xay sẵn.",
        materials="Cà phê nhân Robusta.",
    )


@pytest.fixture
def signed_in(client, producer_account):
    client.force_login(producer_account.user)
    return client


def apply_url(competition, product=None):
    return reverse("producers:apply", args=[competition.slug]) + (f"?san-pham={product.pk}" if product else "")


def upload(client, application, kind, name, content):
    return client.post(
        reverse("producers:application", args=[application.pk]),
        {"action": "upload", "kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_apply_with_a_prefilled_product_two_files_then_submit(signed_in, product, producer_account):
    competition = open_competition()
    choose = signed_in.get(reverse("producers:apply", args=[competition.slug])).content.decode()
    assert "Cà phê bột Đắk Đoa" in choose and "Đăng ký sản phẩm này" in choose
    form = signed_in.get(apply_url(competition, product))
    html = form.content.decode()
    assert 'value="Cà phê bột Đắk Đoa"' in html and "Cà phê Robusta rang mộc, xay sẵn." in html

    saved = signed_in.post(apply_url(competition, product), {**FORM, "commitment": ""})
    assert saved.status_code == 302
    application = Application.objects.get()
    assert (application.status, application.product, application.code) == (ApplicationStatus.DRAFT, product, "")
    page = signed_in.get(saved["Location"]).content.decode()
    assert "Còn thiếu trước khi nộp:" in page and "cam kết" in page and "Hình ảnh sản phẩm" in page

    early = signed_in.post(saved["Location"], {"action": "submit"})
    assert early.status_code == 400  # only what is missing: a validation error the page lists (409: a conflict)
    assert "Hồ sơ còn thiếu" in early.content.decode()

    assert signed_in.post(saved["Location"], {**FORM, "action": "save"}).status_code == 302
    assert upload(signed_in, application, DocumentKind.PHOTO, "Ảnh sản phẩm.png", PNG).status_code == 302
    assert upload(signed_in, application, DocumentKind.BUSINESS_REGISTRATION, "GCN ĐKKD.pdf", PDF).status_code == 302
    submitted = signed_in.post(saved["Location"], {"action": "submit"})
    assert submitted.status_code == 302

    application.refresh_from_db()
    assert (application.status, application.code) == (ApplicationStatus.SUBMITTED, "DK-2027-0001")
    assert application.submitted_at is not None
    assert [e.action for e in application.events.all()] == [
        ApplicationAction.CREATE,
        ApplicationAction.SAVE,
        ApplicationAction.UPLOAD,
        ApplicationAction.UPLOAD,
        ApplicationAction.SUBMIT,
    ]
    [receipt] = mail.outbox
    assert receipt.subject == "Đã nhận hồ sơ đăng ký DK-2027-0001"
    assert receipt.to == [producer_account.user.email]
    shown = signed_in.get(saved["Location"]).content.decode()
    assert "Chế biến nông, lâm, thủy sản và thực phẩm" in shown and "processed-food" not in shown
    # Submitted: no more changes.
    assert signed_in.post(saved["Location"], {**FORM, "action": "save"}).status_code == 409
    assert upload(signed_in, application, DocumentKind.OTHER, "them.pdf", PDF).status_code == 409
    home = signed_in.get("/co-so-san-xuat/").content.decode()
    assert "DK-2027-0001" in home and "Đã nộp" in home


@pytest.mark.parametrize(
    ("level", "held", "eligible"),
    [
        (Level.PROVINCIAL, None, True),
        (Level.REGIONAL, None, False),
        (Level.REGIONAL, {"level": Level.PROVINCIAL}, True),
        (Level.REGIONAL, {"level": Level.PROVINCIAL, "expired": True}, False),
        (Level.REGIONAL, {"level": Level.PROVINCIAL, "revoked": True}, False),
        (Level.REGIONAL, {"level": Level.COMMUNE}, False),
        (Level.NATIONAL, {"level": Level.PROVINCIAL}, False),
        (Level.NATIONAL, {"level": Level.REGIONAL, "region": Region.CENTRAL}, True),
    ],
)
def test_prior_level_certificate_rule(signed_in, product, level, held, eligible):
    competition = open_competition(level=level)
    if held:
        CertificateFactory(product=product, **held)
    response = signed_in.get(apply_url(competition, product))
    if eligible:
        assert response.status_code == 200
    else:
        assert response.status_code == 409
        assert "còn hiệu lực của sản phẩm" in response.content.decode()
        assert signed_in.post(apply_url(competition, product), FORM).status_code == 409
        assert not Application.objects.exists()


def test_a_new_product_cannot_enter_a_regional_competition(signed_in):
    response = signed_in.get(
        reverse("producers:apply", args=[open_competition(level=Level.REGIONAL).slug]) + "?san-pham=moi"
    )
    assert response.status_code == 409
    assert (
        "Cuộc bình chọn cấp khu vực cần giấy chứng nhận cấp tỉnh còn hiệu lực của sản phẩm."
        in response.content.decode()
    )


def test_one_application_per_product_per_competition(signed_in, product):
    competition = open_competition()
    assert signed_in.post(apply_url(competition, product), FORM).status_code == 302
    again = signed_in.get(apply_url(competition, product))
    assert again.status_code == 409
    assert "Sản phẩm này đã có hồ sơ trong cuộc bình chọn." in again.content.decode()
    # Another competition is fine; a product the staff entered by hand is not.
    assert signed_in.get(apply_url(open_competition(), product)).status_code == 200
    staff_entered = open_competition()
    EntryFactory(competition=staff_entered, product=product)
    assert signed_in.get(apply_url(staff_entered, product)).status_code == 409


def test_a_draft_saved_twice_at_once_answers_409_not_500(signed_in, product, monkeypatch):
    """Two "Lưu bản nháp" of the same product at once: both pass the eligibility check before either is written;
    the database's one-per-product constraint refuses the second, answered as the rule's 409 (a tester saw a 500)."""
    from registry.producers.services import applications as service

    competition = open_competition()
    assert signed_in.post(apply_url(competition, product), FORM).status_code == 302
    monkeypatch.setattr(service, "eligibility_problems", lambda *args, **kwargs: [])  # the race: check passed
    second = signed_in.post(apply_url(competition, product), FORM)
    assert second.status_code == 409
    assert "Sản phẩm này đã có hồ sơ trong cuộc bình chọn." in second.content.decode()
    assert Application.objects.filter(competition=competition, product=product).count() == 1


def test_a_product_and_its_english_translation_are_one_product(signed_in, product):
    """The English translation of a product is not offered as a product of its own: not on the product choice, and
    its page id cannot open a second application for the same product (a tester entered one product twice)."""
    from tests.translating import translate

    english = translate(product, title="Ia Grai roasted ground coffee")
    competition = open_competition()
    choose = signed_in.get(reverse("producers:apply", args=[competition.slug])).content.decode()
    assert product.title in choose and "Ia Grai roasted ground coffee" not in choose
    assert signed_in.post(apply_url(competition, product), FORM).status_code == 302
    assert signed_in.get(apply_url(competition, english)).status_code == 404
    assert signed_in.post(apply_url(competition, english), FORM).status_code == 404
    assert Application.objects.filter(competition=competition).count() == 1


def test_after_the_deadline_applying_and_submitting_are_refused_with_the_date(signed_in, product):
    closed = open_competition(entries_open_until=TODAY - datetime.timedelta(days=1))
    response = signed_in.get(apply_url(closed, product))
    assert response.status_code == 410
    assert f"Hạn nộp hồ sơ đã kết thúc ngày {closed.entries_open_until:%d/%m/%Y}." in response.content.decode()

    competition = open_competition()
    signed_in.post(apply_url(competition, product), FORM)
    application = Application.objects.get()
    upload(signed_in, application, DocumentKind.PHOTO, "a.png", PNG)
    upload(signed_in, application, DocumentKind.BUSINESS_REGISTRATION, "b.pdf", PDF)
    type(competition).objects.filter(pk=competition.pk).update(entries_open_until=TODAY - datetime.timedelta(days=1))
    late = signed_in.post(reverse("producers:application", args=[application.pk]), {"action": "submit"})
    assert late.status_code == 409
    assert "Hạn nộp hồ sơ đã kết thúc ngày" in late.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    # nor may files be added to the draft after the deadline (a tester's upload was stored)
    late_file = upload(signed_in, application, DocumentKind.PHOTO, "c.png", PNG)
    assert late_file.status_code == 409
    assert "Hạn nộp hồ sơ đã kết thúc ngày" in late_file.content.decode()
    assert application.documents.count() == 2


def test_a_producer_of_no_eligible_kind_is_refused(signed_in, product, producer_account):
    type(producer_account.producer).objects.filter(pk=producer_account.producer_id).update(kind="")
    response = signed_in.get(apply_url(open_competition(), product))
    assert response.status_code == 409
    assert "Loại hình của cơ sở không thuộc đối tượng được tham gia bình chọn." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF, Word, Excel"),
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "Nội dung tệp không đúng định dạng PDF."),
        ("anh.png", b"GIF89a" + b"\0" * 20, "Nội dung tệp không đúng định dạng PNG."),
        ("rong.pdf", b"", "Tập tin được gửi là rỗng."),  # Django's own message for an empty upload
    ],
)
def test_refused_files(signed_in, product, name, content, message):
    signed_in.post(apply_url(open_competition(), product), FORM)
    response = upload(signed_in, Application.objects.get(), DocumentKind.OTHER, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_files_over_the_size_limit_are_refused(signed_in, product, settings):
    settings.PRODUCER_DOSSIER_MAX_BYTES = 1024 * 1024
    signed_in.post(apply_url(open_competition(), product), FORM)
    big = PDF + b"0" * (1024 * 1024)
    response = upload(signed_in, Application.objects.get(), DocumentKind.OTHER, "lon.pdf", big)
    assert response.status_code == 400
    assert "Tệp lớn hơn 1 MB." in response.content.decode()


def test_dossier_files_are_private_and_only_for_their_producer(client, signed_in, product, home_page):
    signed_in.post(apply_url(open_competition(), product), FORM)
    application = Application.objects.get()
    upload(signed_in, application, DocumentKind.PHOTO, "Ảnh.png", PNG)
    document = ApplicationDocument.objects.get()
    url = reverse("producers:document", args=[application.pk, document.pk])
    own = signed_in.get(url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PNG
    assert own["X-Content-Type-Options"] == "nosniff" and "attachment" in own["Content-Disposition"]
    with pytest.raises(ValueError):
        _ = document.file.url  # private storage: no public address at all
    assert client.get("/media/" + document.file.name).status_code == 404

    other = ProducerAccountFactory()
    client.force_login(other.user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("producers:application", args=[application.pk])).status_code == 404
    assert client.post(reverse("producers:remove-document", args=[application.pk, document.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in
    assert ApplicationDocument.objects.exists()


def test_vietnamese_input_in_the_form_is_stored_clean(signed_in, product):
    nfd = "Ca\u0300 phe\u0302 \u0111a\u0306\u0301k\u200b\x0bđo\u0300a"
    signed_in.post(apply_url(open_competition(), product), {**FORM, "product_name": nfd, "capacity": "12\x07 tấn"})
    application = Application.objects.get()
    assert application.product_name == "Cà phê đắk đòa"
    assert application.capacity == "12 tấn"


def test_the_file_list_is_kept_in_order(signed_in, product):
    signed_in.post(apply_url(open_competition(), product), FORM)
    application = Application.objects.get()
    upload(signed_in, application, DocumentKind.PHOTO, "1.png", PNG)
    upload(signed_in, application, DocumentKind.PHOTO, "2.webp", b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 8)
    assert [d.original_name for d in application.documents.order_by("uploaded_at")] == ["1.png", "2.webp"]


def test_the_receipt_pdf_of_a_submitted_application(client, signed_in, product):
    signed_in.post(apply_url(open_competition(), product), FORM)
    application = Application.objects.get()
    url = reverse("producers:receipt", args=[application.pk])
    assert signed_in.get(url).status_code == 404  # a draft has no receipt
    upload(signed_in, application, DocumentKind.PHOTO, "Ảnh khăn.png", PNG)
    upload(signed_in, application, DocumentKind.BUSINESS_REGISTRATION, "dkkd.pdf", PDF)
    signed_in.post(reverse("producers:application", args=[application.pk]), {"action": "submit"})
    response = signed_in.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "GIẤY BIÊN NHẬN HỒ SƠ ĐĂNG KÝ" in text and "DK-2027-0001" in text and "Ảnh khăn.png" in text
    client.force_login(ProducerAccountFactory().user)
    assert client.get(url).status_code == 404
