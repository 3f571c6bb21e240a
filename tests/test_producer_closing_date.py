"""Issue 15 leftovers (tester's findings, producer side): the closing date ends every change of an application
(the producer's draft saves, uploads, removals, submission, resubmission, and the center's request for more
information; accepting and rejecting stay), an incomplete submission is a 400, every step of an application is in
the site's audit log, and the review queue turns other staff away the same way on every URL."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from registry.producers.choices import ApplicationStatus, DocumentKind
from registry.producers.models import Application
from registry.producers.services import applications as service
from registry.producers.services import review
from tests.factories import ProducerAccountFactory, ProductPageFactory, UserFactory
from tests.test_producer_applications import FORM, PDF, PNG, TODAY, open_competition
from tests.test_producer_review import detail_url, manager, submitted

CLOSED = "Hạn nộp hồ sơ đã kết thúc ngày"


@pytest.fixture
def setup(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    competition = open_competition()
    account = ProducerAccountFactory()
    product = ProductPageFactory(producer=account.producer, title="Cà phê bột Đắk Đoa")
    application = submitted(account, competition, product)
    return {"competition": competition, "account": account, "application": application}


def close(competition):
    """The closing date passes while the competition's status is still "entries open"."""
    type(competition).objects.filter(pk=competition.pk).update(entries_open_until=TODAY - datetime.timedelta(days=1))


def test_after_the_closing_date_the_center_cannot_ask_for_more_information_but_decides(client, setup):
    application = setup["application"]
    close(setup["competition"])
    client.force_login(manager())
    page = client.get(detail_url(application)).content.decode()
    assert "Gửi đề nghị bổ sung" not in page and 'value="more-info"' not in page
    assert CLOSED in page and "Tiếp nhận hồ sơ" in page and "Từ chối hồ sơ" in page
    asked = client.post(detail_url(application), {"action": "more-info", "message": "Bổ sung ảnh nhãn."})
    assert asked.status_code == 409
    assert CLOSED in asked.content.decode() and "Không đề nghị bổ sung được nữa" in asked.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not ModelLogEntry.objects.filter(action="producers.application.more_info").exists()
    assert client.post(detail_url(application), {"action": "accept"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED and application.entry is not None


def test_after_the_closing_date_an_application_sent_back_cannot_change_nor_be_resubmitted(setup):
    application, account = setup["application"], setup["account"]
    review.ask_more_info(application, manager(), "Bổ sung phiếu kiểm nghiệm.")
    close(setup["competition"])
    producer = Client()
    producer.force_login(account.user)
    url = reverse("producers:application", args=[application.pk])
    page = producer.get(url).content.decode()
    assert CLOSED in page and "Hồ sơ không còn sửa hay nộp lại được." in page
    assert 'value="submit"' not in page and 'value="upload"' not in page and 'value="save"' not in page
    photo = application.documents.get(kind=DocumentKind.PHOTO)
    answers = [
        producer.post(url, {**FORM, "capacity": "15 tấn/năm", "action": "save"}),
        producer.post(
            url, {"action": "upload", "kind": DocumentKind.CERTIFICATE, "file": SimpleUploadedFile("k.pdf", PDF)}
        ),
        producer.post(reverse("producers:remove-document", args=[application.pk, photo.pk])),
        producer.post(url, {"action": "submit"}),
    ]
    assert [a.status_code for a in answers] == [409, 409, 409, 409]
    assert all(CLOSED in a.content.decode() for a in answers)
    application.refresh_from_db()
    assert (application.status, application.capacity) == (ApplicationStatus.MORE_INFO, "12 tấn/năm")
    assert sorted(application.documents.current().values_list("original_name", flat=True)) == [
        "anh.png",
        "dang-ky-kinh-doanh.pdf",
    ]
    assert application.versions.count() == 1
    # the center may still reject it
    review.reject(application, manager(), "Không bổ sung kịp hạn.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_a_draft_cannot_be_saved_nor_a_file_removed_after_the_closing_date(setup):
    account, competition = setup["account"], setup["competition"]
    draft = service.create_draft(account, competition, {**FORM, "product_name": "Mật ong rừng", "commitment": True})
    service.add_document(draft, DocumentKind.PHOTO, SimpleUploadedFile("a.png", PNG), account.user)
    close(competition)
    producer = Client()
    producer.force_login(account.user)
    url = reverse("producers:application", args=[draft.pk])
    saved = producer.post(url, {**FORM, "product_name": "Mật ong rừng", "capacity": "1 tấn", "action": "save"})
    removed = producer.post(reverse("producers:remove-document", args=[draft.pk, draft.documents.get().pk]))
    assert (saved.status_code, removed.status_code) == (409, 409)
    draft.refresh_from_db()
    assert draft.capacity == "12 tấn/năm" and draft.documents.count() == 1


def test_an_incomplete_submission_is_a_400_listing_what_is_missing(setup):
    account, competition = setup["account"], setup["competition"]
    draft = service.create_draft(account, competition, {**FORM, "product_name": "Mật ong rừng", "commitment": True})
    producer = Client()
    producer.force_login(account.user)
    response = producer.post(reverse("producers:application", args=[draft.pk]), {"action": "submit"})
    assert response.status_code == 400
    assert "Hồ sơ còn thiếu: Hình ảnh sản phẩm" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_every_step_of_an_application_is_in_the_audit_log(setup):
    account, competition = setup["account"], setup["competition"]
    producer = Client()
    producer.force_login(account.user)
    applied = producer.post(
        reverse("producers:apply", args=[competition.slug]) + "?san-pham=moi", {**FORM, "product_name": "Mật ong rừng"}
    )
    assert applied.status_code == 302
    draft = Application.objects.get(product_name="Mật ong rừng")
    url = reverse("producers:application", args=[draft.pk])
    assert producer.post(url, {**FORM, "product_name": "Mật ong rừng", "action": "save"}).status_code == 302
    file = SimpleUploadedFile("a.png", PNG)
    assert producer.post(url, {"action": "upload", "kind": DocumentKind.PHOTO, "file": file}).status_code == 302
    document = draft.documents.get()
    assert producer.post(reverse("producers:remove-document", args=[draft.pk, document.pk])).status_code == 302
    logged = list(
        ModelLogEntry.objects.filter(object_id=str(draft.pk), action__startswith="producers.application.")
        .order_by("timestamp", "id")
        .values_list("action", "user_id", "data")
    )
    assert [(action, user) for action, user, _ in logged] == [
        ("producers.application.create", account.user.pk),
        ("producers.application.save", account.user.pk),
        ("producers.application.upload", account.user.pk),
        ("producers.application.remove_file", account.user.pk),
    ]
    assert logged[2][2]["note"] == logged[3][2]["note"] == "a.png"
    # and Reports → Site history shows them with their labels
    admin = UserFactory(is_superuser=True)
    producer.force_login(admin)
    history = producer.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Tạo bản nháp" in history and "Tải tệp lên" in history and "Xoá tệp" in history


def test_other_staff_are_sent_home_from_every_url_of_the_review_queue(client, setup):
    application = setup["application"]
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    document = application.documents.first()
    urls = [
        reverse("producer_applications:index"),
        detail_url(application),
        reverse("producer_applications:application", args=[999999]),
        reverse("producer_applications:document", args=[application.pk, document.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home")), url
    answer = client.post(detail_url(application), {"action": "reject", "reason": "x"}, follow=True)
    assert answer.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "quyền" in answer.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
