"""Pure scoring logic: score input, sheet totals, aggregation, ranking with tie-breaks, pass mark, prizes and flags.

No database access here: the services feed plain values in, so everything is testable with hand-computed numbers.
A missing score is ``None`` (never 0); a sheet with a missing score is incomplete and is left out of results.

This module is the one home of the scoring rules. ``parse_score``, ``score_fits`` and ``values_total`` have a
display-only twin in ``static/js/scoring.js`` (the portal's live total); ``tests/test_scoring_input.py`` runs both
on the same table of cases. ``ScoreSheet.objects.with_total()`` is ``values_total`` expressed in SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext

MEAN = "mean"
TRIMMED_MEAN = "trimmed-mean"
TRIM_MIN_SHEETS = 5
TWO_PLACES = Decimal("0.01")

Scores = Mapping[int, Decimal | None]


STEP = Decimal("0.5")
# digits, optionally one decimal separator (the Vietnamese comma or a point) and more digits; a leading minus is
# read as a number so that "-1" gets the range message rather than "not a number"
_NUMBER = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")


class NotANumber(ValueError):
    """The text typed in a score field is not a number (e.g. "abc", "3,2,1")."""


def q2(value: Decimal) -> Decimal:
    """``value`` rounded half up to two decimals (aggregated scores)."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def parse_score(text) -> Decimal | None:
    """The number a juror typed: ``"32,5"`` and ``"32.5"`` → ``Decimal("32.5")``, ``"40.00"`` → ``Decimal("40.00")``.

    Blank (or ``None``) → ``None`` (not scored). A ``Decimal``/``int`` passes through. Raises ``NotANumber`` for
    anything else. Whether the number is allowed is ``score_fits``.
    """
    if text is None:
        return None
    if isinstance(text, (Decimal, int)):
        return Decimal(text)
    text = str(text).strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        raise NotANumber(text)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid literals
        raise NotANumber(text) from exc


def score_fits(value: Decimal, max_points: Decimal) -> bool:
    """True when ``value`` is a multiple of 0,5 from 0 to ``max_points`` (both included)."""
    return Decimal(0) <= value <= max_points and value % STEP == 0


def format_number(value: Decimal | int | None) -> str:
    """A score in Vietnamese notation without trailing zeros: 32.5 → "32,5", 40.0 → "40", None → ""."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


def rule_message(max_points: Decimal) -> str:
    """The message shown beside a score that is out of range or off the 0,5 step (with the criterion's maximum)."""
    return gettext("Điểm phải là bội số của %(step)s, từ 0 đến %(max)s.") % {
        "step": format_number(STEP),
        "max": format_number(max_points),
    }


def not_a_number_message() -> str:
    """The message shown beside a score field that does not hold a number."""
    return gettext("Hãy nhập một số, ví dụ 32,5.")


def values_total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The total of one sheet's scores: the sum, or None when there is no value or any value is missing.

    The one rule behind ``sheet_total``, ``ScoreSheet.total``, the scoring form's total and (in SQL)
    ``ScoreSheetQuerySet.with_total``.
    """
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def sheet_total(scores: Scores, criterion_ids: Sequence[int]) -> Decimal | None:
    """The sheet's total over ``criterion_ids``, or None when any criterion has no score."""
    return values_total(scores.get(cid) for cid in criterion_ids)


def points_total(criteria: Iterable) -> Decimal:
    """The total points of a rubric: the sum of ``max_points`` of the criteria jurors score (top-level ones)."""
    return sum((c.max_points for c in criteria), Decimal(0))


def aggregate(values: Sequence[Decimal], method: str = MEAN) -> Decimal | None:
    """Mean of ``values``; the trimmed mean drops one highest and one lowest value when there are ≥ 5."""
    vals = sorted(values)
    if not vals:
        return None
    if method == TRIMMED_MEAN and len(vals) >= TRIM_MIN_SHEETS:
        vals = vals[1:-1]
    return q2(sum(vals, Decimal(0)) / len(vals))


def prize_for(score: Decimal | None, bands: Sequence[Mapping]) -> str:
    """The label of the highest band whose ``min`` the score reaches, or ''."""
    if score is None:
        return ""
    for band in sorted(bands, key=lambda b: Decimal(str(b["min"])), reverse=True):
        if score >= Decimal(str(band["min"])):
            return str(band["label"])
    return ""


def passes(score: Decimal | None, pass_mark: Decimal) -> bool:
    return score is not None and score >= pass_mark


@dataclass
class EntryResult:
    """The computed result of one entry."""

    entry_id: int
    score: Decimal | None
    criteria: dict[int, Decimal | None]
    sheet_totals: dict[int, Decimal]  # juror id → total of complete, submitted sheets
    sheet_count: int = 0
    rank: int | None = None
    passed: bool = False
    prize: str = ""
    spread: Decimal | None = None
    flagged_spread: bool = False
    outlier_jurors: list[int] = field(default_factory=list)


def spread(totals: Sequence[Decimal]) -> Decimal | None:
    return max(totals) - min(totals) if totals else None


def outliers(totals: Mapping[int, Decimal], threshold: Decimal) -> list[int]:
    """Jurors whose total differs from the mean of the other jurors by more than ``threshold`` (needs ≥ 3 sheets)."""
    if len(totals) < 3:
        return []
    found = []
    for juror_id, total in totals.items():
        others = [t for j, t in totals.items() if j != juror_id]
        mean_others = sum(others, Decimal(0)) / len(others)
        if abs(total - mean_others) > threshold:
            found.append(juror_id)
    return sorted(found)


def compute_entry(
    entry_id: int,
    sheets: Mapping[int, Scores],
    criterion_ids: Sequence[int],
    method: str = MEAN,
    pass_mark: Decimal = Decimal(70),
    bands: Sequence[Mapping] = (),
    spread_threshold: Decimal = Decimal(20),
    outlier_threshold: Decimal = Decimal(15),
) -> EntryResult:
    """Result of one entry from its submitted sheets (juror id → criterion id → value); incomplete sheets left out."""
    complete = {j: s for j, s in sheets.items() if sheet_total(s, criterion_ids) is not None}
    totals = {j: sheet_total(s, criterion_ids) for j, s in complete.items()}
    score = aggregate(list(totals.values()), method)
    per_criterion = {cid: aggregate([s[cid] for s in complete.values()], method) for cid in criterion_ids}
    sp = spread(list(totals.values()))
    return EntryResult(
        entry_id=entry_id,
        score=score,
        criteria=per_criterion,
        sheet_totals=totals,
        sheet_count=len(totals),
        passed=passes(score, pass_mark),
        prize=prize_for(score, bands) if passes(score, pass_mark) else "",
        spread=sp,
        flagged_spread=sp is not None and sp > spread_threshold,
        outlier_jurors=outliers(totals, outlier_threshold),
    )


def rank(results: Sequence[EntryResult], tie_break: Sequence[int] = ()) -> list[EntryResult]:
    """Sort by score then by the tie-break criteria (in order), highest first; entries without a score last.
    Entries equal on score and on every tie-break criterion share a rank (1, 2, 2, 4)."""

    def key(r: EntryResult):
        crit = tuple(-(r.criteria.get(cid) or Decimal(0)) for cid in tie_break)
        return (r.score is None, -(r.score or Decimal(0)), *crit)

    ordered = sorted(results, key=lambda r: (key(r), r.entry_id))
    previous = None
    for position, result in enumerate(ordered, start=1):
        if result.score is None:
            result.rank = None
            continue
        k = key(result)
        result.rank = previous[1] if previous and previous[0] == k else position
        previous = (k, result.rank)
    return ordered
