"""Writing the audit log."""

from ..models import AuditEntry


def record(action, competition, user=None, entry=None, sheet=None, old=None, new=None, reason=""):
    return AuditEntry.objects.create(
        competition=competition,
        entry=entry,
        sheet=sheet,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        old=old or {},
        new=new or {},
        reason=reason,
    )
