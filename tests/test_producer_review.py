"""Issue 15, item 4: the center's review queue of online applications in the Wagtail admin (competition managers
only): what each dossier lacks, accept (one competition entry with its dossier, seen by jurors), ask for more
information (the producer edits and resubmits; every version kept), reject with a reason. Every transition is
in the application's history and the site's audit log, e-mailed, refused from a wrong state with a 4xx, and the
queue's query count does not grow with the number of applications."""

import json
import re
import sqlite3
import threading

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.roles import COMPETITION_MANAGERS, ensure_roles, role_group
from registry.competitions.choices import CompetitionStatus, EntryStatus
from registry.competitions.models import Entry, EntryDocument, NoConflictStatement
from registry.producers.choices import ApplicationAction, ApplicationStatus, DocumentKind
from registry.producers.models import Application, ApplicationVersion
from registry.producers.services import applications as service
from registry.producers.services import review
from tests.factories import JurorFactory, ProducerAccountFactory, ProductPageFactory, UserFactory
from tests.test_producer_applications import FORM, PDF, PNG, open_competition

QUEUE = "producer_applications:index"


def manager(**extra):
    """A competition manager: admin access and ``competitions.manage_competitions`` (the role's permission)."""
    user = UserFactory(**extra)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_competitions"),
    )
    return user


def submitted(account, competition, product=None, files=(DocumentKind.PHOTO, DocumentKind.BUSINESS_REGISTRATION)):
    """An application of ``account``'s producer, submitted through the services with one file per kind."""
    data = {**{k: v for k, v in FORM.items() if k != "commitment"}, "commitment": True}
    if product is not None:
        data["product_name"] = product.title
    application = service.create_draft(account, competition, data, product)
    for kind in files:
        name, content = ("anh.png", PNG) if kind == DocumentKind.PHOTO else (f"{kind}.pdf", PDF)
        service.add_document(application, kind, SimpleUploadedFile(name, content), account.user)
    return service.submit(application, account.user)


