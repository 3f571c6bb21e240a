"""Approving says what happens and is never one click.

The labels of a workflow task's actions have one source, the task's ``get_actions`` (Wagtail's ``GroupApprovalTask``
answers "Request changes / Approve / Approve with comment"); ``install_approval_actions`` (from ``CoreConfig.ready``)
makes it answer one approve action, labelled by what it does — "Duyệt và xuất bản" when approving publishes (the last
task of the workflow), else "Duyệt" — which always opens Wagtail's workflow action dialog. The dialog takes an optional
comment, shows that label as its title and on its confirming button, and publishes only on that click. Every screen
reads these actions: the page and snippet editors' action menus (``confirm_approvals``, which also drops the "and
Publish" Wagtail adds there), the dashboard's "Đang chờ bạn duyệt" panel (``ConfirmingWorkflowObjectsToModeratePanel``)
and the dialog itself (Wagtail's ``check_action`` takes its title from the modal action's label). Hooks are
registered in ``core/wagtail_hooks.py``.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import GroupApprovalTask

APPROVE = "approve"
APPROVE_AND_PUBLISH = _("Duyệt và xuất bản")
APPROVE_ONLY = _("Duyệt")


def approval_publishes(obj):
    """Whether approving the current task of ``obj`` (a page or snippet in a workflow) publishes it: the rule Wagtail's
    action menus use ("and Publish" on the workflow's last task, unless re-approval on edit is required)."""
    state = getattr(obj, "current_workflow_state", None)
    if state is None or getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        return False
    return bool(state.is_at_final_task)


def approval_actions(actions, obj):
    """``actions`` (a task's ``[(name, label, opens_dialog)]``) with a single approve action that opens the dialog and
    is labelled ``APPROVE_AND_PUBLISH`` or ``APPROVE_ONLY``; the other actions are kept as they are."""
    result, approve_label = [], None
    for name, label, modal in actions:
        if name == APPROVE:
            if approve_label is None:
                approve_label = APPROVE_AND_PUBLISH if approval_publishes(obj) else APPROVE_ONLY
                result.append((name, approve_label, True))
            continue
        result.append((name, label, modal))
    return result


def install_approval_actions():
    """Make ``GroupApprovalTask.get_actions`` answer ``approval_actions`` (idempotent)."""
    original = GroupApprovalTask.get_actions
    if getattr(original, "approval_actions", False):
        return

    def get_actions(self, obj, user):
        return approval_actions(original(self, obj, user), obj)

    get_actions.approval_actions = True
    get_actions.__doc__ = original.__doc__
    GroupApprovalTask.get_actions = get_actions


def confirm_approvals(menu_items, obj, user):
    """Give the workflow items of a page or snippet action menu (``WorkflowMenuItem``) the labels and dialogs of the
    current task's ``get_actions`` for ``obj`` and ``user`` (Wagtail appends "and Publish" to the approve label)."""
    task = getattr(obj, "current_workflow_task", None) if obj is not None else None
    if task is None:
        return
    actions = {name: (label, modal) for name, label, modal in task.get_actions(obj, user)}
    for item in menu_items:
        name = getattr(item, "name", None)
        if name in actions and hasattr(item, "launch_modal"):
            item.label, modal = actions[name]
            item.launch_modal = item.launch_modal or modal


class ConfirmingWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review" dashboard panel whose approve buttons open the confirmation dialog."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            state["actions"] = [(name, label, modal or name == APPROVE) for name, label, modal in state["actions"]]
        return context


def replace_review_panel(panels):
    """Swap Wagtail's review panel in ``panels`` (the ``construct_homepage_panels`` list) for the confirming one."""
    for i, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[i] = ConfirmingWorkflowObjectsToModeratePanel()
