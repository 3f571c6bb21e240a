"""The Content-Security-Policy breaks nothing: the home page with its map, the village map, the search box's
suggestions, the judges' portal and the Wagtail page editor run with no policy violation (issue 12)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from news.models import NewsPage
from registry.competitions.choices import CompetitionStatus
from registry.competitions.models import Competition
from tests.factories import CompetitionFactory, EntryFactory, JurorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "khuyencong2026"


def watch_violations(page):
    """Collect the console's CSP reports and the page's script errors."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text)
        if "Content Security Policy" in message.text or "Refused to" in message.text
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems


def log_in(page, url, username):
    page.goto(url)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()


def test_pages_scripts_and_admin_run_under_the_policy(page, live_server, home_page):
    call_command("seed_demo", stdout=io.StringIO())
    competition = CompetitionFactory(slug="csp-2026", status=CompetitionStatus.SCORING)
    EntryFactory(competition=competition)
    JurorFactory(competition=competition, user=get_user_model().objects.get(username="giamkhao1"), chair=True)
    problems = watch_violations(page)

    page.goto(live_server.url + "/")
    page.locator(".village-map").first.scroll_into_view_if_needed()  # the map loads Leaflet once it is on screen
    expect(page.locator(".leaflet-container").first).to_be_visible()
    page.goto(live_server.url + "/lang-nghe/")
    page.locator(".village-map").first.scroll_into_view_if_needed()
    expect(page.locator(".leaflet-marker-icon").first).to_be_attached()

    page.goto(live_server.url + "/san-pham/")
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("tho c", delay=40)
    expect(page.get_by_role("listbox")).to_be_visible()

    log_in(page, live_server.url + "/giam-khao/dang-nhap/", "giamkhao1")
    page.goto(live_server.url + f"/giam-khao/{competition.slug}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("form button[type=submit]").first.click()  # log out (POST)

    news = NewsPage.objects.live().first()
    log_in(page, live_server.url + "/admin/login/", "admin")
    page.goto(live_server.url + f"/admin/pages/{news.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(news.title)
    page.locator("[data-w-dropdown-target='toggle']").first.click()  # a menu of the editor's footer
    page.goto(live_server.url + "/admin/images/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert Competition.objects.exists()
    assert problems == [], "\n".join(problems)
