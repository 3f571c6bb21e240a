"""Issue 13: the drafts abandoned "Viết tin mới" attempts left behind (before the create view stopped autosaving) are
deleted by ``manage.py delete_abandoned_drafts``; a draft someone worked on, submitted or published stays."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from tests.factories import NewsPageFactory
from tests.test_news_workflow import moderated_index  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def draft(title, days_old, revisions=1):
    page = NewsPageFactory(title=title, live=False, first_published_at=None, last_published_at=None)
    for _ in range(revisions):
        page.save_revision()
    Page.objects.filter(pk=page.pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return page


def test_only_old_untouched_never_submitted_drafts_are_deleted(moderated_index, demo_accounts):  # noqa: F811
    abandoned = draft("Bỏ dở", days_old=10)
    recent = draft("Đang viết", days_old=1)
    worked_on = draft("Đã sửa nhiều lần", days_old=10, revisions=3)
    submitted = draft("Đã gửi duyệt", days_old=10)
    submitted.get_workflow().start(submitted, demo_accounts["bientap"])
    published = NewsPageFactory(title="Đã xuất bản")

    call_command("delete_abandoned_drafts", "--dry-run", stdout=io.StringIO())
    assert Page.objects.filter(pk=abandoned.pk).exists()

    call_command("delete_abandoned_drafts", stdout=io.StringIO())
    remaining = set(Page.objects.values_list("pk", flat=True))
    assert abandoned.pk not in remaining
    assert {recent.pk, worked_on.pk, submitted.pk, published.pk} <= remaining
