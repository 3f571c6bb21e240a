"""Jurors of a competition, their assignments and conflict-of-interest declarations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import person_name

from ..choices import JurorRole
from ..lifecycle import Action, refusal


class Juror(models.Model):
    """A user's membership of a competition's council (chair or member, with the title printed on sheets).
    Managed under Bình chọn → Jurors; jurors score in the portal at /giam-khao/."""

    competition = models.ForeignKey(
        "competitions.Competition", verbose_name=_("cuộc bình chọn"), on_delete=models.CASCADE, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.PROTECT, related_name="jury_seats"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=JurorRole.choices, default=JurorRole.MEMBER)
    title = models.CharField(
        _("chức danh"),
        max_length=200,
        blank=True,
        help_text=_("In trên phiếu chấm, ví dụ: Phó Giám đốc Sở Công Thương."),
    )
    absent_from_meeting = models.BooleanField(
        _("vắng mặt tại phiên họp"),
        default=False,
        help_text=_("Ghi trong biên bản: thành viên vắng mặt tại phiên họp tổng hợp kết quả."),
    )
    max_entries = models.PositiveIntegerField(
        _("số hồ sơ tối đa"),
        null=True,
        blank=True,
        help_text=_("Giới hạn khi phân công cân bằng; trống = không giới hạn."),
    )

    class Meta:
        ordering = ["competition", "-role", "user__last_name", "user__first_name"]
        verbose_name = _("giám khảo")
        verbose_name_plural = _("giám khảo")
        constraints = [models.UniqueConstraint(fields=["competition", "user"], name="juror_unique_per_competition")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The juror's name in Vietnamese order (``core.text.person_name``)."""
        return person_name(self.user)

    @property
    def is_chair(self):
        return self.role == JurorRole.CHAIR


class Assignment(models.Model):
    """An entry given to a juror when the competition uses balanced assignment; created by the assignment service."""

    juror = models.ForeignKey(Juror, verbose_name=_("giám khảo"), on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(
        "competitions.Entry", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="assignments"
    )

    class Meta:
        verbose_name = _("phân công chấm")
        verbose_name_plural = _("phân công chấm")
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="assignment_unique")]

    def __str__(self):
        return f"{self.juror} – {self.entry}"


class Conflict(models.Model):
    """A juror's conflict-of-interest declaration on an entry: the entry disappears from that juror entirely.
    Declared in the portal or by managers under Bình chọn → Conflicts."""

    juror = models.ForeignKey(Juror, verbose_name=_("giám khảo"), on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(
        "competitions.Entry", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="conflicts"
    )
    reason = models.TextField(_("lý do"), blank=True)
    declared_at = models.DateTimeField(_("thời điểm khai báo"), auto_now_add=True)

    class Meta:
        verbose_name = _("xung đột lợi ích")
        verbose_name_plural = _("xung đột lợi ích")
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="conflict_unique")]

    def __str__(self):
        return f"{self.juror} – {self.entry}"

    def clean(self):
        """Conflicts are declared only while scoring (the lifecycle), also from the admin."""
        if self.entry_id and self._state.adding:
            reason = refusal(self.entry.competition, Action.DECLARE_CONFLICT)
            if reason:
                raise ValidationError(reason)


class NoConflictStatement(models.Model):
    """A juror's statement "I have no conflict of interest with this entry", made before opening the entry for
    the first time in the portal (who, which entry, when). Read-only evidence for managers."""

    juror = models.ForeignKey(
        Juror, verbose_name=_("giám khảo"), on_delete=models.CASCADE, related_name="no_conflict_statements"
    )
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="no_conflict_statements",
    )
    stated_at = models.DateTimeField(_("thời điểm cam kết"), auto_now_add=True)

    class Meta:
        verbose_name = _("cam kết không xung đột lợi ích")
        verbose_name_plural = _("cam kết không xung đột lợi ích")
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="no_conflict_statement_unique")]

    def __str__(self):
        return f"{self.juror} – {self.entry}"