@pytest.fixture
def setup(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    competition = open_competition()
    account = ProducerAccountFactory()
    product = ProductPageFactory(producer=account.producer, title="Cà phê bột Đắk Đoa")
    application = submitted(account, competition, product)
    mail.outbox.clear()
    return {"competition": competition, "account": account, "product": product, "application": application}


def detail_url(application):
    return reverse("producer_applications:application", args=[application.pk])


def test_queue_lists_submitted_applications_with_what_each_lacks(client, setup):
    account, competition = setup["account"], setup["competition"]
    lacking = service.create_draft(
        account, competition, {**FORM, "product_name": "Mật ong rừng", "commitment": True, "market": ""}
    )
    service.add_document(lacking, DocumentKind.PHOTO, SimpleUploadedFile("a.png", PNG), account.user)
    # a submitted application whose required file was removed afterwards (as after a request for more information)
    lacking.status, lacking.submitted_at, lacking.code = (
        ApplicationStatus.SUBMITTED,
        setup["application"].submitted_at,
        "DK-2027-0099",
    )
    lacking.save()
    draft = service.create_draft(account, competition, {**FORM, "product_name": "Bản nháp riêng", "commitment": True})
    client.force_login(manager())
    html = client.get(reverse(QUEUE)).content.decode()
    assert "DK-2027-0001" in html and "DK-2027-0099" in html
    assert "Giấy chứng nhận đăng ký kinh doanh" in html and "Thị trường tiêu thụ" in html  # what DK-2027-0099 lacks
    assert draft.product_name not in html  # drafts are the producer's until submitted
    assert "Chờ xử lý (2)" in html
    detail = client.get(detail_url(lacking)).content.decode()
    assert "nên đề nghị bổ sung trước khi tiếp nhận" in detail
    assert "nên đề nghị bổ sung" not in client.get(detail_url(setup["application"])).content.decode()
    accepted = client.get(reverse(QUEUE), {"trang-thai": "accepted"}).content.decode()
    assert "DK-2027-0001" not in accepted and "Không có hồ sơ đăng ký nào." in accepted
    other = open_competition(name="Bình chọn khác", slug="binh-chon-khac")
    by_competition = client.get(reverse(QUEUE), {"cuoc": other.pk}).content.decode()
    assert "DK-2027-0001" not in by_competition


def test_only_competition_managers_reach_the_queue(client, setup):
    application = setup["application"]
    urls = [reverse(QUEUE), detail_url(application)]
    client.force_login(setup["account"].user)  # a producer: the admin is closed to them
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(detail_url(application), {"action": "accept"}).status_code == 302
    registry_staff = UserFactory()
    registry_staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(registry_staff)  # in the admin, without the managers' permission: Wagtail's "no permission"
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.post(detail_url(application), {"action": "accept"})["Location"] == "/admin/"
    document = application.documents.first()
    download = client.get(reverse("producer_applications:document", args=[application.pk, document.pk]))
    assert (download.status_code, download["Location"]) == (302, "/admin/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and not Entry.objects.exists()


def sidebar(client):
    """The admin sidebar's menu as JSON text (Wagtail renders it as React props)."""
    home = client.get("/admin/").content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', home, re.S).group(1)
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_the_queue_is_in_the_admin_menu_of_managers_only(client, setup):
    client.force_login(manager())
    assert '"Hồ sơ đăng ký"' in sidebar(client)
    registry_staff = UserFactory()
    registry_staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(registry_staff)
    assert '"Hồ sơ đăng ký"' not in sidebar(client)


def test_the_first_submission_is_in_the_audit_log_too(setup):
    log = ModelLogEntry.objects.get(action="producers.application.submit")
    assert log.object_id == str(setup["application"].pk) and log.user == setup["account"].user
    assert log.data["code"] == "DK-2027-0001" and log.data["version"] == 1


def test_a_manager_of_the_role_reads_the_review_steps_in_site_history(client, setup):
    ensure_roles()
    staff = UserFactory()
    staff.groups.add(role_group(COMPETITION_MANAGERS))
    review.reject(setup["application"], staff, "Thiếu nhãn hàng hoá.")
    client.force_login(staff)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Hồ sơ đăng ký DK-2027-0001: Trung tâm không tiếp nhận: Thiếu nhãn hàng hoá." in history


def test_accept_creates_one_entry_with_its_dossier_audited_and_emailed(client, setup):
    application, account = setup["application"], setup["account"]
    staff = manager()
    client.force_login(staff)
    page = client.get(detail_url(application)).content.decode()
    assert "Lần nộp 1" in page and "anh.png" in page
    response = client.post(detail_url(application), {"action": "accept"})
    assert response.status_code == 302

    application.refresh_from_db()
    entry = Entry.objects.get()
    assert application.status == ApplicationStatus.ACCEPTED and application.entry == entry
    assert (entry.code, entry.status, entry.product, entry.producer) == (
        "SP-2027-001",
        EntryStatus.ELIGIBLE,
        setup["product"],
        account.producer,
    )
    assert "Thị trường tiêu thụ: Trong tỉnh" in entry.description
    copies = list(EntryDocument.objects.filter(entry=entry))
    assert [(d.kind, d.original_name) for d in copies] == [("hinh-anh", "anh.png")]  # not the business registration
    with copies[0].file.open("rb") as handle:
        assert handle.read() == PNG
    assert application.events.last().action == ApplicationAction.ACCEPT
    log = ModelLogEntry.objects.filter(action="producers.application.accept").get()
    assert log.user == staff and log.data["entry"] == "SP-2027-001" and log.object_id == str(application.pk)
    assert [m.to for m in mail.outbox] == [[account.user.email]]
    assert "SP-2027-001" in mail.outbox[0].body and "đã được tiếp nhận" in mail.outbox[0].subject

    again = client.post(detail_url(application), {"action": "accept"})
    assert again.status_code == 409
    assert "Hồ sơ đang ở trạng thái “Đã tiếp nhận”" in again.content.decode()
    refused_reject = client.post(detail_url(application), {"action": "reject", "reason": "Muộn"})
    assert refused_reject.status_code == 409
    assert Entry.objects.count() == 1 and len(mail.outbox) == 1

    client.force_login(account.user)
    home = client.get(reverse("producers:home")).content.decode()
    assert "Tin nhắn từ trung tâm" in home and "Trung tâm tiếp nhận" in home and "SP-2027-001" in home


def test_accept_after_reject_is_refused_and_reject_needs_a_reason(client, setup):
    application = setup["application"]
    colleague = ProducerAccountFactory(producer=setup["account"].producer)  # every account of the producer is told
    ProducerAccountFactory(producer=setup["account"].producer, email_verified_at=None)  # not an unverified one
    client.force_login(manager())
    empty = client.post(detail_url(application), {"action": "reject", "reason": "  "})
    assert empty.status_code == 400
    assert client.post(detail_url(application), {"action": "bogus"}).status_code == 400
    rejected = client.post(detail_url(application), {"action": "reject", "reason": "Sản phẩm chưa có nhãn hàng hoá."})
    assert rejected.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.events.last().note == "Sản phẩm chưa có nhãn hàng hoá."
    assert ModelLogEntry.objects.filter(action="producers.application.reject").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setup["account"].user.email, colleague.user.email])
    assert all("Lý do: Sản phẩm chưa có nhãn hàng hoá." in m.body for m in mail.outbox)
    late = client.post(detail_url(application), {"action": "accept"})
    assert late.status_code == 409 and "Không tiếp nhận" in late.content.decode()
    assert not Entry.objects.exists()


