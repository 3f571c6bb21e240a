"""Claims of producer records (nhận cơ sở) and requests for new ones, and staff decisions on them.

Rules:
- An account acts for one producer: an account already linked cannot claim another (staff unlink it first).
- A claim names a catalogue producer and gives its tax code or business registration number; when the record has
  a tax code, the one typed must match it (spaces and dots ignored). Staff still check it on the registration
  papers before approving.
- One pending claim per account and producer.
- Only a pending claim is decided, once (the row is locked); a rejection needs a reason; approving links the
  account (a request for a new record creates it from the details given, unless staff choose an existing one).
- Every decision is kept on the claim (who, when, why) and e-mailed to the account holder.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.catalogue.models import Producer

from ..choices import ClaimKind, ClaimStatus
from ..mail import absolute, send
from ..models import ProducerAccount, ProducerClaim, normalize_tax_code


class ClaimRefused(ValidationError):
    """A claim or a decision refused by the rules above; ``message`` is the Vietnamese reason (views answer 4xx)."""


def _ensure_unlinked(account):
    if account.producer_id:
        raise ClaimRefused(_("Tài khoản này đã đại diện cho một cơ sở sản xuất."))


def submit_claim(account, producer, *, tax_code="", registration_number="", applicant_role="", note=""):
    """Record ``account``'s claim of ``producer``; return the claim. Raises ``ClaimRefused`` (account linked,
    neither number given, tax code differing from the record's, a pending claim already there)."""
    _ensure_unlinked(account)
    tax_code, registration_number = normalize_tax_code(tax_code), registration_number.strip()
    if not tax_code and not registration_number:
        raise ClaimRefused(_("Cần mã số thuế hoặc số giấy chứng nhận đăng ký kinh doanh."))
    if tax_code and producer.tax_code and tax_code != normalize_tax_code(producer.tax_code):
        raise ClaimRefused(_("Mã số thuế không khớp với hồ sơ của cơ sở trong sổ đăng ký."))
    if account.claims.pending().filter(producer=producer).exists():
        raise ClaimRefused(_("Bạn đã gửi yêu cầu nhận cơ sở này; cán bộ trung tâm đang xem xét."))
    return ProducerClaim.objects.create(
        account=account,
        kind=ClaimKind.CLAIM,
        producer=producer,
        tax_code=tax_code,
        registration_number=registration_number,
        applicant_role=applicant_role,
        note=note,
    )


def request_new_producer(account, **details):
    """Record ``account``'s request that staff create a producer record from ``details`` (name, producer_kind,
    tax_code, registration_number, representative, address, applicant_role, note); return the claim."""
    _ensure_unlinked(account)
    details["tax_code"] = normalize_tax_code(details.get("tax_code", ""))
    return ProducerClaim.objects.create(account=account, kind=ClaimKind.NEW, **details)


def _locked_pending(claim):
    locked = ProducerClaim.objects.select_for_update().select_related("account__user").get(pk=claim.pk)
    if locked.status != ClaimStatus.PENDING:
        raise ClaimRefused(_("Yêu cầu này đã được xử lý."))
    return locked


def _producer_from_request(claim):
    return Producer.objects.create(
        name=claim.name,
        kind=claim.producer_kind,
        tax_code=claim.tax_code,
        representative=claim.representative,
        address=claim.address,
        phone=claim.account.phone,
        email=claim.account.user.email,
    )


def approve(claim, staff_user, producer=None):
    """Approve a pending claim: link its account to the claimed producer (or, for a request for a new record,
    to ``producer`` chosen by staff or to a record created from the request). Returns the updated claim and
    e-mails the account holder. Raises ``ClaimRefused`` when already decided or the account is linked."""
    with transaction.atomic():
        claim = _locked_pending(claim)
        account = ProducerAccount.objects.select_for_update().get(pk=claim.account_id)
        _ensure_unlinked(account)
        if claim.kind == ClaimKind.NEW:
            claim.producer = producer or _producer_from_request(claim)
        now = timezone.now()
        account.producer_id, account.linked_at = claim.producer.pk, now
        account.save(update_fields=["producer", "linked_at"])
        claim.status, claim.decided_by, claim.decided_at = ClaimStatus.APPROVED, staff_user, now
        claim.save(update_fields=["producer", "status", "decided_by", "decided_at"])
    send("claim_approved", claim.account.user.email, {"claim": claim, "link": absolute(reverse("producers:home"))})
    return claim


def reject(claim, staff_user, reason):
    """Reject a pending claim with ``reason`` (required) and e-mail it to the account holder; return the claim."""
    reason = (reason or "").strip()
    if not reason:
        raise ClaimRefused(_("Cần ghi lý do từ chối."))
    with transaction.atomic():
        claim = _locked_pending(claim)
        claim.status, claim.decided_by, claim.decided_at = ClaimStatus.REJECTED, staff_user, timezone.now()
        claim.decision_reason = reason
        claim.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    send("claim_rejected", claim.account.user.email, {"claim": claim, "link": absolute(reverse("producers:home"))})
    return claim
