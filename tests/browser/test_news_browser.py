"""The editor (bientap) writes an article with a picture and submits it; the approver (duyet) approves it;
it appears on /tin-tuc/ and in the RSS feed."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Collection

from demo.news import ensure_taxonomy
from news.models import NewsPage
from news.moderation import setup_moderation
from tests.factories import ImageFactory, bulletin_index, news_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Hội chợ thổ cẩm Jrai tại Pleiku"


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("khuyencong2026")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base + "/admin/")


def run_action(page, selector):
    """Click a page action, opening the footer's action dropdown first when the action is inside it."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    button.click()


def test_editor_submits_and_approver_publishes(page, live_server, demo_accounts, settings):
    # In-memory SQLite shares one connection between the live server's threads: keep the admin's background
    # "editing session" pings from running alongside the form posts, and let each page settle before reading.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    ensure_taxonomy()  # migration data may have been flushed by an earlier transactional test
    index = news_index()
    setup_moderation(index, bulletin_index())
    ImageFactory(title="Phiên chợ thổ cẩm", collection=Collection.get_first_root_node())
    base = live_server.url

    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/pages/add/news/newspage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Hơn 40 gian hàng thổ cẩm của các làng nghề Jrai và Bahnar.")
    page.locator("#id_featured_image_caption").fill("Phiên chợ thổ cẩm tại Pleiku.")
    page.locator("#id_category-chooser .unchosen [data-chooser-action-choose]").first.click()
    page.locator(".modal").get_by_role("link", name="Làng nghề").click()
    expect(page.locator("#id_category-title")).to_have_text("Làng nghề")
    page.locator("#id_featured_image-chooser .unchosen [data-chooser-action-choose]").first.click()
    page.locator(".modal").get_by_text("Phiên chợ thổ cẩm").first.click()
    expect(page.locator("#id_featured_image-title")).to_contain_text("Phiên chợ thổ cẩm")
    run_action(page, "button[name='action-submit']")
    expect(page.locator(".messages")).to_be_visible()
    page.wait_for_load_state("networkidle")

    article = NewsPage.objects.get(title=TITLE)
    assert not article.live and article.featured_image.title == "Phiên chợ thổ cẩm"
    assert article.current_workflow_state is not None
    page.goto(base + "/tin-tuc/")
    expect(page.get_by_text(TITLE)).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, base, "duyet")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # "Duyệt và xuất bản" asks for confirmation in a dialog before it publishes (core/admin_workflow.py).
    run_action(page, "button[data-workflow-action-name='approve']")
    dialog = page.locator(".modal")
    expect(dialog.locator("[data-workflow-confirm]")).to_be_visible()
    article.refresh_from_db()
    assert not article.live  # nothing published by the first click
    dialog.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.live

    page.context.clear_cookies()
    page.goto(base + "/tin-tuc/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("figure.article__figure img")).to_be_visible()
    feed = page.request.get(base + "/tin-tuc/rss/")
    assert feed.ok and TITLE in feed.text()
