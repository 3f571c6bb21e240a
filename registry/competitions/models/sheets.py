"""Score sheets (phiếu chấm điểm): one per entry and juror, one score row per criterion."""

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from .. import scoring
from ..choices import SheetStatus


class ScoreSheetQuerySet(models.QuerySet):
    def with_total(self):
        """Annotate ``total``: ``scoring.values_total`` in SQL (the sum of the scores, NULL while any score is
        missing or the sheet has no score row). ``tests/test_scoring_input.py`` checks both agree."""
        missing = Exists(Score.objects.filter(sheet=OuterRef("pk"), value__isnull=True))
        return self.annotate(
            total=Case(
                When(missing, then=Value(None)),
                default=Sum("scores__value"),
                output_field=models.DecimalField(max_digits=7, decimal_places=1),
            )
        )


class ScoreSheet(models.Model):
    """A juror's sheet for an entry: draft until submitted, then locked (only the chair or a manager reopens it).
    Filled in the judges' portal; visible to managers in the Bình chọn dashboard."""

    entry = models.ForeignKey(
        "competitions.Entry", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="sheets"
    )
    juror = models.ForeignKey(
        "competitions.Juror", verbose_name=_("giám khảo"), on_delete=models.CASCADE, related_name="sheets"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    comment = models.TextField(_("nhận xét chung"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    voided_at = models.DateTimeField(
        _("vô hiệu lúc"),
        null=True,
        blank=True,
        help_text=_("Phiếu đã nộp rồi giám khảo khai báo xung đột lợi ích: giữ lại nhưng không tính vào kết quả."),
    )

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "juror"]
        verbose_name = _("phiếu chấm")
        verbose_name_plural = _("phiếu chấm")
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror"], name="sheet_unique_entry_juror"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="sheet_submitted_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status="void") | Q(voided_at__isnull=False), name="sheet_void_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.entry.code} / {self.juror}"

    @property
    def is_void(self):
        return self.status == SheetStatus.VOID

    @property
    def is_submitted(self):
        return self.status == SheetStatus.SUBMITTED

    def total(self):
        """Sum of the scores (``scoring.values_total``), or None while a criterion is missing."""
        return scoring.values_total(s.value for s in self.scores.all())


class Score(models.Model):
    """A criterion's points on a sheet. NULL means not scored yet (never 0). ``max_points`` is copied from the
    criterion so that the database itself refuses out-of-range values."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("phiếu chấm"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "competitions.Criterion", verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.DecimalField(_("điểm"), max_digits=5, decimal_places=1, null=True, blank=True)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=1)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["sheet", "criterion__position"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_unique_sheet_criterion"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=0) & Q(value__lte=F("max_points"))),
                name="score_within_max",
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.value}"

    def save(self, *args, **kwargs):
        if self.criterion_id and not self.max_points:
            self.max_points = self.criterion.max_points
        super().save(*args, **kwargs)
