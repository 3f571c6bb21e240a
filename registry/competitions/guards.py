"""Model-level guards of the lifecycle that no screen can bypass.

Once the council has decided (decided, published, archived), the competition, its entries, jurors, assignments,
sheets, scores, conflicts, no-conflict statements and dossier files, and the certificates issued for its entries,
cannot be deleted: a ``pre_delete`` receiver raises :class:`~registry.competitions.lifecycle.ActionNotAllowed`
(``Action.DELETE_RECORDS``), whatever deletes them (admin, shell, cascade). The admin's delete views and the
permission policy ask :func:`delete_refusal` first, so the delete button is hidden and a direct request answers
409 with the reason.
"""

from django.db.models.signals import pre_delete

from .lifecycle import Action, ActionNotAllowed, refusal


def competition_of(instance):
    """The competition a competition record belongs to (``None`` when it has none, e.g. a catalogue certificate
    not issued by a competition)."""
    name = type(instance).__name__
    if name == "Competition":
        return instance
    if name in ("Entry", "Juror"):
        return instance.competition
    if name == "Score":
        return instance.sheet.entry.competition
    if name == "Certificate":
        entry = getattr(instance, "entry", None) if instance.pk else None
        return entry.competition if entry is not None else None
    entry = getattr(instance, "entry", None)
    return entry.competition if entry is not None else None


def delete_refusal(instance):
    """Why ``instance`` may not be deleted now (the lifecycle's reason), or ``None`` when it may."""
    try:
        competition = competition_of(instance)
    except Exception:  # a dangling relation: nothing to protect
        return None
    if competition is None or competition.pk is None:
        return None
    return refusal(competition, Action.DELETE_RECORDS)


def refuse_locked_delete(sender, instance, **kwargs):
    """``pre_delete`` receiver: raise ``ActionNotAllowed`` when the instance's competition is locked."""
    if delete_refusal(instance):
        raise ActionNotAllowed(competition_of(instance), Action.DELETE_RECORDS)


GUARDED_MODELS = (
    "competitions.Competition",
    "competitions.Entry",
    "competitions.EntryDocument",
    "competitions.Juror",
    "competitions.Assignment",
    "competitions.Conflict",
    "competitions.NoConflictStatement",
    "competitions.ScoreSheet",
    "competitions.Score",
    "catalogue.Certificate",
)


def connect():
    """Connect the delete guard to every guarded model (called from ``CompetitionsConfig.ready``)."""
    for label in GUARDED_MODELS:
        pre_delete.connect(refuse_locked_delete, sender=label, dispatch_uid=f"competitions-delete-guard-{label}")
