"""The lists of entries jurors, the chair and managers work through, one page at a time: the juror's competition
page (to score / submitted, by product group), the progress of scoring (the chair's council page and the managers'
dashboard) and the council's decisions (admin). Each runs a fixed number of queries and draws at most one page of
entries, whatever the number of entries; the filters are django-filter sets (registry/competitions/filters.py).

Blindness is unchanged: the juror's list is ``access.visible_entries`` (conflicts removed, assignments respected),
titles are ``presentation.jury_title``, and a juror only ever sees the status and total of their own sheets.
"""

from collections import defaultdict

from django.db.models import Count, OuterRef, Q, Subquery

from registry.catalogue.choices import ProductGroup

from ..choices import JurorState, ProgressState, SheetStatus
from ..filters import JurorEntryFilter, ProgressFilter
from ..models import Entry, ScoreSheet
from ..paging import paginate
from .access import visible_entries
from .presentation import jury_title
from .results import compute_results, progress

JUROR_PER_PAGE = 20
"""Entries on one page of a juror's competition page."""

PROGRESS_PER_PAGE = 30
"""Entries on one page of the progress tables (dashboard, council) and of the decisions."""


def _group_options(counts, selected):
    """Options of the product-group filter (value, label, count, selected) for groups that have entries."""
    return [
        {"value": value, "label": label, "count": counts[value], "selected": value == selected}
        for value, label in ProductGroup.choices
        if counts.get(value)
    ]


def _group_counts(queryset):
    rows = queryset.order_by().values("product_group").annotate(n=Count("pk")).values_list("product_group", "n")
    return {value: n for value, n in rows if value}


def _state_options(choices, counts, selected):
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "selected": value == selected}
        for value, label in choices
    ]


def juror_entries(request, seat):
    """Context of the juror's competition page: ``page_obj`` (entries with ``own_sheet`` {"status", "total"} or
    None and ``shown_title``), ``total`` and ``done`` (entries visible to the juror and those with their sheet
    submitted), ``state_options`` (to score / submitted with counts), ``group_options``, ``filter`` (its
    ``invalid`` says an unknown value was ignored). Six queries whatever the number of entries."""
    competition = seat.competition
    own = ScoreSheet.objects.filter(juror=seat, entry=OuterRef("pk")).order_by().values("status")[:1]
    base = visible_entries(seat)
    entries = base.annotate(own_status=Subquery(own))
    counts = entries.aggregate(total=Count("pk"), done=Count("pk", filter=Q(own_status=SheetStatus.SUBMITTED)))
    filterset = JurorEntryFilter(request.GET, queryset=entries)
    page = paginate(request, filterset.qs, JUROR_PER_PAGE)
    rows = list(page.object_list)
    sheets = ScoreSheet.objects.filter(juror=seat, entry_id__in=[e.pk for e in rows]).with_total()
    own_sheets = {s["entry_id"]: s for s in sheets.values("entry_id", "status", "total")}
    for entry in rows:
        entry.competition = competition
        entry.own_sheet = own_sheets.get(entry.pk)
        entry.shown_title = jury_title(entry)
    page.object_list = rows
    selected = filterset.form.cleaned_data if filterset.is_valid() else {}
    state_counts = {JurorState.TODO: counts["total"] - counts["done"], JurorState.DONE: counts["done"]}
    return {
        "page_obj": page,
        "total": counts["total"],
        "done": counts["done"],
        "state": selected.get("state") or "",
        "group": selected.get("group") or "",
        "state_options": _state_options(JurorState.choices, state_counts, selected.get("state") or ""),
        "group_options": _group_options(_group_counts(base), selected.get("group") or ""),
        "filter": filterset,
    }


def _scorable(competition):
    return Entry.objects.filter(competition=competition).scorable().order_by("number")


LIGHT_FIELDS = ("id", "competition_id", "number", "code", "status", "product_group", "recognized")
"""What ``compute_results`` and the filters' states read of every entry: the page's entries are then read whole
(product, producer, certificate) for one page only."""


