"""Scoring rubrics (phiếu chấm điểm): versioned, ordered criteria with maxima and optional sub-criteria."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import scoring


class Rubric(models.Model):
    """A versioned scoring sheet (e.g. CNNT 40/40/10/10, OCOP 40/25/35). Managed under Bình chọn → Rubrics;
    locked as soon as any score exists on a competition that uses it."""

    name = models.CharField(_("tên phiếu chấm"), max_length=200)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    description = models.TextField(_("mô tả"), blank=True, help_text=_("Căn cứ pháp lý, ghi chú sử dụng."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("phiếu chấm điểm mẫu")
        verbose_name_plural = _("phiếu chấm điểm mẫu")
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="rubric_unique_name_version")]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def is_locked(self):
        """True once any score was given on a sheet of a competition using this rubric."""
        from .sheets import Score

        return Score.objects.filter(criterion__rubric=self, value__isnull=False).exists()

    def top_criteria(self):
        """The criteria jurors score, in order: the top-level ones (sub-criteria only detail them).

        The one definition of "the criteria of a sheet": the portal's form, new sheets, results, exports and PDFs
        all go through it (``Competition.scored_criteria``)."""
        return self.criteria.filter(parent__isnull=True).order_by("position")

    @property
    def total_points(self):
        """The rubric's maximum total (``scoring.points_total`` of the top-level criteria), e.g. 100."""
        return scoring.points_total(self.top_criteria())


class Criterion(models.Model):
    """One line of a rubric, in order; sub-criteria (parent set) detail a criterion and are informative:
    jurors score the top-level criteria. Edited with the rubric."""

    rubric = models.ForeignKey(Rubric, verbose_name=_("phiếu chấm"), on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tiêu chí cha"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    code = models.CharField(_("ký hiệu"), max_length=10, help_text=_("Ví dụ: 1, 2, 1.1."))
    name = models.CharField(_("tên tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=1)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)

    class Meta:
        ordering = ["rubric", "position"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_unique_code"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"

    def clean(self):
        if self.rubric_id and self.rubric.is_locked:
            raise ValidationError(_("Phiếu chấm đã có điểm, không thể sửa tiêu chí."))
        if self.parent_id and self.parent.rubric_id != self.rubric_id:
            raise ValidationError({"parent": _("Tiêu chí cha phải thuộc cùng phiếu chấm.")})
