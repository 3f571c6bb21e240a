"""Approving is never one click: the "approve" actions of every workflow task (page editor, snippet editor, the
dashboard's "Đang chờ bạn duyệt" panel) open Wagtail's workflow action dialog, which shows what will happen, takes an
optional comment and asks for the confirming click. Registered in ``core/wagtail_hooks.py``."""

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

APPROVE = "approve"


def confirm_approvals(menu_items):
    """Make the approve items of a page or snippet action menu (``WorkflowMenuItem``) open the dialog."""
    for item in menu_items:
        if getattr(item, "name", None) == APPROVE and hasattr(item, "launch_modal"):
            item.launch_modal = True


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
