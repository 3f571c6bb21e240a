"""Issue 15, item 5: after the competition the producer sees the published result of their entry on the dashboard
(never before publication), and, if recognized, downloads their certificate PDF with its QR verification link; no
other producer can. The dashboard's query count does not grow from 1× to 10× data."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.competitions.choices import CompetitionStatus
from registry.competitions.services import council
from registry.producers.services import review
from tests.factories import JurorFactory, ProducerAccountFactory, ProductPageFactory, fill_sheet
from tests.test_producer_applications import open_competition
from tests.test_producer_review import manager, submitted

DECISION = datetime.date(2027, 7, 5)


def _move(competition, status):
    competition.status = status
    competition.save()


@pytest.fixture
def decided(home_page, settings, tmp_path):
    """An application accepted into a competition, scored 80/100 by three jurors, recognized by the council with a
    certificate issued; the results are not published yet."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.SITE_URL = "https://khuyencong.gialai.gov.vn"
    competition = open_competition(quorum=3)
    account = ProducerAccountFactory()
    product = ProductPageFactory(producer=account.producer, title="Cà phê bột Đắk Đoa")
    application = review.accept(submitted(account, competition, product), manager())
    entry = application.entry
    _move(competition, CompetitionStatus.SCORING)
    jurors = [JurorFactory(competition=competition, chair=(i == 0)) for i in range(3)]
    for juror in jurors:
        fill_sheet(juror, entry, [32, 32, 8, 8])
    _move(competition, CompetitionStatus.CLOSED)
    council.decide(entry, jurors[0].user, True, "344/QĐ-UBND", DECISION)
    _move(competition, CompetitionStatus.DECIDED)
    council.issue_certificates(competition, jurors[0].user)
    entry.refresh_from_db()
    mail.outbox.clear()
    return {"competition": competition, "account": account, "entry": entry, "chair": jurors[0].user}


def publish(data):
    council.change_status(data["competition"], CompetitionStatus.PUBLISHED, data["chair"])


def test_nothing_of_the_result_or_certificate_shows_before_publication(client, decided):
    entry = decided["entry"]
    client.force_login(decided["account"].user)
    home = client.get(reverse("producers:home")).content.decode()
    assert entry.code in home and "Hội đồng đã quyết định" in home
    assert "Được công nhận" not in home and "Điểm 80" not in home
    assert entry.certificate.serial not in home  # neither in the entry's card nor in the certificates list
    assert "Tải giấy chứng nhận" not in client.get(reverse("producers:entry", args=[entry.pk])).content.decode()
    assert client.get(reverse("producers:certificate", args=[entry.pk])).status_code == 404


def test_after_publication_the_producer_sees_the_result_and_downloads_the_certificate(client, decided):
    entry = decided["entry"]
    publish(decided)
    client.force_login(decided["account"].user)
    home = client.get(reverse("producers:home")).content.decode()
    assert "Được công nhận" in home and "Điểm 80" in home
    cert = entry.certificate
    assert f"Tải giấy chứng nhận {cert.serial} (PDF)" in home
    assert f"https://khuyencong.gialai.gov.vn/xac-minh/{cert.verification_code}/" in home
    assert "<svg" in home  # the stored QR code of the verification page
    page = client.get(reverse("producers:entry", args=[entry.pk])).content.decode()
    assert "xếp thứ 1" in page and "Số 344/QĐ-UBND ngày 05/07/2027" in page

    response = client.get(reverse("producers:certificate", args=[entry.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert cert.serial in response["Content-Disposition"]


def test_another_producer_and_staff_cannot_download_the_certificate(client, decided):
    publish(decided)
    url = reverse("producers:certificate", args=[decided["entry"].pk])
    client.force_login(ProducerAccountFactory().user)
    assert client.get(url).status_code == 404
    assert decided["entry"].certificate.serial not in client.get(reverse("producers:home")).content.decode()
    client.force_login(manager())  # staff have no producer account: the portal answers 403
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_a_revoked_certificate_is_no_longer_offered(client, decided):
    publish(decided)
    decided["entry"].certificate.revoke("Sản phẩm không còn sản xuất.")
    client.force_login(decided["account"].user)
    assert client.get(reverse("producers:certificate", args=[decided["entry"].pk])).status_code == 404
    assert "Tải giấy chứng nhận" not in client.get(reverse("producers:home")).content.decode()


def test_dashboard_query_count_does_not_grow_from_1x_to_10x(client, decided):
    """Products, certificates, applications, messages and entries ×10 for the producer: the same queries."""
    publish(decided)
    account = decided["account"]
    client.force_login(account.user)
    other = open_competition(name="Bình chọn 2029", slug="binh-chon-2029", year=2029)
    staff = manager()

    def count():
        client.get(reverse("producers:home"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("producers:home"))
        assert response.status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            product = ProductPageFactory(producer=account.producer, title=f"Sản phẩm {count.n}-{i}")
            application = submitted(account, other, product)
            if i % 2:
                review.ask_more_info(application, staff, "Bổ sung ảnh.")
            else:
                review.accept(application, staff)
        count.n += 1

    count.n = 0
    add(1)
    one = count()
    add(9)
    assert count() == one
