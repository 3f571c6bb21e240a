"""Moderation of news: editors write and submit, approvers publish.

``setup_moderation(*pages)`` (called by ``manage.py setup_site`` with the news and bulletin index pages; safe to run
again) gives:

* the roles of ``core.roles`` their permissions on ``pages``: **Biên tập viên** (editors) add and edit pages there
  and upload pictures and documents, but never publish; **Người duyệt tin** (moderators) add, edit, publish, lock
  and unlock;
* the workflow **Duyệt tin bài** with one task, **Ban biên tập duyệt** (a group approval task for the moderators),
  assigned to ``pages``, so "Gửi duyệt" sends an article to the approvers. Until 29 Nov 2026 the workflow was called
  "Duyệt tin tức", which Wagtail's own Vietnamese turned into the button "Thực hiện Duyệt tin tức" (it sounded like
  approving); ``setup_site`` renames it. The buttons themselves read "Gửi duyệt", "Duyệt và xuất bản", "Yêu cầu sửa"
  (our catalog ``locale_admin/vi``), and approving asks for confirmation (``core/admin_workflow.py``).

Scheduled publishing: an editor sets "Go live date" (``go_live_at``) in the Publishing panel; once approved, the
page waits as "scheduled" and goes live when ``manage.py publish_scheduled`` runs after that moment. Run it from
cron every few minutes on the server, e.g.::

    */5 * * * *  cd /srv/khuyencong && .venv/bin/python manage.py publish_scheduled >> /var/log/khuyencong/publish.log 2>&1
"""

from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from core.roles import MODERATORS, SECTION_NEWS, ensure_roles, role_group

WORKFLOW_NAME = "Duyệt tin bài"
TASK_NAME = "Ban biên tập duyệt"
FORMER_WORKFLOW_NAMES = ("Duyệt tin tức",)


@transaction.atomic
def setup_moderation(*pages):
    """Give the editors' and moderators' groups their permissions on ``pages`` (the news and bulletin index pages)
    and assign them the approval workflow; return ``(workflow, created)``."""
    ensure_roles({SECTION_NEWS: pages})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([role_group(MODERATORS)])
    if not Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        Workflow.objects.filter(name__in=FORMER_WORKFLOW_NAMES).update(name=WORKFLOW_NAME)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow, created
