"""Saving, submitting and reopening score sheets: atomic, locked rows, every change audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import scoring
from ..choices import AuditAction, SheetStatus
from ..lifecycle import Action, allowed, ensure_allowed, refusal
from ..models import Competition, Score, ScoreSheet
from . import audit
from .access import can_reopen


class SheetLocked(ValidationError):
    """The sheet was submitted: it is read-only until the chair or a manager reopens it."""


def get_or_create_sheet(juror, entry, criteria=None):
    """The juror's sheet for the entry with one (empty) score row per top-level criterion."""
    sheet, created = ScoreSheet.objects.get_or_create(entry=entry, juror=juror)
    if created:
        criteria = criteria if criteria is not None else entry.competition.scored_criteria()
        Score.objects.bulk_create(
            [Score(sheet=sheet, criterion=c, max_points=c.max_points) for c in criteria], ignore_conflicts=True
        )
    return sheet


def _snapshot(sheet):
    return {
        "status": sheet.status,
        "comment": sheet.comment,
        "scores": {s.criterion.code: (None if s.value is None else str(s.value)) for s in sheet.scores.all()},
    }


def _locked_sheet(sheet_id, action):
    """The sheet, locked, after checking the lifecycle (the competition row is locked too, so a status change
    cannot interleave with a save)."""
    sheet = ScoreSheet.objects.select_for_update().select_related("entry__competition", "juror").get(pk=sheet_id)
    competition = Competition.objects.select_for_update().get(pk=sheet.entry.competition_id)
    ensure_allowed(competition, action)
    if sheet.status == SheetStatus.VOID:
        raise SheetLocked(_("Phiếu chấm đã vô hiệu do xung đột lợi ích, không thể sửa."))
    if sheet.status == SheetStatus.SUBMITTED:
        raise SheetLocked(_("Phiếu chấm đã nộp, không thể sửa. Liên hệ chủ tịch hội đồng để mở lại."))
    return sheet


@transaction.atomic
def save_sheet(sheet_id, user, values, comment, submit=False):
    """Store ``values`` ({criterion id: (Decimal | None, note)}) and the comment; submit when asked.
    Raises ActionNotAllowed outside scoring, SheetLocked on a submitted or void sheet and ValidationError when a
    value is out of range or a submit is incomplete."""
    sheet = _locked_sheet(sheet_id, Action.SUBMIT_SHEET if submit else Action.EDIT_SHEET)
    scores = list(
        sheet.scores.select_related("criterion").select_for_update(of=("self",)).order_by("criterion__position")
    )
    old = {"status": sheet.status, "comment": sheet.comment}
    old["scores"] = {s.criterion.code: (None if s.value is None else str(s.value)) for s in scores}
    errors = {}
    for score in scores:
        if score.criterion_id not in values:
            continue
        value, note = values[score.criterion_id]
        if value is not None and not scoring.score_fits(value, score.max_points):
            errors[score.criterion.code] = scoring.rule_message(score.max_points)
        score.value, score.note = value, note or ""
    if errors:
        raise ValidationError(errors)
    if submit and any(s.value is None for s in scores):
        raise ValidationError(_("Cần chấm đủ mọi tiêu chí trước khi nộp phiếu."))
    Score.objects.bulk_update(scores, ["value", "note"])
    if comment is not None:
        sheet.comment = comment
    if submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = timezone.now()
    sheet.save()
    new = {"status": sheet.status, "comment": sheet.comment}
    new["scores"] = {s.criterion.code: (None if s.value is None else str(s.value)) for s in scores}
    audit.record(
        AuditAction.SUBMIT if submit else AuditAction.SAVE,
        sheet.entry.competition,
        user,
        entry=sheet.entry,
        sheet=sheet,
        old=old,
        new=new,
    )
    return sheet


@transaction.atomic
def submit_sheet(sheet_id, user):
    """Submit a sheet as it is (used by tests of concurrency and by the portal's confirmation step)."""
    return save_sheet(sheet_id, user, {}, None, submit=True)


def reopen_refusal(user, sheet, competition=None, may_reopen=None):
    """Why ``user`` may not reopen ``sheet`` now (a Vietnamese sentence), or ``None``: only while scoring, only a
    submitted sheet, never one's own, and only the chair of the council or a manager. Listing views pass the
    ``competition`` and ``may_reopen`` (``access.can_reopen``) once, so a list of sheets costs no query."""
    competition = competition or sheet.entry.competition
    if not allowed(competition, Action.REOPEN_SHEET):
        return refusal(competition, Action.REOPEN_SHEET)
    if sheet.juror.user_id == user.pk:
        return _("Không ai được mở lại phiếu chấm của chính mình.")
    if not (can_reopen(user, competition) if may_reopen is None else may_reopen):
        return _("Chỉ chủ tịch hội đồng hoặc người quản lý bình chọn được mở lại phiếu chấm.")
    if sheet.status != SheetStatus.SUBMITTED:
        return _("Chỉ mở lại được phiếu đã nộp.")
    return None


@transaction.atomic
def reopen_sheet(sheet_id, user, reason):
    """Reopen a submitted sheet with a recorded reason. Raises ActionNotAllowed outside scoring, PermissionDenied
    when the user is neither the chair nor a manager or reopens their own sheet, ValidationError without a
    reason or on a sheet that is not submitted."""
    sheet = ScoreSheet.objects.select_for_update().select_related("entry__competition", "juror").get(pk=sheet_id)
    competition = Competition.objects.select_for_update().get(pk=sheet.entry.competition_id)
    ensure_allowed(competition, Action.REOPEN_SHEET)
    if sheet.juror.user_id == user.pk:
        raise PermissionDenied(_("Không ai được mở lại phiếu chấm của chính mình."))
    if not can_reopen(user, competition):
        raise PermissionDenied(_("Chỉ chủ tịch hội đồng hoặc người quản lý bình chọn được mở lại phiếu chấm."))
    if not (reason or "").strip():
        raise ValidationError(_("Cần ghi lý do mở lại phiếu."))
    if sheet.status != SheetStatus.SUBMITTED:
        raise ValidationError(_("Phiếu chưa nộp, không cần mở lại."))
    old = _snapshot(sheet)
    sheet.status = SheetStatus.DRAFT
    sheet.submitted_at = None
    sheet.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record(
        AuditAction.REOPEN,
        sheet.entry.competition,
        user,
        entry=sheet.entry,
        sheet=sheet,
        old=old,
        new={"status": sheet.status},
        reason=reason,
    )
    return sheet