def test_more_information_then_resubmission_keeps_every_version(client, setup, settings):
    application, account = setup["application"], setup["account"]
    client.force_login(manager())
    assert client.post(detail_url(application), {"action": "more-info", "message": ""}).status_code == 400
    asked = client.post(
        detail_url(application), {"action": "more-info", "message": "Bổ sung phiếu kiểm nghiệm & ảnh nhãn."}
    )
    assert asked.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFO
    assert "Bổ sung phiếu kiểm nghiệm & ảnh nhãn." in mail.outbox[-1].body  # plain text, not "&amp;"
    assert client.post(detail_url(application), {"action": "accept"}).status_code == 409  # waits for the producer

    # the producer answers before the closing date (after it nothing changes: test_producer_closing_date.py)
    producer = Client()
    producer.force_login(account.user)
    page = producer.get(reverse("producers:application", args=[application.pk])).content.decode()
    assert "Trung tâm đề nghị bổ sung:" in page and "Nộp lại hồ sơ" in page
    home = producer.get(reverse("producers:home")).content.decode()
    assert "Bổ sung phiếu kiểm nghiệm &amp; ảnh nhãn." in home
    old_photo = application.documents.get(kind=DocumentKind.PHOTO)
    removed = producer.post(reverse("producers:remove-document", args=[application.pk, old_photo.pk]))
    assert removed.status_code == 302
    url = reverse("producers:application", args=[application.pk])
    for kind, name, content in [
        (DocumentKind.PHOTO, "nhan.png", PNG),
        (DocumentKind.CERTIFICATE, "kiem-nghiem.pdf", PDF),
    ]:
        response = producer.post(url, {"action": "upload", "kind": kind, "file": SimpleUploadedFile(name, content)})
        assert response.status_code == 302
    assert producer.post(url, {**FORM, "capacity": "15 tấn/năm", "action": "save"}).status_code == 302
    assert producer.post(url, {"action": "submit"}).status_code == 302

    application.refresh_from_db()
    assert (application.status, application.code) == (ApplicationStatus.SUBMITTED, "DK-2027-0001")
    versions = list(ApplicationVersion.objects.filter(application=application).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert (versions[0].data["capacity"], versions[1].data["capacity"]) == ("12 tấn/năm", "15 tấn/năm")
    assert sorted(d.original_name for d in versions[0].documents.all()) == ["anh.png", "dang-ky-kinh-doanh.pdf"]
    assert sorted(d.original_name for d in versions[1].documents.all()) == [
        "dang-ky-kinh-doanh.pdf",
        "kiem-nghiem.pdf",
        "nhan.png",
    ]
    # the removed photo is gone for the producer but kept for staff with version 1
    assert producer.get(reverse("producers:document", args=[application.pk, old_photo.pk])).status_code == 404
    assert [e.action for e in application.events.filter(action__in=["submit", "more-info", "resubmit"])] == [
        ApplicationAction.SUBMIT,
        ApplicationAction.MORE_INFO,
        ApplicationAction.RESUBMIT,
    ]
    assert ModelLogEntry.objects.filter(action="producers.application.resubmit").count() == 1
    assert "lần nộp thứ 2" in mail.outbox[-1].body

    staff_page = client.get(detail_url(application)).content.decode()
    assert "Lần nộp 1" in staff_page and "Lần nộp 2" in staff_page and "đã bỏ khỏi hồ sơ" in staff_page
    kept = client.get(reverse("producer_applications:document", args=[application.pk, old_photo.pk]))
    assert kept.status_code == 200 and b"".join(kept.streaming_content) == PNG
    assert kept["X-Content-Type-Options"] == "nosniff"
    # a producer never reaches the staff download
    assert (
        producer.get(reverse("producer_applications:document", args=[application.pk, old_photo.pk])).status_code == 302
    )

    assert client.post(detail_url(application), {"action": "accept"}).status_code == 302
    entry = Entry.objects.get()
    assert sorted(d.original_name for d in entry.documents.all()) == ["kiem-nghiem.pdf", "nhan.png"]


def test_more_information_is_refused_once_the_competition_left_the_entry_phase(client, setup):
    competition, application = setup["competition"], setup["application"]
    competition.status = CompetitionStatus.SCORING
    competition.save()
    client.force_login(manager())
    asked = client.post(detail_url(application), {"action": "more-info", "message": "Bổ sung ảnh."})
    assert asked.status_code == 409 and "hết giai đoạn nhận hồ sơ" in asked.content.decode()
    accepted = client.post(detail_url(application), {"action": "accept"})
    assert accepted.status_code == 409 and "không tạo được hồ sơ tham gia" in accepted.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_new_product_becomes_an_unpublished_catalogue_page_on_acceptance(client, setup):
    account, competition = setup["account"], setup["competition"]
    application = submitted(account, competition)  # "Cà phê bột Đắk Đoa" typed, not chosen from the catalogue
    application.product_name = "Rượu cần Tây Nguyên"
    application.save()
    client.force_login(manager())
    assert client.post(detail_url(application), {"action": "accept"}).status_code == 302
    application.refresh_from_db()
    page = application.product
    assert (page.title, page.live, page.producer) == ("Rượu cần Tây Nguyên", False, account.producer)
    assert application.entry.product == page


def test_the_accepted_entry_and_its_dossier_are_in_the_jurors_portal(client, setup):
    application, competition = setup["application"], setup["competition"]
    client.force_login(manager())
    client.post(detail_url(application), {"action": "accept"})
    entry = Entry.objects.get()
    competition.status = CompetitionStatus.SCORING
    competition.save()
    juror = JurorFactory(competition=competition)
    client.force_login(juror.user)
    listing = client.get(reverse("competitions:jury-competition", args=[competition.slug])).content.decode()
    assert entry.code in listing
    NoConflictStatement.objects.create(juror=juror, entry=entry)
    page = client.get(reverse("competitions:jury-entry", args=[competition.slug, entry.code])).content.decode()
    document = entry.documents.get()
    assert document.neutral_name in page
    download = client.get(
        reverse("competitions:jury-dossier", args=[competition.slug, entry.code, document.pk, document.neutral_name])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


def test_two_accepts_at_once_make_one_entry(setup):
    """Two managers (or a double click) accepting together: the row lock and the one-to-one entry give one entry
    and one refusal, never two entries."""
    application = setup["application"]
    staff = manager()
    first = Application.objects.get(pk=application.pk)
    second = Application.objects.get(pk=application.pk)  # read before the first accept, as a second request would
    review.accept(first, staff)
    with pytest.raises(review.ReviewRefused):
        review.accept(second, staff)
    assert Entry.objects.count() == 1


def test_queue_query_count_does_not_grow_from_1x_to_10x(client, home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    competition = open_competition()
    client.force_login(manager())

    def add(n):
        for _ in range(n):
            account = ProducerAccountFactory()
            submitted(account, competition, ProductPageFactory(producer=account.producer))

    def count():
        client.get(reverse(QUEUE))  # warm-up: session, site, settings
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(QUEUE))
        assert response.status_code == 200
        return len(queries), response.content.decode().count(">DK-2027-")

    add(1)
    one = count()
    add(9)
    ten = count()
    assert (one[1], ten[1]) == (1, 10)
    assert one[0] == ten[0], (one, ten)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite locking mode is what is tested here")
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_accept_on_a_shared_sqlite_file_gives_one_entry_and_one_409(home_page, settings, tmp_path):
    """Two requests at the same moment on a file-based database (as on a demo site): one entry, one refusal."""

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    account = ProducerAccountFactory()
    application = submitted(account, open_competition(), ProductPageFactory(producer=account.producer))
    staff = manager()
    clients = [Client(), Client()]
    for one in clients:
        one.force_login(staff)
    path = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path), "TEST": {**original["TEST"], "NAME": None}}
    barrier, statuses = threading.Barrier(2), []

    def accept(one):
        try:
            barrier.wait()
            statuses.append(one.post(detail_url(application), {"action": "accept"}).status_code)
        finally:
            connections["default"].close()

    try:
        threads = [threading.Thread(target=accept, args=(one,)) for one in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        entries = sqlite3.connect(path).execute("select count(*) from competitions_entry").fetchone()[0]
    finally:
        connections.settings["default"] = original
    assert sorted(statuses) == [302, 409]
    assert entries == 1
