"""Issue 13 "Done when": the editor writes an article with a Vietnamese title and submits it; the approver
publishes it; it is sent for translation into English (wagtail-localize's "Translate" form), the translator's PO
file is imported and the English version published; it appears at /en/… with its English title and the English
menu, and the Vietnamese address keeps the Vietnamese title.

Buttons are found by their name/value attributes and URLs, not by their labels (the admin is being translated)."""

import polib
import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from demo.news import ensure_taxonomy
from news.models import NewsPage
from news.moderation import setup_moderation
from tests.browser.test_news_browser import log_in, run_action
from tests.factories import bulletin_index, news_index, product_index
from tests.translating import translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Hội chợ thổ cẩm Jrai tại Pleiku"
ENGLISH = "Jrai brocade fair in Pleiku"


def test_article_written_in_vietnamese_published_then_translated(page, live_server, demo_accounts, settings):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    ensure_taxonomy()
    index = news_index()
    setup_moderation(index, bulletin_index())
    english, _created = Locale.objects.get_or_create(language_code="en")
    translate(product_index(), title="Products")  # one section already in English: the menu shows it
    base = live_server.url

    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/pages/add/news/newspage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Hơn 40 gian hàng thổ cẩm của các làng nghề Jrai và Bahnar.")
    run_action(page, "button[name='action-submit']")
    expect(page.locator(".messages")).to_be_visible()
    page.wait_for_load_state("networkidle")
    article = NewsPage.objects.get(title=TITLE)
    assert not article.live

    page.context.clear_cookies()
    log_in(page, base, "duyet")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # "Duyệt và xuất bản" asks for confirmation in a dialog before it publishes (core/admin_workflow.py).
    run_action(page, "button[data-workflow-action-name='approve']")
    page.locator(".modal button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.live

    # Sent for translation with wagtail-localize's form (what "Translate" in the page's menu opens).
    page.context.clear_cookies()
    log_in(page, base, "admin")
    page.goto(f"{base}/admin/localize/submit/page/{article.pk}/")
    page.locator(f"input[name='locales'][value='{english.pk}']").check()
    page.locator("form:has(input[name='locales']) input[type='submit']").first.click()
    page.wait_for_load_state("networkidle")
    translation = Translation.objects.get(source=TranslationSource.objects.get(object_id=article.translation_key))
    assert translation.target_locale == english

    # The translator's PO file (Download PO file → translated → Upload PO file), then "Publish in English".
    po = translation.export_po()
    for entry in po:
        if entry.msgid == TITLE:
            entry.msgstr = ENGLISH
        elif entry.msgid.startswith("Hơn 40 gian hàng"):
            entry.msgstr = "More than 40 brocade stalls of the Jrai and Bahnar craft villages."
    translation.import_po(polib.pofile(str(po)))
    translation.save_target(publish=True)

    page.context.clear_cookies()
    page.goto(base + "/en/tin-tuc/" + article.slug + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH)
    expect(page).to_have_title(f"{ENGLISH} · Khuyến công")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).not_to_have_attribute("lang", "vi")
    expect(page.locator(".site-nav__list").get_by_role("link", name="Products")).to_be_visible()
    expect(page.locator("link[rel='alternate'][hreflang='vi']")).to_have_count(1)
    page.goto(base + "/tin-tuc/" + article.slug + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
