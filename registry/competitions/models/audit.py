"""Audit log of everything jurors, the chair and managers do to sheets, decisions and results."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AuditAction


class AuditEntry(models.Model):
    """One recorded action (who, when, what, old → new). Written by the services, read-only for managers
    under Bình chọn → Audit log."""

    competition = models.ForeignKey(
        "competitions.Competition", verbose_name=_("cuộc bình chọn"), on_delete=models.CASCADE, related_name="audit"
    )
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sheet = models.ForeignKey(
        "competitions.ScoreSheet",
        verbose_name=_("phiếu chấm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="competition_audit",
    )
    action = models.CharField(_("hành động"), max_length=20, choices=AuditAction.choices)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    old = models.JSONField(_("giá trị cũ"), default=dict, blank=True)
    new = models.JSONField(_("giá trị mới"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")

    def __str__(self):
        return f"{self.get_action_display()} – {self.at:%d/%m/%Y %H:%M}"
