"""The published results page (``/binh-chon/<slug>/ket-qua/``) in bounded work per request.

Published results are immutable except through an audited amendment (services/amendments.py), so their ranking
(rank, score, criterion means, prize and product group of every recognized entry) is computed once per *results
version* and kept in the page cache's backend. The version names everything that can change what the page shows
after publication: the publication time, the latest amendment (version 2, 3, …) and the entries' certificates (a
certificate reissued by an amendment or revoked by a manager). Each request then reads the version (one query),
the ranking (one cache read, recomputed on a miss), and only the entries of the page it shows (one query, plus one
for their English titles): the HTML, the entry rows and the queries stay the same whatever the number of entries.

Query-string values are untrusted: an unknown group or prize is ignored (the page says so), ``?page=abc`` gives the
first page and ``?page=999999`` the last (``paginate``).
"""

from dataclasses import dataclass

from django.db.models import Count, Max

from core.page_cache import cache
from core.translation import show_in_language
from registry.catalogue.choices import ProductGroup

from ..models import Entry
from ..paging import paginate
from .results import public_results

PER_PAGE = 25
"""Entries on one page of the published results."""

SHAPE = "competition-ranking-v1"
"""Name and shape of the cached ranking: change it whenever ``RankedRow`` or ``ranking()``'s dict changes."""

TIMEOUT = 7 * 24 * 3600  # a week: the key changes with every amendment or revocation anyway


@dataclass(frozen=True)
class RankedRow:
    """One recognized entry of published results, as the public page shows it: ``rank`` (1 = best, ties share),
    ``score`` and ``criteria`` (Decimal means per scored criterion, in rubric order; None when a criterion has no
    score), ``prize`` (a band's label or "") and ``group`` (a ``ProductGroup`` value or "")."""

    entry_id: int
    rank: int | None
    score: object
    criteria: tuple
    prize: str
    group: str


def results_version(competition):
    """A string naming the published results of ``competition`` as they are now: publication time, number and latest
    version of amendments, and the fingerprint of the entries' certificates (count, newest id, revocations). One
    query. Any amendment or revocation gives a new string, so a ranking cached under the old one is never read."""
    certificates = Entry.objects.filter(competition=competition, certificate__isnull=False).aggregate(
        n=Count("certificate"),
        top=Max("certificate_id"),
        revoked=Count("certificate__revoked_at"),
        last_revoked=Max("certificate__revoked_at"),
    )
    amendments = competition.amendments.aggregate(n=Count("pk"), top=Max("version"))
    published = competition.results_published_at.isoformat() if competition.results_published_at else "-"
    parts = (
        competition.status,
        published,
        amendments["n"],
        amendments["top"] or 1,
        certificates["n"],
        certificates["top"] or 0,
        certificates["revoked"],
        certificates["last_revoked"] or "-",
    )
    return ":".join(str(part) for part in parts)


def _compute(competition):
    data = public_results(competition)
    rows = [
        RankedRow(
            entry_id=entry.id,
            rank=result.rank,
            score=result.score,
            criteria=tuple(result.criteria.values()),
            prize=result.prize,
            group=entry.product_group or "",
        )
        for entry, result in data["rows"]
    ]
    return {"criteria": [(c.code, c.name) for c in data["criteria"]], "rows": rows}


def ranking(competition, version=None):
    """``{"criteria": [(code, name)], "rows": [RankedRow]}`` of the recognized entries of the published
    ``competition`` in rank order, read from the cache for its current ``results_version`` (computed and stored on
    a miss: a fixed number of queries, ``services.results.compute_results``)."""
    version = version or results_version(competition)
    key = f"{SHAPE}:{competition.pk}:{version}"
    value = cache().get(key)
    if value is None:
        value = _compute(competition)
        cache().set(key, value, TIMEOUT)
    return value


def _choice(request, name, allowed):
    """The value of query parameter ``name`` if it is one of ``allowed``; ("", True) when absent, ("", False) when
    the visitor sent an unknown value (ignored, and the page says so)."""
    value = request.GET.get(name, "")
    if value == "" or value in allowed:
        return value, True
    return "", False


def _options(values, labels, counts, selected):
    return [
        {"value": value, "label": labels.get(value, value), "count": counts[value], "selected": value == selected}
        for value in values
        if counts.get(value)
    ]


def results_context(request, competition):
    """Context of one page of the published results: ``criteria``, ``page_obj`` (its ``object_list`` holds (entry,
    RankedRow) pairs, entries with product, producer and certificate), ``total`` (recognized entries),
    ``shown_total`` (after the filters), ``group_options`` / ``prize_options`` (value, label, count, selected),
    the selected ``group`` and ``prize``, and ``ignored_filter`` when an unknown value was dropped. Four queries
    when the ranking is cached, whatever the number of entries."""
    data = ranking(competition)
    rows = data["rows"]
    group_counts, prize_counts, prizes = {}, {}, []
    for row in rows:
        if row.group:
            group_counts[row.group] = group_counts.get(row.group, 0) + 1
        if row.prize:
            if row.prize not in prize_counts:
                prizes.append(row.prize)  # in rank order: the best band first
            prize_counts[row.prize] = prize_counts.get(row.prize, 0) + 1
    group, group_ok = _choice(request, "group", group_counts)
    prize, prize_ok = _choice(request, "prize", prize_counts)
    shown = [r for r in rows if (not group or r.group == group) and (not prize or r.prize == prize)]
    page = paginate(request, shown, PER_PAGE)
    entries = Entry.objects.filter(pk__in=[r.entry_id for r in page.object_list]).select_related(
        "product", "producer", "certificate"
    )
    by_id = {entry.pk: entry for entry in entries}
    show_in_language([entry.product for entry in by_id.values()])  # English titles: 1 query
    page.object_list = [(by_id[r.entry_id], r) for r in page.object_list if r.entry_id in by_id]
    group_labels = {value: str(label) for value, label in ProductGroup.choices}
    return {
        "criteria": data["criteria"],
        "page_obj": page,
        "total": len(rows),
        "shown_total": len(shown),
        "group": group,
        "prize": prize,
        "group_options": _options(list(group_labels), group_labels, group_counts, group),
        "prize_options": _options(prizes, {}, prize_counts, prize),
        "ignored_filter": not (group_ok and prize_ok),
    }
