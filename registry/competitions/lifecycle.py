"""The competition lifecycle: the one place that says which action is allowed in which state.

States, in order: draft → entries open → scoring → scoring closed → decided → published → archived.
Every view, admin action, task and e-mail asks :func:`ensure_allowed` (or :func:`allowed` / :func:`refusal`
to draw a disabled control with its reason) before acting. A refused action raises :class:`ActionNotAllowed`,
which the judges' portal and the admin turn into a 409 with the Vietnamese reason, never a 500.

Moving forward is one step at a time; moving back one step is a manager action that needs a reason and is
audited (see ``services.council.change_status``). A published competition never moves back: its results only
change through an audited amendment (``services.amendments``).
"""

from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import CompetitionStatus as S


class Action(StrEnum):
    """Everything a juror, the chair or a manager may try to do to a competition."""

    OPEN_ENTRIES = "open-entries"
    OPEN_SCORING = "open-scoring"
    EDIT_SHEET = "edit-sheet"
    SUBMIT_SHEET = "submit-sheet"
    REOPEN_SHEET = "reopen-sheet"
    CONFIRM_NO_CONFLICT = "confirm-no-conflict"
    DECLARE_CONFLICT = "declare-conflict"
    SEND_REMINDERS = "send-reminders"
    CLOSE_SCORING = "close-scoring"
    DECIDE = "decide"
    MARK_DECIDED = "mark-decided"
    ISSUE_CERTIFICATES = "issue-certificates"
    PUBLISH = "publish"
    AMEND = "amend"
    ARCHIVE = "archive"
    MOVE_BACK = "move-back"
    DELETE_RECORDS = "delete-records"


#: For each state, the actions allowed in it. Anything not listed is refused.
ALLOWED = {
    S.DRAFT: {Action.OPEN_ENTRIES, Action.DELETE_RECORDS},
    S.ENTRIES_OPEN: {Action.OPEN_SCORING, Action.MOVE_BACK, Action.DELETE_RECORDS},
    S.SCORING: {
        Action.EDIT_SHEET,
        Action.SUBMIT_SHEET,
        Action.REOPEN_SHEET,
        Action.CONFIRM_NO_CONFLICT,
        Action.DECLARE_CONFLICT,
        Action.SEND_REMINDERS,
        Action.CLOSE_SCORING,
        Action.MOVE_BACK,
        Action.DELETE_RECORDS,
    },
    S.CLOSED: {Action.DECIDE, Action.MARK_DECIDED, Action.MOVE_BACK, Action.DELETE_RECORDS},
    S.DECIDED: {Action.DECIDE, Action.ISSUE_CERTIFICATES, Action.PUBLISH, Action.MOVE_BACK},
    S.PUBLISHED: {Action.AMEND, Action.ARCHIVE},
    S.ARCHIVED: set(),
}

#: The state each forward action leads to.
FORWARD = {
    Action.OPEN_ENTRIES: S.ENTRIES_OPEN,
    Action.OPEN_SCORING: S.SCORING,
    Action.CLOSE_SCORING: S.CLOSED,
    Action.MARK_DECIDED: S.DECIDED,
    Action.PUBLISH: S.PUBLISHED,
    Action.ARCHIVE: S.ARCHIVED,
}

#: One step back (manager, reason required). Published and archived competitions never move back.
BACK = {
    S.ENTRIES_OPEN: S.DRAFT,
    S.SCORING: S.ENTRIES_OPEN,
    S.CLOSED: S.SCORING,
    S.DECIDED: S.CLOSED,
}

# Why an action is refused, by the group of states where it would be allowed.
_REASONS = {
    Action.EDIT_SHEET: _("Chỉ sửa phiếu chấm khi cuộc bình chọn đang chấm điểm."),
    Action.SUBMIT_SHEET: _("Chỉ nộp phiếu chấm khi cuộc bình chọn đang chấm điểm."),
    Action.REOPEN_SHEET: _("Chỉ mở lại phiếu chấm khi cuộc bình chọn đang chấm điểm."),
    Action.CONFIRM_NO_CONFLICT: _("Chỉ cam kết không xung đột lợi ích khi cuộc bình chọn đang chấm điểm."),
    Action.DECLARE_CONFLICT: _("Chỉ khai báo xung đột lợi ích khi cuộc bình chọn đang chấm điểm."),
    Action.SEND_REMINDERS: _("Chỉ gửi thư nhắc khi cuộc bình chọn đang chấm điểm."),
    Action.DECIDE: _("Hội đồng chỉ quyết định sau khi kết thúc chấm và trước khi công bố kết quả."),
    Action.ISSUE_CERTIFICATES: _("Chỉ cấp giấy chứng nhận sau khi hội đồng đã quyết định và trước khi công bố."),
    Action.AMEND: _("Chỉ sửa đổi kết quả sau khi đã công bố; trước đó hãy sửa trực tiếp."),
    Action.MOVE_BACK: _("Cuộc bình chọn ở trạng thái này không thể lùi lại."),
    Action.DELETE_RECORDS: _(
        "Hội đồng đã quyết định hoặc kết quả đã công bố: không xóa được cuộc bình chọn, hồ sơ, giám khảo, phiếu chấm "
        "hay khai báo xung đột; kết quả chỉ thay đổi qua “Sửa đổi kết quả đã công bố”."
    ),
}


class ActionNotAllowed(ValidationError):
    """An action refused in the competition's current state (a ``ValidationError``, so no caller turns it into
    a 500). ``reason`` is the Vietnamese explanation; views answer 409 Conflict with it."""

    status_code = 409

    def __init__(self, competition, action, message=None):
        self.competition, self.action = competition, Action(action)
        self.reason = message or refusal(competition, action)
        super().__init__(self.reason, code="lifecycle")


def state_of(competition) -> S:
    """The competition's lifecycle state."""
    return S(competition.status)


def allowed(competition, action) -> bool:
    """Whether ``action`` is allowed in the competition's current state."""
    return Action(action) in ALLOWED[state_of(competition)]


def refusal(competition, action):
    """The Vietnamese reason ``action`` is refused now, or ``None`` when it is allowed."""
    action = Action(action)
    if allowed(competition, action):
        return None
    if action in _REASONS:
        return _REASONS[action]
    if action in FORWARD:
        return _("Không thể chuyển từ “%(current)s” sang “%(target)s”.") % {
            "current": state_of(competition).label,
            "target": FORWARD[action].label,
        }
    return _("Thao tác này không được phép ở trạng thái “%(current)s”.") % {"current": state_of(competition).label}


def ensure_allowed(competition, action) -> None:
    """Raise :class:`ActionNotAllowed` unless ``action`` is allowed in the competition's current state."""
    if not allowed(competition, action):
        raise ActionNotAllowed(competition, action)


def next_action(competition):
    """The forward move available now (an :class:`Action` from ``FORWARD``), or ``None``."""
    for action in FORWARD:
        if allowed(competition, action):
            return action
    return None


def previous_state(competition):
    """The state a manager may move back to, or ``None``."""
    return BACK.get(state_of(competition)) if allowed(competition, Action.MOVE_BACK) else None


#: Published or archived: nothing changes any more except through an amendment.
FROZEN_STATES = (S.PUBLISHED, S.ARCHIVED)


def is_frozen(competition) -> bool:
    """Published or archived: nothing changes any more except through an amendment."""
    return state_of(competition) in FROZEN_STATES
