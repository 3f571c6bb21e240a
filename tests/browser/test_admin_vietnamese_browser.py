"""The Vietnamese admin in a browser: the dashboard's "Viết tin mới" shortcut opens the news editor, whose date
picker shows and keeps day-first dates (05/11/2026 stays 5 November after saving and reloading); the editor's
"Xuất bản" asks before it publishes."""

import datetime

import pytest
from playwright.sync_api import expect

from demo.news import ensure_taxonomy
from news.models import NewsPage
from news.moderation import setup_moderation
from tests.browser.test_news_browser import log_in, run_action
from tests.factories import NewsPageFactory, bulletin_index, news_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_shortcut_to_the_editor_and_day_first_dates(page, live_server, demo_accounts, settings):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    index = news_index()
    setup_moderation(index, bulletin_index())
    base = live_server.url

    log_in(page, base, "bientap")
    expect(page.get_by_role("heading", name="Lối tắt")).to_be_visible()
    page.locator("a[data-shortcut]", has_text="Viết tin mới").click()
    expect(page).to_have_url(f"{base}/admin/pages/add/news/newspage/{index.pk}/")
    page.wait_for_load_state("networkidle")
    today = datetime.date.today()
    assert page.locator("#id_date").input_value() in {
        f"{today:%d/%m/%Y}",
        f"{today - datetime.timedelta(days=1):%d/%m/%Y}",
    }

    page.locator("#id_title").fill("Tin ngày đầu tháng")
    page.locator("#id_summary").fill("Tóm tắt.")
    page.locator("#id_date").fill("05/11/2026")
    page.locator("#id_title").click()  # leave the date field: the picker rewrites it in its own format
    expect(page.locator("#id_date")).to_have_value("05/11/2026")
    page.locator("footer button[type=submit]").first.click()  # "Lưu nháp"
    expect(page.locator(".messages")).to_contain_text("Đã tạo trang")
    page.wait_for_load_state("networkidle")

    article = NewsPage.objects.get(title="Tin ngày đầu tháng")
    assert article.get_latest_revision_as_object().date == datetime.date(2026, 11, 5)
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_date")).to_have_value("05/11/2026")


def test_publish_asks_first(page, live_server, demo_accounts, settings):
    """The approver (allowed to publish) clicks "Xuất bản" in the page editor: the browser asks; Cancel leaves the
    draft unpublished and the editor open; OK publishes."""
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    ensure_taxonomy()  # migration data may have been flushed by an earlier transactional test
    index = news_index()
    setup_moderation(index, bulletin_index())
    article = NewsPageFactory(parent=index, title="Tin chờ xuất bản", live=False)
    article.save_revision(user=demo_accounts["duyet"])
    base = live_server.url
    edit_url = f"{base}/admin/pages/{article.pk}/edit/"

    log_in(page, base, "duyet")
    page.goto(edit_url)
    page.wait_for_load_state("networkidle")
    questions = []

    def answer(accept):
        def handle(dialog):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    page.once("dialog", answer(False))
    run_action(page, "button[name='action-publish']")
    expect(page).to_have_url(edit_url)
    page.wait_for_timeout(500)  # a submitted form would have left the page by now
    assert questions and questions[0].startswith("Xuất bản ngay?")
    article.refresh_from_db()
    assert not article.live

    page.once("dialog", answer(True))
    run_action(page, "button[name='action-publish']")
    expect(page.locator(".messages")).to_contain_text("xuất bản")
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.live and len(questions) == 2


def test_translation_editor_speaks_vietnamese(page, live_server, demo_accounts, settings):
    """The administrator opens the English translation of an article: wagtail-localize's React editor reads in
    Vietnamese, its hard-coded "… to … translation" and "More actions" included."""
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    ensure_taxonomy()  # migration data may have been flushed by an earlier transactional test
    index = news_index()
    setup_moderation(index, bulletin_index())
    article = NewsPageFactory(parent=index, title="Tin cần dịch")
    english = Locale.objects.get_or_create(language_code="en")[0]
    TranslationCreator(demo_accounts["admin"], [english]).create_translations(article, include_related_objects=False)
    translated = article.get_translation(english)
    base = live_server.url

    log_in(page, base, "admin")
    page.goto(f"{base}/admin/pages/{translated.pk}/edit/")
    editor = page.locator(".js-translation-editor")
    expect(editor.get_by_text("Bản dịch từ Tiếng Việt sang Tiếng Anh").first).to_be_visible()
    expect(editor.get_by_text("Tải tệp PO về để dịch ngoại tuyến").first).to_be_visible()
    expect(editor.get_by_text("Tải lên tệp PO đã dịch để nộp bản dịch").first).to_be_visible()
    expect(editor.get_by_text("Xuất bản bản dịch Tiếng Anh").first).to_be_attached()
    expect(editor.get_by_text("Thao tác khác").first).to_be_attached()
    shown = editor.text_content()
    for english_text in ("More actions", " to ", "translation", "Download", "Upload", "Publish in", "English"):
        assert english_text not in shown, english_text
