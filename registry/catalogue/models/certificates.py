"""Certificates of recognition (giấy chứng nhận), verifiable by anyone at ``/xac-minh/<code>/``."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.serializers import StringRelatedField
from wagtail.api import APIField

from ..choices import CertificateSource, CertificateStatus, Level, Region


def new_verification_code():
    """An unguessable, URL-safe code: 24 random bytes = 192 bits."""
    return secrets.token_urlsafe(24)


class CertificateQuerySet(models.QuerySet):
    def with_status(self, today=None):
        """Annotate ``current_status`` (valid / expired / revoked) computed in the database."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                When(revoked_at__isnull=False, then=Value(CertificateStatus.REVOKED)),
                When(valid_until__lt=today, then=Value(CertificateStatus.EXPIRED)),
                default=Value(CertificateStatus.VALID),
                output_field=models.CharField(),
            )
        )

    def valid(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(revoked_at__isnull=True),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        )


class Certificate(models.Model):
    """A product's recognition at a level in a year, issued by a competition or imported from an old register.
    Managed under Registry → Certificates; revoked, never deleted."""

    product = models.ForeignKey(
        "catalogue.ProductPage", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="certificates"
    )
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    region = models.CharField(
        _("khu vực"), max_length=20, choices=Region.choices, blank=True, help_text=_("Chỉ với cấp khu vực.")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    score = models.DecimalField(
        _("điểm"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("Điểm bình chọn (0–100).")
    )
    serial = models.CharField(_("số hiệu"), max_length=40, unique=True, help_text=_("Số in trên giấy chứng nhận."))
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan cấp"), max_length=200, help_text=_("Ví dụ: UBND tỉnh Gia Lai."))
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_until = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Để trống nếu không thời hạn.")
    )
    revoked_at = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    verification_code = models.CharField(
        _("mã xác minh"), max_length=64, unique=True, default=new_verification_code, editable=False
    )
    source = models.CharField(
        _("nguồn"), max_length=20, choices=CertificateSource.choices, default=CertificateSource.IMPORTED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    api_fields = [
        APIField(name)
        for name in (
            "serial",
            "level",
            "region",
            "year",
            "score",
            "decision_number",
            "decision_date",
            "issuer",
            "valid_from",
            "valid_until",
            "status",
            "revoked_at",
            "revoked_reason",
        )
    ] + [APIField("product", serializer=StringRelatedField())]

    class Meta:
        ordering = ["-year", "serial"]
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)), name="certificate_score_0_100"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="certificate_valid_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""), name="certificate_revocation_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["level", "year"])]

    def __str__(self):
        return f"{self.serial} – {self.product.title}"

    def clean(self):
        if self.revoked_at and not self.revoked_reason.strip():
            raise ValidationError({"revoked_reason": _("Cần ghi lý do thu hồi.")})
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})

    def status_on(self, today=None):
        today = today or timezone.localdate()
        if self.revoked_at:
            return CertificateStatus.REVOKED
        if self.valid_until and self.valid_until < today:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def status(self):
        return self.status_on()

    def get_status_display(self):
        return CertificateStatus(self.status).label

    def get_verification_path(self):
        return reverse("catalogue:verify", kwargs={"code": self.verification_code})

    def revoke(self, reason, on=None):
        self.revoked_at = on or timezone.localdate()
        self.revoked_reason = reason
        self.full_clean()
        self.save(update_fields=["revoked_at", "revoked_reason"])
