"""Writing an application's transitions: its own history (``ApplicationEvent``, shown to the producer and staff)
and the site's audit log (Wagtail's ``ModelLogEntry``, Reports → Site history, with the imports' entries)."""

from wagtail.log_actions import log

from ..choices import ApplicationAction
from ..models import ApplicationEvent

#: Wagtail audit-log action names, one per transition (labels registered in ``wagtail_hooks``).
LOG_ACTIONS = {
    ApplicationAction.SUBMIT: "producers.application.submit",
    ApplicationAction.RESUBMIT: "producers.application.resubmit",
    ApplicationAction.MORE_INFO: "producers.application.more_info",
    ApplicationAction.ACCEPT: "producers.application.accept",
    ApplicationAction.REJECT: "producers.application.reject",
}


def record(application, action, user, note="", **data):
    """Write the transition ``action`` (a key of ``LOG_ACTIONS``) of ``application`` by ``user`` with ``note`` to
    both logs; ``data`` adds JSON-serialisable details to the audit entry. Returns the ``ApplicationEvent``."""
    actor = user if user is not None and user.is_authenticated else None
    event = ApplicationEvent.objects.create(application=application, action=action, user=actor, note=note)
    log(
        instance=application,
        action=LOG_ACTIONS[action],
        user=actor,
        data={"code": application.code, "status": application.status, "note": note, **data},
    )
    return event
