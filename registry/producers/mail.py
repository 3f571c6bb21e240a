"""E-mails of the portal, written from templates under ``templates/producers/email/`` in Vietnamese (the site's
language; English readers get the same text) with absolute links built from ``SITE_URL``."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def absolute(path):
    """``SITE_URL`` + ``path``: the one source of absolute links (design.md)."""
    return settings.SITE_URL + path


def send(template, to, context):
    """Render ``producers/email/<template>.txt`` (first line: the subject) and send it to the address ``to``.

    Returns the number of messages sent (1). Errors of the mail server propagate: the caller's transaction
    decides what is kept."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"producers/email/{template}.txt", {**context, "SITE_URL": settings.SITE_URL})
    subject, _, body = text.strip().partition("\n")
    return send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [to])
