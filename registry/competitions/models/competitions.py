"""A selection competition of typical rural industrial products (bình chọn sản phẩm CNNT tiêu biểu)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import Level, Region

from ..choices import CompetitionStatus


class CompetitionQuerySet(models.QuerySet):
    def open_for_entries(self, today=None):
        """Competitions accepting entries today (status open and today inside the entry window)."""
        today = today or timezone.localdate()
        return self.filter(
            status=CompetitionStatus.ENTRIES_OPEN, entries_open_from__lte=today, entries_open_until__gte=today
        )


class Competition(models.Model):
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

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("cuộc bình chọn")
        verbose_name_plural = _("cuộc bình chọn")

    def __str__(self):
        return self.name
