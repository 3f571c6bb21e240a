"""Issue 15: reminder e-mails 90 and 30 days before a certificate expires, each sent once, to the producer's
verified accounts only; a day without a run delays a reminder, never loses it."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from registry.producers.models import CertificateReminder
from registry.producers.services.reminders import due, send_expiry_reminders
from tests.factories import CertificateFactory, ProducerAccountFactory, ProductPageFactory

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def certificate(home_page):
    account = ProducerAccountFactory(user__email="giamdoc@example.org", user__username="giamdoc@example.org")
    ProducerAccountFactory(producer=account.producer, email_verified_at=None)  # not verified: no mail
    product = ProductPageFactory(producer=account.producer, title="Mật ong Kbang")
    return CertificateFactory(product=product, serial="GL-2024-0007", valid_until=TODAY + datetime.timedelta(days=90))


def test_reminders_at_90_and_30_days_each_once(certificate):
    assert send_expiry_reminders(TODAY - datetime.timedelta(days=1)) == 0
    assert send_expiry_reminders(TODAY) == 1
    [message] = mail.outbox
    assert message.to == ["giamdoc@example.org"]
    assert message.subject == "Giấy chứng nhận GL-2024-0007 sắp hết hiệu lực"
    assert "Mật ong Kbang" in message.body and "30/05/2027, còn 90 ngày" in message.body
    assert send_expiry_reminders(TODAY) == 0
    assert send_expiry_reminders(TODAY + datetime.timedelta(days=30)) == 0
    # The daily run missed day 30: the 30-day reminder goes out on the next run.
    assert send_expiry_reminders(TODAY + datetime.timedelta(days=62)) == 1
    assert "còn 28 ngày" in mail.outbox[-1].body
    assert sorted(CertificateReminder.objects.values_list("days", flat=True)) == [30, 90]


def test_no_reminder_for_revoked_or_expired_certificates(certificate):
    certificate.revoke("Cơ sở ngừng sản xuất.", on=TODAY)
    assert send_expiry_reminders(TODAY) == 0


def test_the_daily_command(certificate, capsys, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    call_command("send_certificate_reminders")
    assert "1 thư nhắc đã gửi." in capsys.readouterr().out


def test_due_reminders_take_a_fixed_number_of_queries(home_page, django_assert_max_num_queries):
    for _ in range(5):
        account = ProducerAccountFactory()
        CertificateFactory(
            product=ProductPageFactory(producer=account.producer), valid_until=TODAY + datetime.timedelta(days=20)
        )
    with django_assert_max_num_queries(2):
        assert len(due(TODAY)) == 5
