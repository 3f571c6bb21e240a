"""Online applications (hồ sơ đăng ký trực tuyến) of producers to open competitions: the registration form of
Circular 26/2014/TT-BCT as amended, its dossier files (private) and its history.

The rules (eligibility, deadline, one application per product and competition, what a submission needs) live in
``registry/producers/services/applications.py``; the database holds the last one too (a unique constraint).
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import ProductGroup
from registry.competitions.models.entries import DOSSIER_EXTENSIONS
from registry.competitions.storage import PrivateStorage

from ..choices import ApplicationAction, ApplicationStatus, DocumentKind


class ApplicationQuerySet(models.QuerySet):
    """Applications with what the dashboard and the forms show."""

    def for_listing(self):
        """With competition, producer and product loaded (a fixed number of queries per list)."""
        return self.select_related("competition", "producer", "product")

    def active(self):
        """Applications that hold their product's place in the competition (every state but rejected)."""
        return self.exclude(status=ApplicationStatus.REJECTED)

    def for_review(self):
        """What the center's queue shows per row in a fixed number of queries: competition, producer, product,
        the current (not removed) files as ``current_documents`` and the submitted versions' count."""
        return (
            self.select_related("competition", "producer", "product", "entry")
            .prefetch_related(
                models.Prefetch(
                    "documents", queryset=ApplicationDocument.objects.current(), to_attr="current_documents"
                )
            )
            .annotate(version_count=models.Count("versions", distinct=True))
        )


class ApplicationDocumentQuerySet(models.QuerySet):
    """Dossier files: the current ones, or every one a submitted version holds."""

    def current(self):
        """Files of the application as it stands (not removed by the producer after a submission)."""
        return self.filter(removed_at__isnull=True)


