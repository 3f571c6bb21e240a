"""Results of a competition computed in a constant number of queries (whatever the number of entries), with
each entry's quorum and eligibility for recognition."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from .. import scoring
from ..choices import AssignmentMode, SheetStatus
from ..models import Assignment, Conflict, Entry, Juror, Score, ScoreSheet


def compute_results(competition, entries=None):
    """{"criteria", "rows": [(entry, EntryResult)] ranked, "jurors"} from submitted, complete sheets."""
    criteria = competition.scored_criteria()
    criterion_ids = [c.id for c in criteria]
    by_code = {c.code: c.id for c in criteria}
    tie_break = [by_code[code] for code in competition.tie_break if code in by_code] or criterion_ids
    if entries is None:
        entries = list(Entry.objects.filter(competition=competition).scorable().for_listing().order_by("number"))
    sheets = defaultdict(lambda: defaultdict(dict))
    conflicted = Conflict.objects.filter(juror_id=OuterRef("sheet__juror_id"), entry_id=OuterRef("sheet__entry_id"))
    rows = (
        Score.objects.filter(sheet__entry__competition=competition, sheet__status=SheetStatus.SUBMITTED)
        .exclude(Exists(conflicted))
        .values_list("sheet__entry_id", "sheet__juror_id", "criterion_id", "value")
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
    required = quorum_required(competition, entries, jurors)
    for r in ranked:
        entry = by_id[r.entry_id]
        entry.quorum_required = required[entry.id]
        entry.quorum_met = r.sheet_count >= max(required[entry.id], 1)
        entry.recognition_refusal = recognition_refusal(competition, entry, r)
        entry.outcome = outcome_label(entry, r)
    return {
        "criteria": criteria,
        "rows": [(by_id[r.entry_id], r) for r in ranked],
        "jurors": jurors,
        "total_points": scoring.points_total(criteria),
    }


def vn_number(value):
    """A Decimal in Vietnamese notation without trailing zeros: 70 → "70", 32.50 → "32,5"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def quorum_required(competition, entries, jurors=None):
    """{entry id: number of submitted sheets the entry needs}: ``competition.quorum`` when set, otherwise every
    juror expected on the entry (all jurors, or the assigned ones in balanced mode) without a conflict on it.
    Three queries whatever the number of entries."""
    juror_ids = (
        set(jurors)
        if jurors is not None
        else set(Juror.objects.filter(competition=competition).values_list("id", flat=True))
    )
    conflicts = defaultdict(set)
    for juror_id, entry_id in Conflict.objects.filter(juror__competition=competition).values_list(
        "juror_id", "entry_id"
    ):
        conflicts[entry_id].add(juror_id)
    if competition.assignment_mode == AssignmentMode.BALANCED:
        expected = defaultdict(set)
        pairs = Assignment.objects.filter(juror__competition=competition).values_list("juror_id", "entry_id")
        for juror_id, entry_id in pairs:
            expected[entry_id].add(juror_id)
    else:
        expected = defaultdict(lambda: juror_ids)
    if competition.quorum:
        return {e.id: competition.quorum for e in entries}
    return {e.id: len(expected[e.id] - conflicts[e.id]) for e in entries}


def recognition_refusal(competition, entry, result):
    """Why the council may not recognize ``entry`` (a Vietnamese sentence), or ``None``: it needs at least one
    sheet, the quorum of submitted sheets and the pass mark."""
    if result.sheet_count == 0:
        return _("Hồ sơ chưa có phiếu chấm nào được nộp.")
    if not entry.quorum_met:
        return _("Hồ sơ chưa đủ số phiếu: %(n)s/%(required)s phiếu.") % {
            "n": result.sheet_count,
            "required": entry.quorum_required,
        }
    if not result.passed:
        return _("Hồ sơ chưa đạt điểm đạt %(mark)s.") % {"mark": vn_number(competition.pass_mark)}
    return None


def outcome_label(entry, result):
    """The "Kết quả" shown in the minutes and the XLSX, consistent with what the council may decide: "Đạt" only
    for an entry it may recognize (quorum and pass mark), "Chưa đủ phiếu" below quorum, else "Không đạt"."""
    if entry.recognition_refusal is None:
        return _("Đạt")
    if result.sheet_count == 0 or not entry.quorum_met:
        return _("Chưa đủ phiếu")
    return _("Không đạt")


def result_of(entry):
    """(entry annotated with quorum and eligibility, EntryResult) for one entry of its competition."""
    competition = entry.competition
    rows = compute_results(competition, entries=[entry])["rows"]
    return rows[0]


def closing_warnings(competition):
    """What a manager should confirm before closing scoring: entries below quorum and outstanding drafts.
    {"below_quorum": [(entry, submitted, required)], "drafts": [ScoreSheet]}."""
    data = compute_results(competition)
    below = [(e, r.sheet_count, e.quorum_required) for e, r in data["rows"] if not e.quorum_met]
    below.sort(key=lambda row: row[0].number)
    drafts = list(
        ScoreSheet.objects.filter(entry__competition=competition, status=SheetStatus.DRAFT)
        .select_related("entry", "juror__user")
        .order_by("entry__number", "juror_id")
    )
    return {"below_quorum": below, "drafts": drafts}


def public_results(competition):
    """Published results: recognized entries only, in rank order."""
    data = compute_results(competition)
    data["rows"] = [(e, r) for e, r in data["rows"] if e.recognized]
    return data


def progress(competition, entry_ids=None, entry_total=None):
    """Progress per juror and per entry for the managers' dashboard and the chair's council page (constant
    queries): {"entries" (annotated with submitted, drafts, void and conflict counts), "jurors" (annotated with
    submitted, drafts, conflict_count, assigned and ``expected``), "submitted_sheets", "void_sheets"}. With
    ``entry_ids`` (one page of a listing: services/listings.py) only those entries and their sheets are read; the
    jurors' counts are always over the whole competition (``entry_total``: its number of scorable entries, counted
    when not given)."""
    entries = (
        Entry.objects.filter(competition=competition)
        .scorable()
        .for_listing()
        .annotate(
            submitted=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True),
            drafts=Count("sheets", filter=Q(sheets__status=SheetStatus.DRAFT), distinct=True),
            void=Count("sheets", filter=Q(sheets__status=SheetStatus.VOID), distinct=True),
            conflict_count=Count("conflicts", distinct=True),
        )
        .order_by("number")
    )
    sheets = ScoreSheet.objects.filter(entry__competition=competition)
    if entry_ids is not None:
        entries = entries.filter(pk__in=entry_ids)
        sheets = sheets.filter(entry_id__in=entry_ids)
    entries = list(entries)
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
    if entry_total is None:
        entry_total = (
            len(entries) if entry_ids is None else Entry.objects.filter(competition=competition).scorable().count()
        )
    balanced = competition.assignment_mode == AssignmentMode.BALANCED
    for j in jurors:
        j.expected = j.assigned if balanced else entry_total - j.conflict_count
    submitted = list(
        sheets.filter(status=SheetStatus.SUBMITTED)
        .select_related("entry", "juror__user")
        .order_by("entry__number", "juror_id")
    )
    void_sheets = list(
        sheets.filter(status=SheetStatus.VOID)
        .select_related("entry", "juror__user")
        .order_by("entry__number", "juror_id")
    )
    return {"entries": entries, "jurors": jurors, "submitted_sheets": submitted, "void_sheets": void_sheets}
