"""Models of the producers' portal, one module per concern: accounts, claims and invitations (``accounts``), online
applications to competitions with their dossier files and history (``applications``), certificate-expiry
reminders sent (``reminders``)."""

from .accounts import (
    ProducerAccount,
    ProducerClaim,
    ProducerClaimQuerySet,
    ProducerInvitation,
    ProducerInvitationQuerySet,
    normalize_tax_code,
    token_digest,
)
from .applications import Application, ApplicationDocument, ApplicationEvent, ApplicationQuerySet
from .reminders import CertificateReminder
from .versions import ApplicationVersion

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "ApplicationVersion",
    "CertificateReminder",
    "ProducerAccount",
    "ProducerClaim",
    "ProducerClaimQuerySet",
    "ProducerInvitation",
    "ProducerInvitationQuerySet",
    "normalize_tax_code",
    "token_digest",
]
