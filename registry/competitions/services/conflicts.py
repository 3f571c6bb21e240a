"""Conflicts of interest: the "no conflict" statement before a juror first opens an entry, and declarations.

A conflict declared after the juror submitted a sheet for the entry voids that sheet: it is kept (status void,
``voided_at``), left out of the results, audited and flagged on the managers' dashboard. Both actions are only
allowed while the competition is scoring (``lifecycle``).
"""

from django.db import transaction
from django.utils import timezone

from ..choices import AuditAction, SheetStatus
from ..lifecycle import Action, allowed, ensure_allowed
from ..models import Competition, Conflict, NoConflictStatement, ScoreSheet
from . import audit


def has_confirmed(juror, entry) -> bool:
    """Whether the juror has stated "no conflict of interest" with the entry (a sheet alone is not a statement)."""
    return NoConflictStatement.objects.filter(juror=juror, entry=entry).exists()


def statement_required(juror, entry) -> bool:
    """Whether the juror must still state "no conflict of interest" before seeing anything of the entry (its
    page, its dossier files): while statements can be given (scoring) and none is stored."""
    return allowed(juror.competition, Action.CONFIRM_NO_CONFLICT) and not has_confirmed(juror, entry)


@transaction.atomic
def confirm_no_conflict(juror, entry, user):
    """Store the juror's statement "no conflict of interest with this entry" (who, entry, when); idempotent.
    Raises ActionNotAllowed outside scoring."""
    competition = Competition.objects.select_for_update().get(pk=juror.competition_id)
    ensure_allowed(competition, Action.CONFIRM_NO_CONFLICT)
    statement, created = NoConflictStatement.objects.get_or_create(juror=juror, entry=entry)
    if created:
        audit.record(
            AuditAction.NO_CONFLICT,
            competition,
            user,
            entry=entry,
            new={"juror": juror.pk, "juror_name": juror.display_name},
        )
    return statement


@transaction.atomic
def declare_conflict(juror, entry, user, reason=""):
    """Record a conflict of interest of ``juror`` on ``entry``: drafts are deleted, a submitted sheet is voided.
    Returns the voided sheet or ``None``. Raises ActionNotAllowed outside scoring."""
    competition = Competition.objects.select_for_update().get(pk=juror.competition_id)
    ensure_allowed(competition, Action.DECLARE_CONFLICT)
    conflict, created = Conflict.objects.get_or_create(juror=juror, entry=entry, defaults={"reason": reason})
    ScoreSheet.objects.filter(juror=juror, entry=entry, status=SheetStatus.DRAFT).delete()
    voided = (
        ScoreSheet.objects.select_for_update().filter(juror=juror, entry=entry, status=SheetStatus.SUBMITTED).first()
    )
    if created:
        audit.record(
            AuditAction.CONFLICT,
            competition,
            user,
            entry=entry,
            new={"juror": juror.pk, "juror_name": juror.display_name},
            reason=reason,
        )
    if voided is not None:
        voided.status = SheetStatus.VOID
        voided.voided_at = timezone.now()
        voided.save(update_fields=["status", "voided_at", "updated_at"])
        audit.record(
            AuditAction.VOID,
            competition,
            user,
            entry=entry,
            sheet=voided,
            old={"status": SheetStatus.SUBMITTED},
            new={"status": SheetStatus.VOID, "juror_name": juror.display_name},
            reason=reason,
        )
    return voided
