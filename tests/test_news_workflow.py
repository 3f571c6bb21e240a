"""Moderation of news: editors submit, approvers publish (Wagtail workflow and page permissions); scheduled
publishing with ``go_live_at`` and ``publish_scheduled``; previews and revisions."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsPage
from news.moderation import WORKFLOW_NAME, setup_moderation
from tests.factories import NewsPageFactory, bulletin_index, news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderated_index(demo_accounts):
    index = news_index()
    setup_moderation(index, bulletin_index())
    return index


def article_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "authors": "Nguyễn Thị Hoa",
            "summary": "Tóm tắt bài viết.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
            "related_product_links": inline_formset([]),
            "related_village_links": inline_formset([]),
            "related_artisan_links": inline_formset([]),
            **extra,
        }
    )


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))


def test_setup_is_idempotent_and_assigns_the_workflow(moderated_index):
    setup_moderation(moderated_index, bulletin_index())
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert moderated_index.get_workflow().name == WORKFLOW_NAME
    article = NewsPageFactory()
    assert article.get_workflow().name == WORKFLOW_NAME


def test_editor_cannot_publish_but_can_submit(client, moderated_index, demo_accounts):
    editor = demo_accounts["bientap"]
    client.force_login(editor)
    perms = moderated_index.permissions_for_user(editor)
    assert perms.can_add_subpage() and not perms.can_publish_subpage()

    # "Publish" from an editor only saves a draft.
    response = client.post(
        add_url(moderated_index), article_form("Bài thử xuất bản", "bai-thu", **{"action-publish": "1"})
    )
    assert response.status_code in (200, 302)
    draft = NewsPage.objects.get(slug="bai-thu")
    assert not draft.live
    assert client.get(draft.url if draft.url else "/tin-tuc/bai-thu/").status_code == 404

    # Submitting starts the workflow: the approvers get a task, the page is still not public.
    client.post(add_url(moderated_index), article_form("Bài gửi duyệt", "bai-gui-duyet", **{"action-submit": "1"}))
    submitted = NewsPage.objects.get(slug="bai-gui-duyet")
    assert not submitted.live
    state = submitted.current_workflow_state
    assert state is not None and state.workflow.name == WORKFLOW_NAME
    assert state.current_task_state.task.name == "Ban biên tập duyệt"

    # The editor cannot approve their own article.
    approve = reverse("wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", state.current_task_state.pk))
    client.post(approve, {})
    submitted.refresh_from_db()
    assert not submitted.live


def test_approver_approves_and_the_article_is_published(client, moderated_index, demo_accounts):
    client.force_login(demo_accounts["bientap"])
    client.post(
        add_url(moderated_index), article_form("Hội chợ làng nghề", "hoi-cho-lang-nghe", **{"action-submit": "1"})
    )
    article = NewsPage.objects.get(slug="hoi-cho-lang-nghe")
    task_state = article.current_workflow_state.current_task_state

    client.force_login(demo_accounts["duyet"])
    assert moderated_index.permissions_for_user(demo_accounts["duyet"]).can_publish_subpage()
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Hội chợ làng nghề" in dashboard.content.decode()
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)), {"comment": ""}
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    client.logout()
    assert "Hội chợ làng nghề" in client.get("/tin-tuc/").content.decode()
    assert "Hội chợ làng nghề" in client.get("/tin-tuc/rss/").content.decode()


def test_scheduled_article_goes_live_with_publish_scheduled(client, moderated_index):
    article = NewsPageFactory(title="Tin hẹn giờ", slug="tin-hen-gio", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    article.go_live_at = go_live
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live and article.scheduled_revision is not None
    assert "Tin hẹn giờ" not in client.get("/tin-tuc/").content.decode()
    assert client.get("/tin-tuc/tin-hen-gio/").status_code == 404

    call_command("publish_scheduled")  # too early: nothing happens
    article.refresh_from_db()
    assert not article.live

    later = go_live + datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert "Tin hẹn giờ" in client.get("/tin-tuc/").content.decode()
    assert client.get("/tin-tuc/tin-hen-gio/").status_code == 200
    assert "Tin hẹn giờ" in client.get("/tin-tuc/atom/").content.decode()


def test_preview_and_revisions(client, moderated_index, demo_accounts):
    client.force_login(demo_accounts["bientap"])
    article = NewsPageFactory(title="Tin có bản nháp")
    data = article_form("Tin có bản nháp – sửa", article.slug, category=article.category_id)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    assert client.post(preview_url, data).json()["is_valid"] is True
    preview = client.get(preview_url)
    assert "Tin có bản nháp – sửa" in preview.content.decode()

    client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    article.refresh_from_db()
    assert article.has_unpublished_changes and article.title == "Tin có bản nháp"  # the live title is unchanged
    assert article.get_latest_revision().content["title"] == "Tin có bản nháp – sửa"
    assert client.get(reverse("wagtailadmin_pages:history", args=(article.pk,))).status_code == 200
