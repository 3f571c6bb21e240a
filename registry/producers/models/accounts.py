"""Producer accounts (tài khoản cơ sở sản xuất), their claims of producer records and staff invitations.

A producer account is a Django user (``username`` = the e-mail address, lower-cased; no staff flag, no group, no
permission: the Wagtail admin stays closed to it) with a ``ProducerAccount`` row: phone, when the e-mail address
was verified, and the catalogue ``Producer`` it acts for once staff linked it (an approved claim or an accepted
invitation). Everything the portal shows is filtered by that producer (``registry/producers/access.py``).
"""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import ProducerKind

from ..choices import ClaimKind, ClaimStatus


def normalize_tax_code(value):
    """A tax code or business registration number as compared by the portal: spaces, dots and underscores
    removed, upper-cased (``"5900 123.456-001"`` → ``"5900123456-001"``). Empty for ``None``."""
    return re.sub(r"[\s._]", "", value or "").upper()


def token_digest(token):
    """The SHA-256 hex digest stored for an invitation token (the token itself is only in the e-mail)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ProducerAccount(models.Model):
    """The producer side of a user account: created by the sign-up form of ``/co-so-san-xuat/dang-ky/`` (or by
    accepting an invitation), linked to its producer by staff approving a claim. Read-only for staff under
    Cơ sở sản xuất → Tài khoản; the account holder edits nothing here but through the portal."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="producer_account",
    )
    phone = models.CharField(_("điện thoại"), max_length=20, help_text=_("Số điện thoại liên hệ, ví dụ 0905123456."))
    producer = models.ForeignKey(
        "catalogue.Producer",
        verbose_name=_("cơ sở sản xuất"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
        help_text=_("Cơ sở mà tài khoản đại diện; gắn khi cán bộ duyệt yêu cầu nhận cơ sở hoặc khi nhận lời mời."),
    )
    email_verified_at = models.DateTimeField(_("xác nhận thư điện tử lúc"), null=True, blank=True)
    linked_at = models.DateTimeField(_("gắn với cơ sở lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tài khoản cơ sở sản xuất")
        verbose_name_plural = _("tài khoản cơ sở sản xuất")

    def __str__(self):
        return self.user.email or self.user.get_username()

    @property
    def is_verified(self):
        """Whether the holder opened the verification link (or came through an invitation e-mail)."""
        return self.email_verified_at is not None


class ProducerClaimQuerySet(models.QuerySet):
    """Claims, newest first, with what the staff queue shows."""

    def pending(self):
        """Claims waiting for a staff decision."""
        return self.filter(status=ClaimStatus.PENDING)

    def for_queue(self):
        """Claims with their account, user, producer and decider loaded, and ``existing_links``: how many other
        accounts already act for the claimed producer (the queue's fixed number of queries)."""
        others = models.Count("producer__accounts", filter=~Q(producer__accounts__pk=models.F("account_id")))
        return self.select_related("account__user", "producer", "decided_by").annotate(existing_links=others)


class ProducerClaim(models.Model):
    """A producer account's request to act for a producer: either an existing catalogue record (``kind=claim``,
    staff check the tax code or business registration number before approving) or a new one to be created from
    the details given (``kind=new``). Decided by registry staff under Cơ sở sản xuất → Yêu cầu nhận cơ sở; the
    decision, who made it and why are kept on the row."""

    account = models.ForeignKey(
        ProducerAccount, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="claims"
    )
    kind = models.CharField(_("loại yêu cầu"), max_length=10, choices=ClaimKind.choices, default=ClaimKind.CLAIM)
    producer = models.ForeignKey(
        "catalogue.Producer",
        verbose_name=_("cơ sở sản xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text=_("Cơ sở được nhận; với đề nghị tạo mới: cơ sở tạo ra khi duyệt."),
    )
    tax_code = models.CharField(
        _("mã số thuế"), max_length=20, blank=True, help_text=_("Mã số doanh nghiệp/hợp tác xã/hộ kinh doanh.")
    )
    registration_number = models.CharField(
        _("số giấy chứng nhận đăng ký kinh doanh"),
        max_length=40,
        blank=True,
        help_text=_("Với hộ kinh doanh chưa có mã số thuế: số giấy chứng nhận đăng ký hộ kinh doanh."),
    )
    applicant_role = models.CharField(
        _("chức vụ người đề nghị"), max_length=120, help_text=_("Ví dụ: Giám đốc, Chủ nhiệm hợp tác xã, Chủ hộ.")
    )
    name = models.CharField(_("tên cơ sở"), max_length=255, blank=True, help_text=_("Chỉ với đề nghị tạo mới."))
    producer_kind = models.CharField(_("loại hình"), max_length=20, choices=ProducerKind.choices, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decision_reason = models.TextField(_("lý do"), blank=True, help_text=_("Bắt buộc khi từ chối hoặc thu hồi."))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    objects = ProducerClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("yêu cầu nhận cơ sở")
        verbose_name_plural = _("yêu cầu nhận cơ sở")
        permissions = [("review_producerclaim", _("Duyệt yêu cầu nhận cơ sở và mời cơ sở sản xuất"))]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "producer"],
                condition=Q(status="pending", kind="claim"),
                name="producerclaim_one_pending_per_producer",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""), name="producerclaim_rejection_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | ~Q(decision_reason=""), name="producerclaim_revocation_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(kind="claim") | Q(producer__isnull=False), name="producerclaim_claim_names_producer"
            ),
            models.CheckConstraint(condition=~Q(kind="new") | ~Q(name=""), name="producerclaim_new_has_name"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.shown_name}"

    @property
    def shown_name(self):
        """The producer's name: the catalogue record's, or the one proposed in a request for a new record."""
        return self.producer.name if self.producer_id else self.name

    @property
    def tax_code_matches(self):
        """Whether the tax code typed by the applicant equals the claimed record's (``None`` when either is
        empty: staff then check the registration number on paper)."""
        if not self.producer_id or not self.tax_code or not self.producer.tax_code:
            return None
        return normalize_tax_code(self.tax_code) == normalize_tax_code(self.producer.tax_code)


class ProducerInvitationQuerySet(models.QuerySet):
    """Invitations with the rule of which ones can still be accepted."""

    def usable(self, now=None):
        """Invitations not yet accepted and not expired at ``now``."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())


class ProducerInvitation(models.Model):
    """Staff inviting a producer by e-mail (Cơ sở sản xuất → Mời cơ sở): the e-mail carries a single-use link,
    valid ``PRODUCER_INVITATION_DAYS`` days, that creates (or links) a producer account already verified and
    already acting for the producer. Only the token's SHA-256 digest is stored."""

    producer = models.ForeignKey(
        "catalogue.Producer", verbose_name=_("cơ sở sản xuất"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("thư điện tử"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mời"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("mời lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    accepted_at = models.DateTimeField(_("nhận lời lúc"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        ProducerAccount,
        verbose_name=_("tài khoản nhận lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )

    objects = ProducerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lời mời cơ sở sản xuất")
        verbose_name_plural = _("lời mời cơ sở sản xuất")

    def __str__(self):
        return f"{self.email} → {self.producer}"
