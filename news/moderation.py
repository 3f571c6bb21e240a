"""Moderation of news: editors write and submit, approvers publish.

``setup_moderation(*pages)`` (called by ``seed_demo`` and by the tests; safe to run again) gives:

* the group **Editors** (biên tập viên): add and edit pages under the given index pages, upload pictures and
  documents, but never publish;
* the group **Moderators** (người duyệt): add, edit, publish, lock and unlock there;
* the workflow **Duyệt tin tức** with one task, **Ban biên tập duyệt** (a group approval task for Moderators),
  assigned to the index pages, so "Submit for moderation" sends an article to the approvers.

Scheduled publishing: an editor sets "Go live date" (``go_live_at``) in the Publishing panel; once approved, the
page waits as "scheduled" and goes live when ``manage.py publish_scheduled`` runs after that moment. Run it from
cron every few minutes on the server, e.g.::

    */5 * * * *  cd /srv/khuyencong && .venv/bin/python manage.py publish_scheduled >> /var/log/khuyencong/publish.log 2>&1
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Duyệt tin tức"
TASK_NAME = "Ban biên tập duyệt"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "choose_image", "change_image"],
    "wagtaildocs": ["add_document", "choose_document", "change_document"],
}


def _page_permission(codename):
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page), codename=codename)


@transaction.atomic
def setup_moderation(*pages):
    """Create the groups, their permissions on ``pages`` and the approval workflow; return the workflow."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for group in (editors, moderators):
        group.permissions.add(access_admin)
    # Editors never publish, wherever the permission came from (Wagtail's initial data gives them none either).
    GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").delete()
    for page in pages:
        for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (moderators, MODERATOR_PAGE_PERMISSIONS)):
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for group in (editors, moderators):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
