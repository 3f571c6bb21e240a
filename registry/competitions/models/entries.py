"""Entries (hồ sơ tham gia): a catalogue product entered into a competition, with its dossier."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from core.text import clean_text
from registry.catalogue.choices import ProductGroup

from ..choices import DossierKind, EntryStatus
from ..eligibility import PRIOR_LEVEL_MESSAGE, has_prior_certificate
from ..lifecycle import FROZEN_STATES
from ..storage import PrivateStorage
from ..widgets import DossierFileInput


class EntryQuerySet(models.QuerySet):
    def scorable(self):
        return self.exclude(status__in=[EntryStatus.INELIGIBLE, EntryStatus.WITHDRAWN])

    def for_listing(self):
        return self.select_related("product", "producer", "competition", "certificate")


class Entry(ClusterableModel):
    """A product entered into a competition (automatic code, product and producer from the catalogue).
    Managed under Bình chọn → Entries; the council's decision and certificate are recorded on it."""

    competition = models.ForeignKey(
        "competitions.Competition", verbose_name=_("cuộc bình chọn"), on_delete=models.CASCADE, related_name="entries"
    )
    code = models.CharField(_("mã số"), max_length=30, blank=True, help_text=_("Tự sinh khi lưu."))
    number = models.PositiveIntegerField(_("số thứ tự"), default=0, editable=False)
    product = models.ForeignKey(
        "catalogue.ProductPage", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="entries"
    )
    producer = models.ForeignKey(
        "catalogue.Producer", verbose_name=_("cơ sở sản xuất"), on_delete=models.PROTECT, related_name="entries"
    )
    product_group = models.CharField(
        _("nhóm sản phẩm"),
        max_length=20,
        choices=ProductGroup.choices,
        blank=True,
        help_text=_("Để trống: lấy theo sản phẩm."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.REGISTERED
    )
    status_reason = models.TextField(_("lý do"), blank=True, help_text=_("Bắt buộc khi không hợp lệ hoặc rút hồ sơ."))
    description = models.TextField(_("thuyết minh sản phẩm"), blank=True)
    jury_title = models.CharField(
        _("tên sản phẩm khi chấm ẩn danh"),
        max_length=255,
        blank=True,
        help_text=_(
            "Giám khảo thấy tên này khi chấm ẩn danh; không ghi tên cơ sở hay nhãn hiệu. "
            "Để trống: nhóm sản phẩm và mã số."
        ),
    )
    recognized = models.BooleanField(_("được hội đồng công nhận"), default=False)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    certificate = models.OneToOneField(
        "catalogue.Certificate",
        verbose_name=_("giấy chứng nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entry",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "number"]
        verbose_name = _("hồ sơ tham gia")
        verbose_name_plural = _("hồ sơ tham gia")
        constraints = [
            models.UniqueConstraint(fields=["competition", "product"], name="entry_unique_product"),
            models.UniqueConstraint(fields=["competition", "number"], name="entry_unique_number"),
            models.CheckConstraint(
                condition=~models.Q(status="ineligible") | ~models.Q(status_reason=""), name="entry_ineligible_reason"
            ),
            models.CheckConstraint(
                condition=models.Q(certificate__isnull=True) | models.Q(recognized=True),
                name="entry_certificate_needs_recognition",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.product.title}" if self.product_id else self.code

    def save(self, *args, **kwargs):
        if self.product_id and not self.producer_id:
            self.producer_id = self.product.producer_id
        if self.product_id and not self.product_group:
            self.product_group = self.product.product_group
        if not self.number:
            with transaction.atomic():
                last = (
                    Entry.objects.filter(competition_id=self.competition_id).aggregate(m=models.Max("number"))["m"] or 0
                )
                self.number = last + 1
        if not self.code:
            comp = self.competition
            self.code = f"{comp.entry_code_prefix}-{comp.year}-{self.number:03d}"
        super().save(*args, **kwargs)

    def clean(self):
        self._check_frozen()
        if self.status in (EntryStatus.INELIGIBLE, EntryStatus.WITHDRAWN) and not self.status_reason.strip():
            raise ValidationError({"status_reason": _("Cần ghi lý do.")})
        if self.product_id and self.competition_id and not has_prior_certificate(self.competition, self.product):
            raise ValidationError({"product": PRIOR_LEVEL_MESSAGE})

    def _check_frozen(self):
        """An entry never moves to another competition (its code and number belong to it). Once its competition
        is published or archived, or a certificate is issued for it, none of its fields changes (corrections go
        through the audited amendment). ValidationError with the reason."""
        if not self.pk:
            return
        names = [f.attname for f in Entry._meta.concrete_fields if f.editable and f.name != "id"]
        stored = Entry.objects.filter(pk=self.pk).values("competition__status", *names).first()
        if stored is None:
            return
        if stored["competition_id"] != self.competition_id:
            raise ValidationError(
                {"competition": _("Không chuyển được hồ sơ sang cuộc bình chọn khác; hãy tạo hồ sơ mới.")}
            )
        changed = [name for name in names if stored[name] != getattr(self, name)]
        if changed and (stored["competition__status"] in FROZEN_STATES or stored["certificate_id"]):
            raise ValidationError(
                _(
                    "Kết quả đã công bố hoặc hồ sơ đã được cấp giấy chứng nhận: không sửa được hồ sơ; kết quả chỉ "
                    "thay đổi qua “Sửa đổi kết quả đã công bố”."
                )
            )


# what a dossier holds: documents, spreadsheets and photos (anything else, e.g. HTML or SVG, is refused)
DOSSIER_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "jpg", "jpeg", "png", "webp"]


def dossier_upload_to(instance, filename):
    """Where a dossier file is stored: ``dossiers/<entry id>/<random>.<ext>``; the original name (which often names
    the producer) is kept only in the database."""
    return f"dossiers/{instance.entry_id or 0}/{uuid.uuid4().hex}{_extension(filename)}"


def _extension(filename):
    suffix = PurePath(filename or "").suffix.lower()
    return suffix if len(suffix) <= 6 and suffix[1:].isalnum() else ""


class EntryDocument(models.Model):
    """A file of an entry's dossier (application, test report, photos…), uploaded by managers on the entry form.

    Private: stored in ``PrivateStorage`` (``PRIVATE_MEDIA_ROOT``, never under MEDIA_URL) and served only by the
    judges' portal view ``jury-dossier`` to managers and to jurors who may score the entry, under the neutral name
    ``<entry code>-<kind>-<n>.<ext>`` (``SP-2026-010-ho-so-1.pdf``)."""

    entry = ParentalKey(Entry, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("loại tài liệu"), max_length=30, choices=DossierKind.choices, default=DossierKind.APPLICATION
    )
    file = models.FileField(
        _("tệp"),
        storage=PrivateStorage(),
        upload_to=dossier_upload_to,
        max_length=255,
        validators=[FileExtensionValidator(DOSSIER_EXTENSIONS)],
        help_text=_("PDF, ảnh hoặc văn bản. Giám khảo chỉ thấy tên trung lập, ví dụ SP-2026-010-ho-so-1.pdf."),
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    number = models.PositiveSmallIntegerField(_("số thứ tự trong loại"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    # the stored file shows as its neutral name linked to the permission-checked download (no public URL)
    panels = [FieldPanel("kind"), FieldPanel("file", widget=DossierFileInput)]

    class Meta:
        ordering = ["entry", "kind", "number"]
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")

    def __str__(self):
        return self.neutral_name

    def save(self, *args, **kwargs):
        """Keep the uploaded file's original name in the database and number the file within its kind."""
        upload = getattr(self.file, "file", None)
        if upload is not None and not self.file._committed:
            self.original_name = clean_text(PurePath(getattr(upload, "name", "") or self.file.name).name)[:255]
        if not self.number:
            last = EntryDocument.objects.filter(entry_id=self.entry_id, kind=self.kind).aggregate(
                m=models.Max("number")
            )["m"]
            self.number = (last or 0) + 1
        super().save(*args, **kwargs)

    def clean(self):
        """No dossier file is added or replaced once the entry's competition is published or archived."""
        if self.entry_id and self.entry.competition.status in FROZEN_STATES:
            stored = EntryDocument.objects.filter(pk=self.pk).values("kind", "file").first() if self.pk else None
            if stored is None or stored != {"kind": self.kind, "file": self.file.name}:
                raise ValidationError(_("Kết quả đã công bố: không thêm hay thay được tài liệu hồ sơ."))

    @property
    def neutral_name(self):
        """The name jurors see and download: ``<entry code>-<kind>-<n><ext>``, e.g. ``SP-2026-010-ho-so-1.pdf``."""
        return f"{self.entry.code}-{self.kind}-{self.number}{_extension(self.file.name)}"
