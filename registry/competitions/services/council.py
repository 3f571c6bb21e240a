"""The council's work after scoring: decisions, status changes, publishing and issuing certificates."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.catalogue.choices import CertificateSource
from registry.catalogue.models import Certificate

from ..choices import AuditAction, CompetitionStatus
from ..lifecycle import ALLOWED, BACK, FORWARD, Action, ActionNotAllowed, ensure_allowed, refusal, state_of
from ..models import Competition, Entry
from . import audit
from .results import closing_warnings, compute_results, result_of, vn_number


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ConfirmationRequired(ValidationError):
    """Closing scoring while entries are below quorum or drafts are outstanding: the manager must confirm.
    ``warnings`` is ``results.closing_warnings``."""

    def __init__(self, warnings):
        self.warnings = warnings
        super().__init__(_("Còn hồ sơ chưa đủ số phiếu hoặc phiếu chưa nộp: cần xác nhận trước khi kết thúc chấm."))


def _transition(competition, new_status, back=None):
    """(action, is_back) for moving ``competition`` to ``new_status``; ActionNotAllowed when no such move.
    ``back`` says which move the user asked for (None: inferred from the target)."""
    current = state_of(competition)
    if back is None:
        back = BACK.get(current) == new_status
    if back:
        ensure_allowed(competition, Action.MOVE_BACK)
        if BACK.get(current) == new_status:
            return Action.MOVE_BACK, True
    else:
        for action, target in FORWARD.items():
            if target == new_status:
                ensure_allowed(competition, action)
                return action, False
    raise ActionNotAllowed(
        competition,
        Action.MOVE_BACK,
        _("Không thể chuyển từ “%(current)s” sang “%(target)s”.")
        % {"current": current.label, "target": CompetitionStatus(new_status).label},
    )


@transaction.atomic
def change_status(competition, new_status, user, reason="", confirm=False, back=None):
    """Move the competition one step forward, or one step back (a manager action that needs ``reason``).
    Closing scoring with entries below quorum or outstanding drafts needs ``confirm`` (else
    ConfirmationRequired). Raises ActionNotAllowed for any other move. Audited."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    action, is_back = _transition(competition, new_status, back)
    if is_back and not (reason or "").strip():
        raise ValidationError(_("Cần ghi lý do khi lùi trạng thái."))
    if is_back:
        _ensure_no_certificates(competition)
    if action in (Action.MARK_DECIDED, Action.PUBLISH):
        problems = decision_problems(competition)
        if problems:
            raise ActionNotAllowed(
                competition,
                action,
                _("Quyết định của hội đồng không còn khớp với kết quả: %(problems)s.")
                % {"problems": "; ".join(problems)},
            )
    if action == Action.CLOSE_SCORING and not confirm:
        warnings = closing_warnings(competition)
        if warnings["below_quorum"] or warnings["drafts"]:
            raise ConfirmationRequired(warnings)
    old = competition.status
    competition.status = new_status
    fields = ["status"]
    if new_status == CompetitionStatus.PUBLISHED:
        competition.results_published_at = timezone.now()
        fields.append("results_published_at")
    competition.save(update_fields=fields)
    if is_back and Action.DECIDE not in ALLOWED[CompetitionStatus(new_status)]:
        _undo_decisions(competition, user, reason)
    kind = AuditAction.PUBLISH if new_status == CompetitionStatus.PUBLISHED else AuditAction.STATUS
    audit.record(kind, competition, user, old={"status": old}, new={"status": new_status}, reason=reason or "")
    return competition


def _ensure_no_certificates(competition):
    """Moving back is refused once certificates are issued: then only the audited amendment after publication
    changes results (so that a certificate never outlives the result it states)."""
    if Entry.objects.filter(competition=competition, certificate__isnull=False).exists():
        raise ActionNotAllowed(
            competition,
            Action.MOVE_BACK,
            _("Đã cấp giấy chứng nhận: không thể lùi trạng thái; hãy công bố rồi dùng “Sửa đổi kết quả đã công bố”."),
        )


def _undo_decisions(competition, user, reason):
    """Moving back to a state where scores may change again undoes the council's decisions (recognized, decision
    number and date), each audited: the council decides again once scoring is closed."""
    for entry in Entry.objects.filter(competition=competition, recognized=True):
        old = {"recognized": True, "decision_number": entry.decision_number, "decision_date": str(entry.decision_date)}
        entry.recognized, entry.decision_number, entry.decision_date = False, "", None
        entry.save(update_fields=["recognized", "decision_number", "decision_date"])
        new = {"recognized": False, "decision_number": "", "decision_date": ""}
        audit.record(AuditAction.DECISION, competition, user, entry=entry, old=old, new=new, reason=reason)


def decision_problems(competition):
    """Why the council's decisions no longer hold, as a list of Vietnamese sentences ([] when they do): a
    recognized entry that no longer reaches the quorum and the pass mark, or a certificate whose score differs
    from the entry's result. Checked when marking decided and when publishing."""
    problems = []
    for entry, result in compute_results(competition)["rows"]:
        if entry.recognized and entry.recognition_refusal:
            problems.append(f"{entry.code}: {entry.recognition_refusal}")
        if entry.certificate_id and entry.certificate.score != result.score:
            problems.append(
                _("%(code)s: giấy chứng nhận ghi %(cert)s điểm, kết quả là %(result)s điểm")
                % {
                    "code": entry.code,
                    "cert": vn_number(entry.certificate.score),
                    "result": vn_number(result.score) if result.score is not None else "—",
                }
            )
    return problems


