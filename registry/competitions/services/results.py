"""Results of a competition computed in a constant number of queries (4, whatever the number of entries)."""

from collections import defaultdict

from django.db.models import Count, Q

from .. import scoring
from ..choices import AssignmentMode, SheetStatus
from ..models import Entry, Juror, Score, ScoreSheet


def compute_results(competition, entries=None):
    """{"criteria", "rows": [(entry, EntryResult)] ranked, "jurors"} from submitted, complete sheets."""
    criteria = competition.scored_criteria()
    criterion_ids = [c.id for c in criteria]
    by_code = {c.code: c.id for c in criteria}
    tie_break = [by_code[code] for code in competition.tie_break if code in by_code] or criterion_ids
    if entries is None:
        entries = list(Entry.objects.filter(competition=competition).scorable().for_listing().order_by("number"))
    sheets = defaultdict(lambda: defaultdict(dict))
    rows = Score.objects.filter(sheet__entry__competition=competition, sheet__status=SheetStatus.SUBMITTED).values_list(
        "sheet__entry_id", "sheet__juror_id", "criterion_id", "value"
    )
    for entry_id, juror_id, criterion_id, value in rows.iterator(chunk_size=5000):
        sheets[entry_id][juror_id][criterion_id] = value
    results = [
        scoring.compute_entry(
            e.id,
            sheets.get(e.id, {}),
            criterion_ids,
            method=competition.aggregation,
            pass_mark=competition.pass_mark,
            bands=competition.prize_bands,
            spread_threshold=competition.disagreement_threshold,
            outlier_threshold=competition.outlier_threshold,
        )
        for e in entries
    ]
    ranked = scoring.rank(results, tie_break)
    by_id = {e.id: e for e in entries}
    jurors = {j.id: j for j in Juror.objects.filter(competition=competition).select_related("user")}
    return {
        "criteria": criteria,
        "rows": [(by_id[r.entry_id], r) for r in ranked],
        "jurors": jurors,
        "total_points": scoring.points_total(criteria),
    }


def public_results(competition):
    """Published results: recognized entries only, in rank order."""
    data = compute_results(competition)
    data["rows"] = [(e, r) for e, r in data["rows"] if e.recognized]
    return data


def progress(competition):
    """Progress per juror and per entry for the managers' dashboard (constant queries)."""
    entries = list(
        Entry.objects.filter(competition=competition)
        .scorable()
        .for_listing()
        .annotate(
            submitted=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True),
            drafts=Count("sheets", filter=Q(sheets__status=SheetStatus.DRAFT), distinct=True),
            conflict_count=Count("conflicts", distinct=True),
        )
        .order_by("number")
    )
    jurors = list(
        Juror.objects.filter(competition=competition)
        .select_related("user")
        .annotate(
            submitted=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True),
            drafts=Count("sheets", filter=Q(sheets__status=SheetStatus.DRAFT), distinct=True),
            conflict_count=Count("conflicts", distinct=True),
            assigned=Count("assignments", distinct=True),
        )
    )
    total_entries = len(entries)
    balanced = competition.assignment_mode == AssignmentMode.BALANCED
    for j in jurors:
        j.expected = j.assigned if balanced else total_entries - j.conflict_count
    sheets = list(
        ScoreSheet.objects.filter(entry__competition=competition, status=SheetStatus.SUBMITTED)
        .select_related("entry", "juror__user")
        .order_by("entry__number", "juror_id")
    )
    return {"entries": entries, "jurors": jurors, "submitted_sheets": sheets}
