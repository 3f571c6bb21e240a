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
from ..models import Competition, Entry
from . import audit
from .results import compute_results


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def change_status(competition, new_status, user):
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if new_status not in competition.allowed_statuses():
        raise ValidationError(_("Không thể chuyển sang trạng thái này."))
    old = competition.status
    competition.status = new_status
    fields = ["status"]
    if new_status == CompetitionStatus.PUBLISHED:
        competition.results_published_at = timezone.now()
        fields.append("results_published_at")
    competition.save(update_fields=fields)
    action = AuditAction.PUBLISH if new_status == CompetitionStatus.PUBLISHED else AuditAction.STATUS
    audit.record(action, competition, user, old={"status": old}, new={"status": new_status})
    return competition


@transaction.atomic
def decide(entry, user, recognized, decision_number="", decision_date=None):
    """Record the council's decision on an entry (recognized or not, decision number and date)."""
    entry = Entry.objects.select_for_update().select_related("competition").get(pk=entry.pk)
    if recognized and not (decision_number and decision_date):
        raise ValidationError(_("Cần số và ngày quyết định khi công nhận."))
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
        audit.record(AuditAction.DECISION, entry.competition, user, entry=entry, old=old, new=new)
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


@transaction.atomic
def issue_certificates(competition, user):
    """Certificates for every recognized entry that has none yet, in rank order; returns the new certificates."""
    Competition.objects.select_for_update().filter(pk=competition.pk).first()
    data = compute_results(competition)
    pending = [(e, r) for e, r in data["rows"] if e.recognized and e.certificate_id is None]
    serials = next_serials(competition.serial_prefix, competition.year, len(pending))
    issued = []
    for (entry, result), serial in zip(pending, serials, strict=True):
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
        issued.append(cert)
    return issued


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