@transaction.atomic
def decide(entry, user, recognized, decision_number="", decision_date=None):
    """Record the council's decision on an entry (recognized or not, decision number and date). Only after
    scoring closed and before publication; recognition needs the quorum and the pass mark (ValidationError
    with the reason otherwise)."""
    entry = Entry.objects.select_for_update().select_related("competition").get(pk=entry.pk)
    competition = Competition.objects.select_for_update().get(pk=entry.competition_id)
    ensure_allowed(competition, Action.DECIDE)
    entry.competition = competition
    if recognized:
        checked, _result = result_of(entry)
        if checked.recognition_refusal:
            raise ValidationError(checked.recognition_refusal)
        if not (decision_number and decision_date):
            raise ValidationError(_("Cần số và ngày quyết định khi công nhận."))
    elif entry.certificate_id:
        raise ValidationError(_("Hồ sơ đã được cấp giấy chứng nhận, không thể bỏ công nhận."))
    old = {
        "recognized": entry.recognized,
        "decision_number": entry.decision_number,
        "decision_date": str(entry.decision_date or ""),
    }
    entry.recognized = recognized
    entry.decision_number = decision_number if recognized else ""
    entry.decision_date = decision_date if recognized else None
    entry.save(update_fields=["recognized", "decision_number", "decision_date"])
    new = {
        "recognized": entry.recognized,
        "decision_number": entry.decision_number,
        "decision_date": str(entry.decision_date or ""),
    }
    if old != new:
        audit.record(AuditAction.DECISION, competition, user, entry=entry, old=old, new=new)
    return entry


def next_serials(prefix, year, count):
    """``count`` serials continuing the sequence ``<prefix>-<year>-NNNN`` already in the catalogue."""
    stem = f"{prefix}-{year}-"
    numbers = [
        int(s[len(stem) :])
        for s in Certificate.objects.filter(serial__startswith=stem).values_list("serial", flat=True)
        if s[len(stem) :].isdigit()
    ]
    start = max(numbers, default=0) + 1
    return [f"{stem}{n:04d}" for n in range(start, start + count)]


def issue_refusal(competition):
    """Why certificates cannot be issued now (the lifecycle's reason, or the signer's position or name missing:
    the certificate prints them), or ``None``."""
    reason = refusal(competition, Action.ISSUE_CERTIFICATES)
    if reason:
        return reason
    if not (competition.signer_position.strip() and competition.signer_name.strip()):
        return _("Cần ghi chức vụ và họ tên người ký giấy chứng nhận (sửa cuộc bình chọn) trước khi cấp.")
    return None


@transaction.atomic
def issue_certificates(competition, user):
    """Certificates for every recognized entry that has none yet and is still eligible (quorum, pass mark), in
    rank order; returns the new certificates. Only once the council has decided, before publication."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    reason = issue_refusal(competition)
    if reason:
        raise ActionNotAllowed(competition, Action.ISSUE_CERTIFICATES, reason)
    data = compute_results(competition)
    pending = [
        (e, r) for e, r in data["rows"] if e.recognized and e.certificate_id is None and not e.recognition_refusal
    ]
    return [issue_one(competition, entry, result, user) for entry, result in pending]


def issue_one(competition, entry, result, user, serial=None):
    """Create the certificate of one recognized, eligible entry (next serial unless given) and audit it."""
    if entry.recognition_refusal or not entry.recognized:
        raise ValidationError(entry.recognition_refusal or _("Chỉ cấp giấy chứng nhận cho hồ sơ được công nhận."))
    serial = serial or next_serials(competition.serial_prefix, competition.year, 1)[0]
    valid_from = entry.decision_date or timezone.localdate()
    cert = Certificate.objects.create(
        product=entry.product,
        level=competition.level,
        region=competition.region,
        year=competition.year,
        score=result.score,
        serial=serial,
        decision_number=entry.decision_number,
        decision_date=entry.decision_date or valid_from,
        issuer=competition.issuer,
        valid_from=valid_from,
        valid_until=add_months(valid_from, competition.certificate_valid_months)
        if competition.certificate_valid_months
        else None,
        source=CertificateSource.COMPETITION,
    )
    entry.certificate = cert
    entry.save(update_fields=["certificate"])
    audit.record(AuditAction.CERTIFICATE, competition, user, entry=entry, new={"serial": serial})
    return cert


def assign_balanced(competition):
    """Give each scorable entry ``jurors_per_entry`` jurors, least-loaded first, respecting caps and conflicts."""
    from ..models import Assignment, Juror

    jurors = list(Juror.objects.filter(competition=competition).prefetch_related("conflicts"))
    load = {j.id: j.assignments.count() for j in jurors}
    conflicted = {(c.juror_id, c.entry_id) for j in jurors for c in j.conflicts.all()}
    existing = set(Assignment.objects.filter(juror__competition=competition).values_list("juror_id", "entry_id"))
    created = []
    entries = Entry.objects.filter(competition=competition).scorable().annotate(n=models.Count("assignments"))
    for entry in entries.order_by("number"):
        need = competition.jurors_per_entry - entry.n
        candidates = sorted(
            (
                j
                for j in jurors
                if (j.id, entry.id) not in conflicted
                and (j.id, entry.id) not in existing
                and (j.max_entries is None or load[j.id] < j.max_entries)
            ),
            key=lambda j: (load[j.id], j.id),
        )
        for juror in candidates[: max(need, 0)]:
            created.append(Assignment(juror=juror, entry=entry))
            load[juror.id] += 1
    Assignment.objects.bulk_create(created)
    return created
