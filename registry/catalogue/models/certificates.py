"""Certificates of recognition (giấy chứng nhận), verifiable by anyone at ``/xac-minh/<code>/``."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ..choices import CertificateSource, CertificateStatus, Level, Region
from ..public_fields import CERTIFICATE_FIELDS, wagtail_api_fields
from ..qr import fill_stored_qr


def new_verification_code():
    """An unguessable, URL-safe code: 24 random bytes = 192 bits."""
    return secrets.token_urlsafe(24)


REVOKED = Q(revoked_at__isnull=False)
"""The condition of a revoked certificate (thu hồi): it has a revocation date."""


def expired(today):
    """The condition of a certificate whose validity ended before ``today`` (no end date: never expires)."""
    return Q(valid_until__lt=today)


def certificate_status(revoked_at, valid_until, today):
    """The status of a certificate on ``today``: revoked when it has a revocation date, else expired when its
    validity ended before ``today``, else valid.

    The one rule in Python, for a loaded certificate; ``status_expression`` is the same rule in SQL, built from
    the same conditions (``REVOKED``, ``expired``) in the same order, and a test checks that they agree."""
    if revoked_at is not None:
        return CertificateStatus.REVOKED
    if valid_until is not None and valid_until < today:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


def status_expression(today):
    """``certificate_status`` as a database expression (a ``CASE``) over the certificate's own columns."""
    return Case(
        When(REVOKED, then=Value(CertificateStatus.REVOKED)),
        When(expired(today), then=Value(CertificateStatus.EXPIRED)),
        default=Value(CertificateStatus.VALID),
        output_field=models.CharField(),
    )


class CertificateQuerySet(models.QuerySet):
    """Certificates, with the registry's two rules: status (valid / expired / revoked) and recognition."""

    def with_status(self, today=None):
        """Annotate ``current_status`` (valid / expired / revoked on ``today``) computed in the database."""
        return self.annotate(current_status=status_expression(today or timezone.localdate()))

    def valid(self, today=None):
        """Certificates valid on ``today``, neither revoked nor expired (what "còn hiệu lực" means)."""
        return self.filter(~REVOKED, ~expired(today or timezone.localdate()))

    def recognised(self):
        """Certificates that make their product a **recognized product** (sản phẩm được công nhận): every
        certificate that is not revoked, expired ones included.

        Why: recognition is a decision of the issuing People's Committee at a level in a year (Circular
        26/2014/TT-BCT, amended by 38/2025/TT-BCT). It stays a fact of the product's history when the
        certificate's validity ends (the catalogue's "level" and "year" facets are that history); only
        revocation (thu hồi) annuls it. Whether a certificate is still valid is shown beside it, as its status
        (còn hiệu lực / hết hiệu lực), never by hiding the product. Every count and filter of recognized products
        (home page key figures, catalogue facets and filters, product cards, search index) uses this method,
        through ``ProductPage.objects.recognised()`` for products."""
        return self.filter(~REVOKED)

    def publicly_visible(self):
        """Certificates whose product page anyone may see: live and public (not under a private, password or
        group view restriction, on the page or an ancestor). The one privacy rule of every certificate output
        (API ``/api/v2/certificates/``, open-data CSV/JSON); ``/xac-minh/<code>/`` shows only the verdict of the
        others (``Certificate.product_is_public``). Privacy follows the page: a product hidden by its editors must
        not be named by a certificate list."""
        return self.filter(product_id__in=Page.objects.live().public().values("pk"))

    def refresh_stored_qr(self, batch_size=500):
        """Redraw the stored QR code (``qr_code_svg``/``qr_code_url``) of each certificate of this queryset whose
        stored address is not its verification address on the current ``SITE_URL`` (``qr.fill_stored_qr``), e.g.
        certificates issued under the development address before deployment. Returns ``(redrawn, total)``.
        Idempotent: a second run redraws nothing. Written with ``bulk_update`` in batches of ``batch_size``,
        without signals: pages drew the right code before (encoded per process) and draw the same one after, so no
        page-cache generation starts."""
        fields = ("pk", "verification_code", "qr_code_url", "qr_code_svg")
        redrawn, total, changed = 0, 0, []
        for certificate in self.only(*fields).order_by("pk").iterator(chunk_size=batch_size):
            total += 1
            if fill_stored_qr(certificate):
                changed.append(certificate)
            if len(changed) >= batch_size:
                redrawn += self.model.objects.bulk_update(changed, ["qr_code_url", "qr_code_svg"])
                changed = []
        if changed:
            redrawn += self.model.objects.bulk_update(changed, ["qr_code_url", "qr_code_svg"])
        return redrawn, total


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
    # The QR code of the verification page, drawn once when the certificate is saved (registry/catalogue/qr.py).
    qr_code_url = models.CharField(
        _("địa chỉ trong mã QR"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_("Trang xác minh mã QR trỏ tới."),
    )
    qr_code_svg = models.TextField(_("mã QR (SVG)"), blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    api_fields = wagtail_api_fields(CERTIFICATE_FIELDS)

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

    def save(self, *args, **kwargs):
        """Save, storing the QR code of the verification address first when it is missing or encodes another
        address (``qr.fill_stored_qr``: the address is fixed at creation, so this encodes once per certificate)."""
        if fill_stored_qr(self) and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "qr_code_url", "qr_code_svg"}
        super().save(*args, **kwargs)

    def clean(self):
        if self.revoked_at and not self.revoked_reason.strip():
            raise ValidationError({"revoked_reason": _("Cần ghi lý do thu hồi.")})
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})

    def status_on(self, today=None):
        """This certificate's status (valid / expired / revoked) on ``today`` (default: the local date)."""
        return certificate_status(self.revoked_at, self.valid_until, today or timezone.localdate())

    @property
    def status(self):
        """Today's status; the value of the ``current_status`` annotation when the queryset computed it."""
        annotated = getattr(self, "current_status", None)
        return annotated if annotated is not None else self.status_on()

    def get_status_display(self):
        return CertificateStatus(self.status).label

    @property
    def product_is_public(self):
        """Whether this certificate's product page is live and public (the rule of ``publicly_visible``)."""
        return Certificate.objects.publicly_visible().filter(pk=self.pk).exists()

    def get_verification_path(self):
        return reverse("catalogue:verify", kwargs={"code": self.verification_code})

    def revoke(self, reason, on=None):
        self.revoked_at = on or timezone.localdate()
        self.revoked_reason = reason
        self.__dict__.pop("current_status", None)  # an annotation loaded before the revocation is stale
        self.full_clean()
        self.save(update_fields=["revoked_at", "revoked_reason"])
