"""Claims of producer records (nhận cơ sở) and requests for new ones, and staff decisions on them.

Rules:
- An account acts for one producer: an account already linked cannot claim another (staff unlink it first).
- A claim names a catalogue producer and gives its tax code or business registration number. The claimant is only
  told that the claim was received for review, whatever was typed: whether the number matches the record is for
  staff to see (the queue marks it), never an answer to the claimant (no oracle of whose number is whose).
- One pending claim per account and producer.
- A claim is never granted by itself: only staff approve it. When other accounts already act for the producer,
  each of them is e-mailed when the claim arrives (who asks, and that staff will check), staff see them (who, since
  when) beside the claim, and approving needs staff to confirm they checked with them (``confirm_shared``).
  Until approved the claimant sees nothing of the producer (every portal page of its records answers 404).
- Only a pending claim is decided, once (the row is locked); a rejection needs a reason; approving links the
  account (a request for a new record creates it from the details given, unless staff choose an existing one).
- Staff revoke a link with a reason: the account stops acting for the producer at once; its approved claim becomes
  "revoked".
- Every step (requested, approved, rejected, revoked) is in the site's audit log (``services.history``); every
  decision is kept on the claim (who, when, why) and e-mailed to the account holder.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from registry.catalogue.models import Producer

from ..choices import ClaimKind, ClaimStatus
from ..mail import absolute, send
from ..models import ProducerAccount, ProducerClaim, normalize_tax_code
from .history import CLAIM_LOG_ACTIONS, record_claim


class ClaimRefused(ValidationError):
    """A claim or a decision refused by the rules above; ``message`` is the Vietnamese reason (views answer 4xx)."""


def _ensure_unlinked(account):
    if account.producer_id:
        raise ClaimRefused(_("Tài khoản này đã đại diện cho một cơ sở sản xuất."))


def existing_links(producer, exclude_account=None):
    """The accounts acting for ``producer`` now (with their user), longest-standing first: whom a new claim is
    told to, and what staff see beside it. ``exclude_account``: the claimant's own account."""
    accounts = ProducerAccount.objects.filter(producer=producer).select_related("user").order_by("linked_at", "pk")
    if exclude_account is not None:
        accounts = accounts.exclude(pk=exclude_account.pk)
    return list(accounts)


def submit_claim(account, producer, *, tax_code="", registration_number="", applicant_role="", note=""):
    """Record ``account``'s claim of ``producer`` for staff review; return the claim. Accounts already acting for
    the producer are e-mailed. Raises ``ClaimRefused`` (account linked, neither number given, a pending claim of
    this account already there) — never because of what the number is."""
    _ensure_unlinked(account)
    tax_code, registration_number = normalize_tax_code(tax_code), registration_number.strip()
    if not tax_code and not registration_number:
        raise ClaimRefused(_("Cần mã số thuế hoặc số giấy chứng nhận đăng ký kinh doanh."))
    if account.claims.pending().filter(producer=producer).exists():
        raise ClaimRefused(_("Bạn đã gửi yêu cầu nhận cơ sở này; cán bộ trung tâm đang xem xét."))
    others = existing_links(producer, exclude_account=account)
    with transaction.atomic():
        claim = ProducerClaim.objects.create(
            account=account,
            kind=ClaimKind.CLAIM,
            producer=producer,
            tax_code=tax_code,
            registration_number=registration_number,
            applicant_role=applicant_role,
            note=note,
        )
        record_claim(claim, "request", account.user, existing_links=[other.user.email for other in others])
    for other in others:
        send("claim_notice", other.user.email, {"claim": claim, "producer": producer, "holder": other})
    return claim


def request_new_producer(account, **details):
    """Record ``account``'s request that staff create a producer record from ``details`` (name, producer_kind,
    tax_code, registration_number, representative, address, applicant_role, note); return the claim."""
    _ensure_unlinked(account)
    details["tax_code"] = normalize_tax_code(details.get("tax_code", ""))
    with transaction.atomic():
        claim = ProducerClaim.objects.create(account=account, kind=ClaimKind.NEW, **details)
        record_claim(claim, "request", account.user)
    return claim


