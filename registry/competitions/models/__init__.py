"""Competitions (bình chọn), their rubrics, entries, jurors and score sheets."""

from .competitions import Competition, CompetitionQuerySet

__all__ = ["Competition", "CompetitionQuerySet"]
