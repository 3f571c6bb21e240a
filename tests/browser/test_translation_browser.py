"""The translation editor in a browser, as an editor who cannot publish: the footer does not offer "Chuyển thành trang
bí danh", and "Gửi duyệt bản dịch" sends the translation to the approver."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from news.moderation import setup_moderation
from tests.browser.test_news_browser import log_in
from tests.factories import NewsPageFactory, bulletin_index, news_index
from tests.translating import translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_editor_submits_a_translation_for_approval(page, live_server, demo_accounts, settings):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    Locale.objects.get_or_create(language_code="en")  # seeded by a migration; a transactional test may have flushed it
    index = news_index()
    english_index = translate(index, title="News")
    # The rights and the workflow Wagtail's first migration puts on the root page are flushed by transactional tests:
    # put them on both news indexes.
    setup_moderation(index, english_index, bulletin_index())
    article = NewsPageFactory(parent=index, title="Ứng dụng chuyển đổi số", slug="chuyen-doi-so")
    base = live_server.url

    log_in(page, base, "bientap")
    page.goto(base + reverse("wagtail_localize:submit_page_translation", args=[article.pk]))
    page.get_by_label("Tiếng Anh").check()
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    english = Page.objects.get(translation_key=article.translation_key, locale=Locale.objects.get(language_code="en"))
    assert not english.live
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the bar must cover nothing of the editor
    page.goto(f"{base}/admin/pages/{english.pk}/edit/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".js-translation-editor")).not_to_contain_text("Chuyển thành trang bí danh")
    submit = page.get_by_role("button", name="Gửi duyệt bản dịch")
    expect(submit).to_be_in_viewport()  # at the top of the editor, without scrolling
    bar, editor = page.locator("form.localize-submit").bounding_box(), page.locator(".js-translation-editor")
    assert bar["y"] + bar["height"] <= editor.bounding_box()["y"] + 1  # above the editor, in the flow: overlaps nothing
    submit.click()
    expect(page.locator(".messages")).to_contain_text("đi duyệt")
    english.refresh_from_db()
    assert not english.live and english.workflow_in_progress