class Application(models.Model):
    """A producer's registration of one product for one competition, made and submitted in the portal
    (``/co-so-san-xuat/ho-so-dang-ky/…``); reviewed by the center's staff. The form's fields follow the
    registration form of Circular 26/2014/TT-BCT (amended by 14/2018 and 38/2025/TT-BCT)."""

    competition = models.ForeignKey(
        "competitions.Competition",
        verbose_name=_("cuộc bình chọn"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    producer = models.ForeignKey(
        "catalogue.Producer", verbose_name=_("cơ sở sản xuất"), on_delete=models.PROTECT, related_name="applications"
    )
    product = models.ForeignKey(
        "catalogue.ProductPage",
        verbose_name=_("sản phẩm trong danh mục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("Để trống khi đăng ký một sản phẩm chưa có trong danh mục."),
    )
    created_by = models.ForeignKey(
        "producers.ProducerAccount",
        verbose_name=_("người lập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    number = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True, editable=False)
    code = models.CharField(_("mã hồ sơ"), max_length=30, blank=True, editable=False, help_text=_("Cấp khi nộp."))
    product_name = models.CharField(_("tên sản phẩm"), max_length=255)
    product_group = models.CharField(_("nhóm sản phẩm"), max_length=20, choices=ProductGroup.choices)
    description = models.TextField(
        _("mô tả sản phẩm"), blank=True, help_text=_("Đặc điểm, công dụng, quy cách, mẫu mã, bao bì.")
    )
    materials = models.TextField(
        _("nguyên liệu, vật liệu"), blank=True, help_text=_("Nguồn gốc, tỷ lệ nguyên liệu địa phương.")
    )
    capacity = models.CharField(
        _("năng lực sản xuất"), max_length=255, blank=True, help_text=_("Ví dụ: 12 tấn/năm; 3.000 sản phẩm/tháng.")
    )
    market = models.TextField(_("thị trường tiêu thụ"), blank=True, help_text=_("Trong tỉnh, ngoài tỉnh, xuất khẩu."))
    quality_documents = models.TextField(
        _("tiêu chuẩn, chứng nhận chất lượng"),
        blank=True,
        help_text=_("Tiêu chuẩn công bố, phiếu kiểm nghiệm, chứng nhận (số, ngày, nơi cấp)."),
    )
    food_safety = models.TextField(
        _("an toàn thực phẩm"),
        blank=True,
        help_text=_("Với sản phẩm thực phẩm: giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (số, ngày)."),
    )
    ip_statement = models.TextField(
        _("sở hữu trí tuệ"),
        blank=True,
        help_text=_("Nhãn hiệu, kiểu dáng đã đăng ký (nếu có); sản phẩm không có tranh chấp về sở hữu trí tuệ."),
    )
    commitment = models.BooleanField(
        _("cam kết"),
        default=False,
        help_text=_(
            "Cơ sở cam kết sản phẩm do mình sản xuất, sản xuất được hàng loạt, không tranh chấp sở hữu trí tuệ và "
            "tuân thủ quy định về chất lượng, an toàn thực phẩm, an toàn lao động, môi trường."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    entry = models.OneToOneField(
        "competitions.Entry",
        verbose_name=_("hồ sơ tham gia bình chọn"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="application",
        help_text=_("Hồ sơ tham gia cuộc bình chọn tạo ra khi trung tâm tiếp nhận; mỗi hồ sơ đăng ký tạo một lần."),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hồ sơ đăng ký trực tuyến")
        verbose_name_plural = _("hồ sơ đăng ký trực tuyến")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "product"],
                condition=Q(product__isnull=False) & ~Q(status="rejected"),
                name="application_one_per_product",
            ),
            models.UniqueConstraint(
                fields=["competition", "number"], condition=Q(number__isnull=False), name="application_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="application_submitted_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(entry__isnull=False), name="application_accepted_has_entry"
            ),
        ]

    def __str__(self):
        return f"{self.code or _('Bản nháp')} – {self.product_name}"

    @property
    def is_editable(self):
        """Whether the producer may still change the form and files (a draft, or asked for more information)."""
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO)


def application_upload_to(instance, filename):
    """``applications/<application id>/<random>.<ext>``: the uploaded name is kept only in the database."""
    suffix = PurePath(filename or "").suffix.lower()
    return f"applications/{instance.application_id or 0}/{uuid.uuid4().hex}{suffix if suffix[1:].isalnum() else ''}"


class ApplicationDocument(models.Model):
    """A dossier file of an application, in private storage (``PRIVATE_MEDIA_ROOT``, no URL); read only through
    the permission-checked view ``producers:document`` (the producer's own accounts; staff later). Checked on
    upload by ``services/uploads.py`` (extension, size, content matching the extension)."""

    application = models.ForeignKey(
        Application, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(
        _("tệp"),
        storage=PrivateStorage(),
        upload_to=application_upload_to,
        max_length=255,
        validators=[FileExtensionValidator(DOSSIER_EXTENSIONS)],
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    removed_at = models.DateTimeField(
        _("bỏ khỏi hồ sơ lúc"),
        null=True,
        blank=True,
        help_text=_("Tệp đã nằm trong một lần nộp được giữ lại (cán bộ vẫn xem được) khi cơ sở bỏ nó khỏi hồ sơ."),
    )

    objects = ApplicationDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["application", "kind", "uploaded_at"]
        verbose_name = _("tệp hồ sơ đăng ký")
        verbose_name_plural = _("tệp hồ sơ đăng ký")

    def __str__(self):
        return self.original_name or self.file.name


class ApplicationEvent(models.Model):
    """One step in an application's history (who, when, what, a note): every transition and change is written
    here by the services and shown to the producer and staff."""

    application = models.ForeignKey(
        Application, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("hành động"), max_length=20, choices=ApplicationAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["application", "at", "id"]
        verbose_name = _("nhật ký hồ sơ đăng ký")
        verbose_name_plural = _("nhật ký hồ sơ đăng ký")

    def __str__(self):
        return f"{self.get_action_display()} – {self.at:%d/%m/%Y %H:%M}"
