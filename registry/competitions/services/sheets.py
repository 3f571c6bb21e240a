"""Saving, submitting and reopening score sheets: atomic, locked rows, every change audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import scoring
from ..choices import AuditAction, SheetStatus
from ..models import Score, ScoreSheet
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


def _locked_sheet(sheet_id):
    sheet = ScoreSheet.objects.select_for_update().select_related("entry__competition", "juror").get(pk=sheet_id)
    if sheet.status == SheetStatus.SUBMITTED:
        raise SheetLocked(_("Phiếu chấm đã nộp, không thể sửa. Liên hệ chủ tịch hội đồng để mở lại."))
    return sheet


@transaction.atomic
def save_sheet(sheet_id, user, values, comment, submit=False):
    """Store ``values`` ({criterion id: (Decimal | None, note)}) and the comment; submit when asked.
    Raises SheetLocked on a submitted sheet and ValidationError when a value is out of range or a submit is
    incomplete."""
    sheet = _locked_sheet(sheet_id)
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


@transaction.atomic
def reopen_sheet(sheet_id, user, reason):
    """Reopen a submitted sheet (chair or manager only) with a recorded reason."""
    sheet = ScoreSheet.objects.select_for_update().select_related("entry__competition").get(pk=sheet_id)
    if not can_reopen(user, sheet.entry.competition):
        raise PermissionDenied
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
