"""Amending published results: the only way a published result changes.

A manager corrects the scores of one submitted sheet with a reason. The service records a new results version
(``ResultsAmendment``), and for every recognized entry whose score changed revokes the certificate ("Thay thế
bởi <new serial>", so /xac-minh/ shows what replaced it) and issues a new one. An entry that no longer meets
the pass mark or quorum loses its recognition and its certificate is revoked with the amendment's reason.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from ..choices import AuditAction, SheetStatus
from ..lifecycle import Action, ensure_allowed
from ..models import Competition, Entry, ResultsAmendment, Score, ScoreSheet
from ..models.audit import stored_score
from . import audit
from .council import issue_one, next_serials
from .results import compute_results, vn_number


def _scores(data):
    return {entry.id: (entry, result) for entry, result in data["rows"]}


@transaction.atomic
def amend_results(competition, user, reason, sheet, values):
    """Correct ``sheet`` (a submitted sheet of the published ``competition``) with ``values`` ({criterion id:
    Decimal}) and re-issue the affected certificates. Returns the ``ResultsAmendment``. Raises ActionNotAllowed
    unless published, ValidationError without a reason, on a sheet that is not submitted, on values out of
    range or when nothing changes."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    ensure_allowed(competition, Action.AMEND)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Cần ghi lý do sửa đổi kết quả."))
    sheet = ScoreSheet.objects.select_for_update().select_related("entry", "juror__user").get(pk=sheet.pk)
    if sheet.entry.competition_id != competition.pk or sheet.status != SheetStatus.SUBMITTED:
        raise ValidationError(_("Chỉ sửa được phiếu đã nộp của cuộc bình chọn này."))
    scores = list(sheet.scores.select_related("criterion").select_for_update(of=("self",)))
    old = {s.criterion.code: stored_score(s.value) for s in scores}
    for score in scores:
        if score.criterion_id in values:
            value = values[score.criterion_id]
            if value is None or not (Decimal(0) <= value <= score.max_points):
                raise ValidationError(
                    _("Điểm tiêu chí %(code)s phải từ 0 đến %(max)s.")
                    % {"code": score.criterion.code, "max": vn_number(score.max_points)}
                )
            score.value = value
    new = {s.criterion.code: stored_score(s.value) for s in scores}
    if old == new:
        raise ValidationError(_("Không có điểm nào thay đổi."))
    before = _scores(compute_results(competition))
    Score.objects.bulk_update(scores, ["value"])
    audit.record(
        AuditAction.AMEND,
        competition,
        user,
        entry=sheet.entry,
        sheet=sheet,
        old={"scores": old},
        new={"scores": new, "juror_name": sheet.juror.display_name},
        reason=reason,
    )
    after = _scores(compute_results(competition))
    changes = []
    for entry_id, (entry, result) in after.items():
        old_score = before[entry_id][1].score if entry_id in before else None
        if old_score == result.score:
            continue
        change = {"code": entry.code, "old_score": stored_score(old_score), "new_score": stored_score(result.score)}
        with translation.override(settings.LANGUAGE_CODE):  # revocation reasons are stored in the site's language
            change.update(_reissue(competition, entry, result, user, reason))
        changes.append(change)
    version = (competition.amendments.aggregate(m=Max("version"))["m"] or 1) + 1
    return ResultsAmendment.objects.create(
        competition=competition, version=version, user=user, reason=reason, changes=changes
    )


def _reissue(competition, entry, result, user, reason):
    """Replace the certificate of a recognized entry whose score changed; {"old_serial", "new_serial"}."""
    if not entry.recognized or entry.certificate is None:
        return {}
    old_cert = entry.certificate
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    locked.certificate = None
    if entry.recognition_refusal:
        locked.recognized = False
        locked.save(update_fields=["certificate", "recognized"])
        old_cert.revoke(_("Kết quả được sửa đổi: %(reason)s") % {"reason": reason})
        audit.record(AuditAction.REVOKE, competition, user, entry=entry, old={"serial": old_cert.serial}, reason=reason)
        return {"old_serial": old_cert.serial, "new_serial": None}
    locked.save(update_fields=["certificate"])
    serial = next_serials(competition.serial_prefix, competition.year, 1)[0]
    old_cert.revoke(_("Thay thế bởi %(serial)s") % {"serial": serial})
    audit.record(
        AuditAction.REVOKE,
        competition,
        user,
        entry=entry,
        old={"serial": old_cert.serial},
        new={"serial": serial},
        reason=reason,
    )
    entry.certificate = None
    entry.certificate_id = None
    issue_one(competition, entry, result, user, serial=serial)
    return {"old_serial": old_cert.serial, "new_serial": serial}
