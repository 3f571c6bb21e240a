"""Audit log of everything jurors, the chair and managers do to sheets, decisions and results."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.text import person_name

from ..choices import AuditAction, CompetitionStatus

# One sentence per kind of action, filled from the structured old/new values (never shown as raw data).
SENTENCES = {
    AuditAction.SAVE: _("%(who)s lưu nháp phiếu %(code)s"),
    AuditAction.SUBMIT: _("%(who)s nộp phiếu %(code)s"),
    AuditAction.REOPEN: _("%(who)s mở lại phiếu %(code)s của %(juror)s"),
    AuditAction.DECISION: _("%(who)s ghi quyết định của hội đồng cho hồ sơ %(code)s: %(decision)s"),
    AuditAction.STATUS: _("%(who)s chuyển trạng thái từ “%(old_status)s” sang “%(new_status)s”"),
    AuditAction.PUBLISH: _("%(who)s công bố kết quả"),
    AuditAction.CONFLICT: _("%(who)s khai báo xung đột lợi ích của %(juror)s với hồ sơ %(code)s"),
    AuditAction.CERTIFICATE: _("%(who)s cấp giấy chứng nhận %(serial)s cho hồ sơ %(code)s"),
    AuditAction.VOID: _("Phiếu %(code)s của %(juror)s bị vô hiệu do xung đột lợi ích khai báo sau khi nộp"),
    AuditAction.NO_CONFLICT: _("%(who)s cam kết không xung đột lợi ích với hồ sơ %(code)s"),
    AuditAction.AMEND: _("%(who)s sửa đổi kết quả đã công bố: phiếu %(code)s của %(juror)s"),
    AuditAction.REVOKE: _("%(who)s thu hồi giấy chứng nhận %(old_serial)s của hồ sơ %(code)s"),
}


CENT = Decimal("0.01")


def stored_score(value):
    """A score (Decimal, or None) as the JSON of an amendment stores it: a JSON number in machine form rounded to two
    decimals (``Decimal("51.6667")`` → ``51.67``), ``None`` kept. Formatted for people only when shown (``floatformat``
    in the active language: 51,67 / 51.67)."""
    if value is None:
        return None
    return float(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def read_score(stored):
    """A score stored in an amendment's JSON as a Decimal, whatever form it was stored in: a JSON number (``51.67``),
    machine text (``"51.67"``) or the Vietnamese text written before 30/11/2026 (``"51,67"``, ``"65"``); ``None``
    for nothing or for text that is no number."""
    if stored is None or stored == "" or isinstance(stored, bool):
        return None
    try:
        number = Decimal(str(stored).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _status_label(value):
    return CompetitionStatus(value).label if value in CompetitionStatus.values else value or ""


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

    def sentence(self):
        """The entry as a Vietnamese sentence, e.g. "Đinh Thị Mai mở lại phiếu SP-2026-005 của Phạm Quốc Bảo:
        lý do nhập nhầm điểm." Needs ``user``, ``entry`` and ``sheet__juror__user`` selected to avoid queries."""
        old, new = self.old or {}, self.new or {}
        juror = self.sheet.juror.display_name if self.sheet_id and self.sheet else new.get("juror_name", "")
        if new.get("recognized") is True:
            decision = gettext("công nhận, quyết định số %(number)s") % {"number": new.get("decision_number", "")}
        else:
            decision = gettext("không công nhận")
        values = {
            "who": person_name(self.user) or gettext("Hệ thống"),
            "code": self.entry.code if self.entry_id and self.entry else "",
            "juror": juror,
            "decision": decision,
            "old_status": _status_label(old.get("status")),
            "new_status": _status_label(new.get("status")),
            "serial": new.get("serial", ""),
            "old_serial": old.get("serial", ""),
        }
        text = str(SENTENCES.get(self.action, self.get_action_display())) % values
        if self.action == AuditAction.REVOKE and new.get("serial"):
            text += " " + gettext("(thay thế bởi %(serial)s)") % {"serial": new["serial"]}
        if self.reason:
            text += ": " + gettext("lý do %(reason)s") % {"reason": self.reason}
        return text + "."


class ResultsAmendment(models.Model):
    """One amendment of published results (version 2, 3, …): who, when, why, and what changed per entry.
    Made through Bình chọn → Sửa đổi kết quả; shown with its date and reason on the public results page."""

    competition = models.ForeignKey(
        "competitions.Competition",
        verbose_name=_("cuộc bình chọn"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    version = models.PositiveSmallIntegerField(_("phiên bản kết quả"), help_text=_("Kết quả công bố lần đầu là 1."))
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("lý do"))
    changes = models.JSONField(
        _("thay đổi"),
        default=list,
        blank=True,
        help_text=_("Mỗi hồ sơ thay đổi: mã số, điểm cũ, điểm mới, số hiệu giấy chứng nhận cũ và mới."),
    )

    class Meta:
        ordering = ["competition", "version"]
        verbose_name = _("sửa đổi kết quả")
        verbose_name_plural = _("sửa đổi kết quả")
        constraints = [
            models.UniqueConstraint(fields=["competition", "version"], name="amendment_unique_version"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="amendment_has_reason"),
        ]

    def __str__(self):
        return f"{self.competition} v{self.version}"

    def shown_changes(self):
        """``changes`` for the public results page: each change with ``old_score`` and ``new_score`` as Decimals (or
        None), read from either stored form (``read_score``), so the page formats them in the visitor's language."""
        return [
            {
                **change,
                "old_score": read_score(change.get("old_score")),
                "new_score": read_score(change.get("new_score")),
            }
            for change in self.changes or []
            if isinstance(change, dict)
        ]
