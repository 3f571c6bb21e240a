"""Reminder e-mails before a certificate expires (issue 15: 90 and 30 days before, ``PRODUCER_REMINDER_DAYS``).

Run daily (``manage.py send_certificate_reminders``, cron). For each certificate still valid whose end of validity
is at most N days away (N one of the reminder days), the verified accounts of its producer get one e-mail for the
smallest such N not yet sent: a day the command did not run delays a reminder, never loses it, and no reminder is
sent twice (``CertificateReminder``, unique per certificate and N).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from registry.catalogue.models import Certificate

from ..mail import absolute, send
from ..models import CertificateReminder, ProducerAccount


def due(today=None):
    """``[(certificate, days_left, threshold)]`` of the reminders to send on ``today``, in a fixed number of
    queries whatever the number of certificates."""
    today = today or timezone.localdate()
    thresholds = sorted(settings.PRODUCER_REMINDER_DAYS)
    certificates = (
        Certificate.objects.valid(today)
        .filter(valid_until__isnull=False, valid_until__lte=today + timedelta(days=thresholds[-1]))
        .filter(product__producer__accounts__email_verified_at__isnull=False)
        .select_related("product__producer")
        .distinct()
    )
    certificates = list(certificates)
    sent = set(CertificateReminder.objects.filter(certificate__in=certificates).values_list("certificate_id", "days"))
    result = []
    for certificate in certificates:
        days_left = (certificate.valid_until - today).days
        threshold = next(t for t in thresholds if days_left <= t)
        if (certificate.pk, threshold) not in sent:
            result.append((certificate, days_left, threshold))
    return result


def send_expiry_reminders(today=None):
    """Send the reminders ``due`` on ``today``; return how many e-mails went out."""
    count = 0
    link = absolute(reverse("producers:home"))
    for certificate, days_left, threshold in due(today):
        emails = sorted(
            set(
                ProducerAccount.objects.filter(
                    producer_id=certificate.product.producer_id, email_verified_at__isnull=False
                ).values_list("user__email", flat=True)
            )
            - {""}
        )
        try:
            with transaction.atomic():
                CertificateReminder.objects.create(certificate=certificate, days=threshold, recipients=len(emails))
        except IntegrityError:  # another run sent it meanwhile
            continue
        context = {"certificate": certificate, "days_left": days_left, "link": link}
        for email in emails:
            count += send("certificate_expiring", email, context)
    return count
