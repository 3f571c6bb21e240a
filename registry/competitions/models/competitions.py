"""A selection competition of typical rural industrial products (bình chọn sản phẩm CNNT tiêu biểu)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.slugs import NameSlugMixin
from registry.catalogue.choices import Level, Region

from ..choices import Aggregation, AssignmentMode, CompetitionStatus, PeerVisibility
from ..lifecycle import BACK, FORWARD, FROZEN_STATES, allowed

# Settings that change computed results: frozen once the results are published (amend instead).
RESULT_FIELDS = ("rubric_id", "pass_mark", "aggregation", "tie_break", "prize_bands", "quorum")
# What an issued certificate prints or derives from the competition: frozen once a certificate exists.
CERTIFICATE_FIELDS = (
    "name", "slug", "level", "region", "year", "issuer", "signer_position", "signer_name", "council_name",
    "certificate_valid_months", "serial_prefix", "entry_code_prefix",
)  # fmt: skip


class CompetitionQuerySet(models.QuerySet):
    def open_for_entries(self, today=None):
        """Competitions accepting entries today (status open and today inside the entry window)."""
        today = today or timezone.localdate()
        return self.filter(
            status=CompetitionStatus.ENTRIES_OPEN, entries_open_from__lte=today, entries_open_until__gte=today
        )

    def public(self):
        return self.exclude(status=CompetitionStatus.DRAFT)

    def published(self):
        """Competitions whose results are public (published, or published then archived)."""
        return self.filter(status__in=[CompetitionStatus.PUBLISHED, CompetitionStatus.ARCHIVED])


def validate_prize_bands(value):
    """Prize bands: a list of {"label": "Giải A", "min": 90}, highest first."""
    if not isinstance(value, list):
        raise ValidationError(_("Giải thưởng phải là một danh sách."))
    for band in value:
        if not isinstance(band, dict) or "label" not in band or "min" not in band:
            raise ValidationError(_("Mỗi giải cần có “label” và “min”."))
        try:
            Decimal(str(band["min"]))
        except Exception as exc:
            raise ValidationError(_("Điểm tối thiểu của giải không hợp lệ.")) from exc


def validate_code_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_('Quy tắc phân định phải là danh sách ký hiệu tiêu chí, ví dụ ["1", "2"].'))


class Competition(NameSlugMixin, models.Model):
    """One competition at a level and year, managed by center staff under Bình chọn in the admin."""

    name = models.CharField(_("tên cuộc bình chọn"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, help_text=_("Dùng trong /binh-chon/…/."))
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices, default=Level.PROVINCIAL)
    region = models.CharField(_("khu vực"), max_length=20, choices=Region.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CompetitionStatus.choices, default=CompetitionStatus.DRAFT
    )
    entries_open_from = models.DateField(_("nhận hồ sơ từ"), null=True, blank=True)
    entries_open_until = models.DateField(_("hạn nộp hồ sơ"), null=True, blank=True)
    scoring_deadline = models.DateField(_("hạn chấm điểm"), null=True, blank=True)

    rubric = models.ForeignKey(
        "competitions.Rubric",
        verbose_name=_("phiếu chấm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competitions",
    )
    pass_mark = models.DecimalField(_("điểm đạt"), max_digits=5, decimal_places=2, default=Decimal("70"))
    aggregation = models.CharField(
        _("cách tổng hợp điểm"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    tie_break = models.JSONField(
        _("quy tắc phân định khi bằng điểm"),
        default=list,
        blank=True,
        validators=[validate_code_list],
        help_text=_('Ký hiệu tiêu chí theo thứ tự ưu tiên, ví dụ ["1", "2"]. Khai báo trước khi chấm.'),
    )
    prize_bands = models.JSONField(
        _("giải thưởng"),
        default=list,
        blank=True,
        validators=[validate_prize_bands],
        help_text=_('Tùy chọn, ví dụ [{"label": "Giải A", "min": 90}, {"label": "Giải B", "min": 80}].'),
    )
    blind = models.BooleanField(
        _("ẩn danh cơ sở sản xuất"), default=True, help_text=_("Giám khảo không thấy tên cơ sở sản xuất.")
    )
    peer_visibility = models.CharField(
        _("giám khảo xem điểm của nhau"),
        max_length=20,
        choices=PeerVisibility.choices,
        default=PeerVisibility.AFTER_SUBMISSION,
    )
    assignment_mode = models.CharField(
        _("phân công chấm"), max_length=20, choices=AssignmentMode.choices, default=AssignmentMode.ALL
    )
    jurors_per_entry = models.PositiveSmallIntegerField(_("số giám khảo mỗi hồ sơ"), default=3)
    disagreement_threshold = models.DecimalField(
        _("ngưỡng chênh lệch điểm"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20"),
        help_text=_("Cảnh báo khi điểm cao nhất và thấp nhất của một hồ sơ chênh hơn ngưỡng này."),
    )
    outlier_threshold = models.DecimalField(
        _("ngưỡng lệch khỏi trung bình"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
        help_text=_("Cảnh báo khi một giám khảo lệch khỏi điểm trung bình của hội đồng hơn ngưỡng này."),
    )
    quorum = models.PositiveSmallIntegerField(
        _("số phiếu tối thiểu"),
        null=True,
        blank=True,
        help_text=_(
            "Số phiếu đã nộp tối thiểu để một hồ sơ được xét công nhận. Để trống: mọi giám khảo được phân công "
            "và không có xung đột lợi ích phải nộp phiếu."
        ),
    )
    council_name = models.CharField(_("tên hội đồng"), max_length=255, blank=True)
    issuer = models.CharField(_("cơ quan cấp giấy chứng nhận"), max_length=200, default="UBND tỉnh Gia Lai")
    signer_position = models.CharField(
        _("chức vụ người ký giấy chứng nhận"),
        max_length=200,
        blank=True,
        help_text=_("In trên giấy chứng nhận, ví dụ: KT. CHỦ TỊCH | PHÓ CHỦ TỊCH (dấu | để xuống dòng)."),
    )
    signer_name = models.CharField(
        _("họ và tên người ký giấy chứng nhận"), max_length=200, blank=True, help_text=_("Ví dụ: Nguyễn Văn An.")
    )
    meeting_at = models.DateTimeField(
        _("thời gian họp hội đồng"), null=True, blank=True, help_text=_("Ghi trong biên bản tổng hợp kết quả.")
    )
    meeting_place = models.CharField(
        _("địa điểm họp hội đồng"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Hội trường Sở Công Thương, số 2 Hoàng Văn Thụ, Pleiku."),
    )
    secretary_name = models.CharField(
        _("thư ký hội đồng"), max_length=200, blank=True, help_text=_("Họ và tên; ký biên bản cùng chủ tịch hội đồng.")
    )
    certificate_valid_months = models.PositiveSmallIntegerField(_("thời hạn giấy chứng nhận (tháng)"), default=36)
    serial_prefix = models.CharField(
        _("tiền tố số hiệu"), max_length=20, default="GL", help_text=_("Số hiệu: <tiền tố>-<năm>-<số thứ tự>.")
    )
    entry_code_prefix = models.CharField(_("tiền tố mã số hồ sơ"), max_length=10, default="SP")
    results_published_at = models.DateTimeField(_("công bố kết quả lúc"), null=True, blank=True, editable=False)

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("cuộc bình chọn")
        verbose_name_plural = _("cuộc bình chọn")
        permissions = [("manage_competitions", _("Quản lý bình chọn, kết quả và giấy chứng nhận"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=0) & models.Q(pass_mark__lte=1000), name="competition_pass_mark_range"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self._check_frozen()
        if self.pk:
            old = Competition.objects.filter(pk=self.pk).values_list("rubric_id", flat=True).first()
            if old != self.rubric_id and self.has_scores():
                raise ValidationError({"rubric": _("Đã có điểm chấm, không thể đổi phiếu chấm.")})
        if self.entries_open_from and self.entries_open_until and self.entries_open_until < self.entries_open_from:
            raise ValidationError({"entries_open_until": _("Hạn nộp phải sau ngày bắt đầu nhận hồ sơ.")})
        if self.level == Level.REGIONAL and not self.region:
            raise ValidationError({"region": _("Cuộc bình chọn cấp khu vực cần chọn khu vực.")})

    @classmethod
    def _stored_fields(cls):
        """The attribute names of every editable stored field except the status (moved by the lifecycle only)."""
        return [f.attname for f in cls._meta.concrete_fields if f.editable and f.name not in ("id", "status")]

    def _check_frozen(self):
        """Published or archived: no field changes (results, certificates, the public page and the documents
        depend on them; corrections go through the audited amendment). Once a certificate is issued, what it
        prints (``CERTIFICATE_FIELDS``) and the result settings are frozen too. ValidationError with the reason."""
        if not self.pk:
            return
        names = self._stored_fields()
        stored = Competition.objects.filter(pk=self.pk).values("status", *names).first()
        if stored is None:
            return
        changed = {name for name in names if stored[name] != getattr(self, name)}
        if changed and stored["status"] in FROZEN_STATES:
            raise ValidationError(
                _(
                    "Kết quả đã công bố: không sửa được thông tin cuộc bình chọn; kết quả chỉ thay đổi qua "
                    "“Sửa đổi kết quả đã công bố”."
                )
            )
        locked = changed & {"rubric_id", *RESULT_FIELDS, *CERTIFICATE_FIELDS}
        if locked and self.entries.filter(certificate__isnull=False).exists():
            raise ValidationError(
                _("Đã cấp giấy chứng nhận: không sửa được thông tin in trên giấy chứng nhận và cách tính điểm.")
            )

    def has_scores(self):
        from .sheets import Score

        return Score.objects.filter(sheet__entry__competition=self, value__isnull=False).exists()

    def scored_criteria(self):
        """The criteria jurors score on this competition's sheets (``Rubric.top_criteria``), as a list; [] without
        a rubric."""
        return list(self.rubric.top_criteria()) if self.rubric_id else []

    def allowed_statuses(self):
        """States reachable from here: the next one forward and, for a manager with a reason, one back."""
        forward = [target for action, target in FORWARD.items() if allowed(self, action)]
        back = [BACK[CompetitionStatus(self.status)]] if CompetitionStatus(self.status) in BACK else []
        return forward + back

    def get_results_url(self):
        from .pages import CompetitionIndexPage

        index = CompetitionIndexPage.objects.live().first()
        if index is None:
            return None
        return index.url + index.reverse_subpage("results", kwargs={"slug": self.slug})

    @property
    def is_scoring(self):
        return self.status == CompetitionStatus.SCORING
