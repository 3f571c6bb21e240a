"""Competitions (bình chọn), their rubrics, entries, jurors and score sheets."""

from .audit import AuditEntry, ResultsAmendment
from .competitions import Competition, CompetitionQuerySet
from .entries import Entry, EntryDocument, EntryQuerySet
from .jury import Assignment, Conflict, Juror, NoConflictStatement
from .pages import CompetitionIndexPage
from .rubrics import Criterion, Rubric
from .sheets import Score, ScoreSheet

__all__ = [
    "Assignment",
    "AuditEntry",
    "Competition",
    "CompetitionIndexPage",
    "CompetitionQuerySet",
    "Conflict",
    "Criterion",
    "Entry",
    "EntryDocument",
    "EntryQuerySet",
    "Juror",
    "NoConflictStatement",
    "ResultsAmendment",
    "Rubric",
    "Score",
    "ScoreSheet",
]
