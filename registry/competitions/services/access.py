"""Who may see what: jurors' entries (conflicts removed, assignments respected) and peers' scores."""

from django.contrib.auth.models import AnonymousUser

from core.roles import JURORS

from ..choices import AssignmentMode, CompetitionStatus, PeerVisibility
from ..models import Entry, Juror

# Jurors see their competitions in every state (read-only outside scoring: the lifecycle says what they may do).
PORTAL_STATUSES = list(CompetitionStatus)
MANAGE_PERMISSION = "competitions.manage_competitions"


def is_manager(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MANAGE_PERMISSION))


def may_use_portal(user) -> bool:
    """Whether ``user`` may enter the jurors' portal at all (``/giam-khao/``): a seat on a council (any
    competition), the "Giám khảo" group (invited, seat still to come), or a competition manager. Everyone else
    signed in gets 403 (the views' ``juror_required``); what each juror then sees is ``juror_seats``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_manager(user) or Juror.objects.filter(user=user).exists() or user.groups.filter(name=JURORS.name).exists()


def juror_seats(user):
    """The user's seats on councils of competitions visible in the portal."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return Juror.objects.none()
    return Juror.objects.filter(user=user, competition__status__in=PORTAL_STATUSES).select_related(
        "competition", "competition__rubric", "user"
    )


def visible_entries(juror):
    """Entries this juror may see and score: scorable, not conflicted, and assigned when assignment is balanced."""
    qs = (
        Entry.objects.filter(competition_id=juror.competition_id)
        .scorable()
        .exclude(conflicts__juror=juror)
        .select_related("product", "producer")
    )
    if juror.competition.assignment_mode == AssignmentMode.BALANCED:
        qs = qs.filter(assignments__juror=juror)
    return qs.order_by("number")


def may_see_peers(juror, own_sheet) -> bool:
    """Rule 4: peers' scores only after submitting one's own, and only if the competition allows it."""
    policy = juror.competition.peer_visibility
    if policy == PeerVisibility.NEVER:
        return False
    if own_sheet is None or not own_sheet.is_submitted:
        return False
    if policy == PeerVisibility.AFTER_CLOSING:
        return juror.competition.status in (
            CompetitionStatus.CLOSED,
            CompetitionStatus.DECIDED,
            CompetitionStatus.PUBLISHED,
            CompetitionStatus.ARCHIVED,
        )
    return True


def can_reopen(user, competition) -> bool:
    """The chair of the competition or a manager."""
    if is_manager(user):
        return True
    return Juror.objects.filter(user=user, competition=competition, role="chair").exists()
