"""The admin in Vietnamese: every screen a Vietnamese editor meets (login, dashboard, page explorer, news editor
with its scheduling dialog, images, documents, snippets, reports, workflow tasks, account) and the moderation
e-mails read in Vietnamese, with none of the English strings a communications officer reported."""

import datetime
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from tests.admin_screens import (
    admin_site,
    assert_vietnamese,
    english_found,
)
from tests.factories import ProducerFactory
from tests.test_news_workflow import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_accounts):
    return admin_site(demo_accounts)


FOUR_DAYS_AGO = datetime.timedelta(days=4, hours=2)


@pytest.fixture
def aged(site):
    """``site`` as it looks four days later: every revision, log entry, workflow step, upload and last sign-in is
    four days old (listings then say "4 ngày trước"), except the administrator's sign-in a minute ago."""
    past = timezone.now() - FOUR_DAYS_AGO
    Revision.objects.update(created_at=past)
    PageLogEntry.objects.update(timestamp=past)
    Page.objects.update(latest_revision_created_at=past, last_published_at=past, first_published_at=past)
    TaskState.objects.update(started_at=past)
    WorkflowState.objects.update(created_at=past)
    get_image_model().objects.update(created_at=past)
    get_document_model().objects.update(created_at=past)
    site["admin"].__class__.objects.update(last_login=past)
    site["admin"].__class__.objects.filter(pk=site["admin"].pk).update(last_login=timezone.now())
    return {**site, "past": timezone.localtime(past)}


def editor_screens(site):
    index, article = site["index"], site["article"]
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk)),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[index.pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[site["image"].pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtaildocs:edit", args=[site["document"].pk]),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_account"),
    ]


def test_login_screen_is_vietnamese(client):
    assert_vietnamese(client, reverse("wagtailadmin_login"))


@pytest.mark.parametrize("who", ["bientap", "duyet"])
def test_editor_screens_are_vietnamese(client, site, who):
    client.force_login(site[who])
    for url in editor_screens(site):
        assert_vietnamese(client, url)


@pytest.mark.parametrize("who", ["bientap", "duyet"])
def test_times_and_dates_are_vietnamese(client, aged, who):
    """Dashboard ("Đang chờ bạn duyệt", "Gần đây bạn sửa"), explorer, history, page chooser, documents, images and the
    page editor say "4 ngày trước" and show dates as dd/mm/yyyy, for the editor and for the approver."""
    client.force_login(aged[who])
    index, article = aged["index"], aged["article"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtailimages:index"),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
    ]
    texts = {url: assert_vietnamese(client, url) for url in urls}
    assert "4\xa0ngày trước" in texts[reverse("wagtailadmin_home")]
    assert "4\xa0ngày trước" in texts[reverse("wagtailadmin_pages:edit", args=[article.pk])]
    assert aged["past"].strftime("%d/%m/%Y") in texts[reverse("wagtailadmin_pages:history", args=[article.pk])]


def test_admin_times_are_vietnamese(client, aged):
    """Users (last sign-in "4 ngày trước", "vừa xong") and the reports say their times in Vietnamese."""
    client.force_login(aged["admin"])
    for url in [
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
    ]:
        assert_vietnamese(client, url)


def test_admin_screens_are_vietnamese(client, site):
    client.force_login(site["admin"])
    urls = [
        reverse("wagtailsnippets_catalogue_producer:list"),
        reverse("wagtailsnippets_catalogue_producer:add"),
        reverse("wagtailsnippets_catalogue_producer:edit", args=[ProducerFactory().pk]),
        reverse("wagtailsnippets_news_newscategory:list"),
        reverse("wagtailsnippets_news_newscategory:add"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
    ]
    for url in urls:
        assert_vietnamese(client, url)


def test_success_messages_are_vietnamese(client, site):
    client.force_login(site["bientap"])
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk))
    response = client.post(url, article_form("Tin mới gửi duyệt", "tin-moi", **{"action-submit": "1"}))
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Đã tạo và gửi duyệt trang" in shown, shown
    assert not english_found(shown, ["created", "submitted", "Page", "moderation"])


def test_javascript_strings_are_vietnamese(client, site):
    """Wagtail's scripts translate through the admin's JavaScript catalog (djangojs of locale_admin/vi too)."""
    client.force_login(site["bientap"])
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    for english, vietnamese in {
        "More actions": "Thao tác khác",
        "Insert a block": "Chèn một khối",
        "This field is required.": "Trường này là bắt buộc.",
        "Changes have been autosaved.": "Đã tự động lưu các thay đổi.",
    }.items():
        assert catalog.get(english) == vietnamese
