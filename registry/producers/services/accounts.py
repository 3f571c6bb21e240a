"""Producer accounts: sign-up, e-mail verification, invitations by staff.

Rules:
- The user name is the e-mail address, lower-cased; one account per address (case-insensitive).
- A new account cannot log in (``is_active = False``) until its holder opens the verification link mailed to the
  address; the link is signed (Django's token generator with its own salt), expires after
  ``PASSWORD_RESET_TIMEOUT`` and works once.
- An invitation link proves the address too: accepting it creates an active, verified account already linked to
  the invited producer, or links the signed-in account with that address.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from core.text import split_person_name

from ..mail import absolute, send
from ..models import ProducerAccount, ProducerInvitation, token_digest


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Signed, expiring tokens for the verification link; invalid once the account is verified (the hash covers
    ``is_active`` and the verification time)."""

    key_salt = "registry.producers.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        account = getattr(user, "producer_account", None)
        verified = account.email_verified_at if account else None
        return f"{user.pk}{user.is_active}{verified}{user.email}{timestamp}"


verification_tokens = EmailVerificationTokenGenerator()


def email_taken(email):
    """Whether a user already has this e-mail address (as address or user name, case-insensitive)."""
    User = get_user_model()
    return User.objects.filter(email__iexact=email).exists() or User.objects.filter(username__iexact=email).exists()


def _new_user(email, password, full_name, *, active):
    last_name, first_name = split_person_name(full_name)
    return get_user_model().objects.create_user(
        username=email.lower(),
        email=email.lower(),
        password=password,
        first_name=first_name[:150],
        last_name=last_name[:150],
        is_active=active,
    )


@transaction.atomic
def sign_up(email, password, full_name, phone):
    """Create an inactive user and its ``ProducerAccount``; return the account. The caller sends the verification
    e-mail (``send_verification``). ``email`` must not be taken (the form checks; the unique user name guards
    against a race with an ``IntegrityError``)."""
    user = _new_user(email, password, full_name, active=False)
    return ProducerAccount.objects.create(user=user, phone=phone)


def verification_path(user):
    """The verification link's path for ``user`` (``/co-so-san-xuat/xac-nhan/<uid>/<token>/``)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("producers:verify", kwargs={"uidb64": uid, "token": verification_tokens.make_token(user)})


def send_verification(account):
    """E-mail the verification link to the account's address (1 message)."""
    user = account.user
    return send("verify", user.email, {"user": user, "link": absolute(verification_path(user))})


def unverified_account(email):
    """The not yet verified account registered with ``email``, or ``None``."""
    return (
        ProducerAccount.objects.select_related("user")
        .filter(user__email__iexact=email, email_verified_at__isnull=True)
        .first()
    )


def verify(uidb64, token):
    """Check a verification link; when valid, activate the user, mark the address verified and return the
    account. ``None`` for a wrong, expired or already used link."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    account = ProducerAccount.objects.select_related("user").filter(user_id=pk).first()
    if account is None or not verification_tokens.check_token(account.user, token):
        return None
    with transaction.atomic():
        account.email_verified_at = timezone.now()
        account.save(update_fields=["email_verified_at"])
        account.user.is_active = True
        account.user.save(update_fields=["is_active"])
    return account


def invite(producer, email, invited_by):
    """Create an invitation of ``email`` to act for ``producer`` and e-mail its single-use link; return the
    invitation. Valid ``PRODUCER_INVITATION_DAYS`` days."""
    token = secrets.token_urlsafe(32)
    invitation = ProducerInvitation.objects.create(
        producer=producer,
        email=email.lower(),
        token_hash=token_digest(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.PRODUCER_INVITATION_DAYS),
    )
    link = absolute(reverse("producers:invitation", kwargs={"token": token}))
    send("invitation", invitation.email, {"invitation": invitation, "producer": producer, "link": link})
    return invitation


def usable_invitation(token):
    """The invitation a link's token opens, when it is neither accepted nor expired; else ``None``."""
    return ProducerInvitation.objects.usable().select_related("producer").filter(token_hash=token_digest(token)).first()


@transaction.atomic
def accept_invitation(invitation, account):
    """Link ``account`` to the invited producer, mark its address verified and the invitation accepted (once:
    the row is locked, a second acceptance finds it used and returns ``False``)."""
    locked = ProducerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or locked.expires_at <= timezone.now():
        return False
    now = timezone.now()
    account.producer_id = locked.producer_id
    account.linked_at = now
    account.email_verified_at = account.email_verified_at or now
    account.save(update_fields=["producer", "linked_at", "email_verified_at"])
    locked.accepted_at, locked.accepted_by = now, account
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return True


@transaction.atomic
def sign_up_invited(invitation, password, full_name, phone):
    """Create an active account for the invitation's address and accept the invitation; return the account."""
    user = _new_user(invitation.email, password, full_name, active=True)
    account = ProducerAccount.objects.create(user=user, phone=phone)
    if not accept_invitation(invitation, account):
        transaction.set_rollback(True)
        return None
    return account
