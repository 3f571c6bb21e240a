"""Writing the portal's transitions to the site's audit log (Wagtail's ``ModelLogEntry``, Reports → Site history,
with the imports' entries), the one home of both kinds: every step of an application (draft created and saved, file
uploaded or removed, submitted, resubmitted, and the center's decisions; also to its own history,
``ApplicationEvent``, shown to the producer and staff) and the steps of a claim of a producer record (requested,
approved, rejected, revoked; the claim row keeps its last decision)."""

from wagtail.log_actions import log

from ..choices import ApplicationAction
from ..models import ApplicationEvent

#: Wagtail audit-log action names, one per transition (labels registered in ``wagtail_hooks``).
LOG_ACTIONS = {
    ApplicationAction.CREATE: "producers.application.create",
    ApplicationAction.SAVE: "producers.application.save",
    ApplicationAction.UPLOAD: "producers.application.upload",
    ApplicationAction.REMOVE_FILE: "producers.application.remove_file",
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


#: Wagtail audit-log action names of the steps of a claim (labels registered in ``wagtail_hooks``).
CLAIM_LOG_ACTIONS = {
    "request": "producers.claim.request",
    "approve": "producers.claim.approve",
    "reject": "producers.claim.reject",
    "revoke": "producers.claim.revoke",
}


def record_claim(claim, step, user, **data):
    """Write the step ``step`` (a key of ``CLAIM_LOG_ACTIONS``) of ``claim`` (a ``ProducerClaim``) by ``user`` (the
    claimant or the staff member) to the audit log, with the producer, the account's address, the claim's status
    and reason; ``data`` adds JSON-serialisable details (e.g. ``existing_links``: addresses already acting)."""
    actor = user if user is not None and user.is_authenticated else None
    log(
        instance=claim,
        action=CLAIM_LOG_ACTIONS[step],
        user=actor,
        data={
            "producer": claim.shown_name,
            "account": claim.account.user.email,
            "status": claim.status,
            "reason": claim.decision_reason,
            **data,
        },
    )