def _results(competition):
    """``compute_results`` over every scorable entry read without its product, producer and certificate (the cost
    that grew with the entries was building those objects, not scoring), or an empty result without a rubric."""
    if not competition.rubric_id:
        return {"rows": [], "criteria": [], "jurors": {}}
    return compute_results(competition, entries=list(_scorable(competition).only(*LIGHT_FIELDS)))


def _states(rows):
    """{ProgressState value: set of entry ids} from ``compute_results`` rows."""
    states = defaultdict(set)
    for entry, result in rows:
        if not entry.quorum_met:
            states[ProgressState.BELOW_QUORUM].add(entry.pk)
        if result.flagged_spread or result.outlier_jurors:
            states[ProgressState.FLAGGED].add(entry.pk)
        if entry.recognition_refusal is None:
            states[ProgressState.PASSED].add(entry.pk)
        if entry.recognized:
            states[ProgressState.RECOGNIZED].add(entry.pk)
    return states


def _progress_filter(request, competition, results):
    """(ProgressFilter bound to the query string, the filter's template context) for the entries of ``results``
    (``compute_results``): the states' counts, the groups' counts, the selected values."""
    states = _states(results["rows"])
    filterset = ProgressFilter(request.GET, queryset=_scorable(competition), states=states)
    selected = filterset.form.cleaned_data if filterset.is_valid() else {}
    counts = {state: len(ids) for state, ids in states.items()}
    options = {
        "filter": filterset,
        "state": selected.get("state") or "",
        "group": selected.get("group") or "",
        "state_options": _state_options(ProgressState.choices, counts, selected.get("state") or ""),
        "group_options": _group_options(_group_counts(_scorable(competition)), selected.get("group") or ""),
        "entry_total": len(results["rows"]),
    }
    return filterset, options


def progress_listing(request, competition):
    """Context of one page of scoring progress (the managers' dashboard and the chair's council page): ``jurors``
    (every juror with counts: a council is small), ``page_obj`` of entries annotated as ``results.progress`` does
    plus ``result`` (its ``EntryResult``) and ``quorum_required``, the ``submitted_sheets`` and ``void_sheets`` of
    those entries only, ``jurors_by_id``,
    the filter's options (state with counts, product group). A fixed number of queries; the results of every
    entry are computed (to count the states) but only one page of entries and their sheets is drawn."""
    results = _results(competition)
    by_id = {entry.pk: (entry, result) for entry, result in results["rows"]}
    filterset, options = _progress_filter(request, competition, results)
    page = paginate(request, filterset.qs.only("pk"), PROGRESS_PER_PAGE)
    ids = [entry.pk for entry in page.object_list]
    data = progress(competition, entry_ids=ids, entry_total=len(results["rows"]))
    for entry in data["entries"]:
        scored = by_id.get(entry.pk)
        entry.result = scored[1] if scored else None
        entry.quorum_required = scored[0].quorum_required if scored else 0
    page.object_list = data["entries"]
    return {
        "jurors": data["jurors"],
        "jurors_by_id": results["jurors"],
        "page_obj": page,
        "submitted_sheets": data["submitted_sheets"],
        "void_sheets": data["void_sheets"],
        **options,
    }


def decisions_listing(request, competition):
    """Context of one page of the council's decisions (admin): ``criteria``, ``page_obj`` of (entry, EntryResult)
    in rank order, the filter's options. The whole ranking is computed (ranks need every entry), one page drawn."""
    results = _results(competition)
    filterset, options = _progress_filter(request, competition, results)
    wanted = set(filterset.qs.values_list("pk", flat=True))
    page = paginate(request, [row for row in results["rows"] if row[0].pk in wanted], PROGRESS_PER_PAGE)
    full = Entry.objects.filter(pk__in=[entry.pk for entry, _result in page.object_list]).for_listing()
    full = {entry.pk: entry for entry in full}
    rows = []
    for light, result in page.object_list:
        entry = full[light.pk]
        for name in ("quorum_required", "quorum_met", "recognition_refusal", "outcome"):
            setattr(entry, name, getattr(light, name))
        rows.append((entry, result))
    page.object_list = rows
    return {"criteria": results["criteria"], "page_obj": page, **options}
