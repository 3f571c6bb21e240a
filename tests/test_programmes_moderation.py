"""Issue 16, item 1: support projects go through the site's moderation before they are public, as news does:
``setup_site`` gives the projects' list page the approval workflow and the news section's roles (editors add and
change, approvers publish), and a project an editor submits stays off the public site until it is approved."""

import pytest
from wagtail.models import Page

from home.setup import setup_site
from news.moderation import WORKFLOW_NAME
from programmes.models import ProjectIndexPage
from tests.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_the_list_page_has_the_workflow_and_the_roles(demo_accounts):
    setup_site(write=lambda *_: None)
    index = ProjectIndexPage.objects.get()
    assert index.get_workflow().name == WORKFLOW_NAME
    editor = index.permissions_for_user(demo_accounts["bientap"])
    approver = index.permissions_for_user(demo_accounts["duyet"])
    assert editor.can_add_subpage() and not editor.can_publish_subpage()
    assert approver.can_publish_subpage()


def test_a_submitted_project_is_public_only_once_approved(client, demo_accounts):
    setup_site(write=lambda *_: None)
    project = ProjectPageFactory(title="Đề án chờ duyệt", live=False)
    project.save_revision(user=demo_accounts["bientap"])  # what "Save draft" does in the editor
    workflow = project.get_workflow()
    state = workflow.start(project, demo_accounts["bientap"])
    assert client.get("/de-an-khuyen-cong/").content.decode().count("Đề án chờ duyệt") == 0
    assert client.get(Page.objects.get(pk=project.pk).url).status_code == 404
    task = state.current_task_state.task.specific
    task.on_action(state.current_task_state, demo_accounts["duyet"], "approve")
    project.refresh_from_db()
    assert project.live
    assert "Đề án chờ duyệt" in client.get("/de-an-khuyen-cong/").content.decode()