def _locked_pending(claim):
    locked = ProducerClaim.objects.select_for_update(of=("self",)).select_related("account__user").get(pk=claim.pk)
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


def approve(claim, staff_user, producer=None, confirm_shared=False):
    """Approve a pending claim: link its account to the claimed producer (or, for a request for a new record,
    to ``producer`` chosen by staff or to a record created from the request). When other accounts already act for
    that producer, staff must say they checked with them (``confirm_shared=True``). Returns the updated claim and
    e-mails the account holder. Raises ``ClaimRefused`` when already decided, the account is linked, or other
    accounts act for the producer without ``confirm_shared``."""
    with transaction.atomic():
        claim = _locked_pending(claim)
        account = ProducerAccount.objects.select_for_update().get(pk=claim.account_id)
        _ensure_unlinked(account)
        if claim.kind == ClaimKind.NEW:
            claim.producer = producer or _producer_from_request(claim)
        others = existing_links(claim.producer, exclude_account=account)
        if others and not confirm_shared:
            raise ClaimRefused(
                _(
                    "Cơ sở này đã có tài khoản đại diện (%(emails)s). Hãy liên hệ họ, rồi đánh dấu đã xác nhận "
                    "trước khi duyệt thêm tài khoản này."
                )
                % {"emails": ", ".join(other.user.email for other in others)}
            )
        now = timezone.now()
        account.producer_id, account.linked_at = claim.producer.pk, now
        account.save(update_fields=["producer", "linked_at"])
        claim.status, claim.decided_by, claim.decided_at = ClaimStatus.APPROVED, staff_user, now
        claim.save(update_fields=["producer", "status", "decided_by", "decided_at"])
        record_claim(claim, "approve", staff_user, existing_links=[other.user.email for other in others])
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
        record_claim(claim, "reject", staff_user)
    send("claim_rejected", claim.account.user.email, {"claim": claim, "link": absolute(reverse("producers:home"))})
    return claim


def revoke(account, staff_user, reason):
    """Unlink ``account`` from the producer it acts for, with ``reason`` (required): its approved claim of that
    producer (if the link came from one, not from an invitation) becomes "revoked" with who, when and why; the
    step is audited (on the claim, else on the account) and e-mailed to the account holder. Returns the producer
    it acted for. Raises ``ClaimRefused`` without a reason or when the account acts for no producer."""
    reason = (reason or "").strip()
    if not reason:
        raise ClaimRefused(_("Cần ghi lý do thu hồi."))
    with transaction.atomic():
        account = (
            ProducerAccount.objects.select_for_update(of=("self",))
            .select_related("user", "producer")
            .get(pk=account.pk)
        )
        producer = account.producer
        if producer is None:
            raise ClaimRefused(_("Tài khoản này không đại diện cho cơ sở nào."))
        account.producer, account.linked_at = None, None
        account.save(update_fields=["producer", "linked_at"])
        claim = account.claims.filter(producer=producer, status=ClaimStatus.APPROVED).order_by("-decided_at").first()
        if claim is not None:
            claim.status, claim.decided_by, claim.decided_at = ClaimStatus.REVOKED, staff_user, timezone.now()
            claim.decision_reason = reason
            claim.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
            record_claim(claim, "revoke", staff_user)
        else:  # linked by an invitation: the account carries the audit entry
            data = {"producer": producer.name, "account": account.user.email, "status": "revoked", "reason": reason}
            log(instance=account, action=CLAIM_LOG_ACTIONS["revoke"], user=staff_user, data=data)
    send(
        "claim_revoked",
        account.user.email,
        {"producer": producer, "reason": reason, "link": absolute(reverse("producers:home"))},
    )
    return producer
