"""The home page on a 390 px phone (issue 13): the hero is the 4:3 phone crop in AVIF (not the 1600 px desktop one),
a section an editor hid on phones is not displayed there but is on a computer, and no story appears twice."""

import datetime

import pytest
from playwright.sync_api import expect

from demo.news import ensure_taxonomy
from home.models import HomePage
from tests.factories import ImageFactory, NewsPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def arranged_home(home_page):
    ensure_taxonomy()  # the news categories (a transactional test may have flushed the migration's rows)
    home = HomePage.objects.get(pk=home_page.pk)
    home.hero_image = ImageFactory(file__width=1600, file__height=1200)
    stories = [NewsPageFactory(title=f"Tin số {i}", date=datetime.date(2026, 11, 1 + i)) for i in range(6)]
    home.sections = [
        (
            "highlights",
            {
                "heading": "Tin nổi bật",
                "items": [{"page": s, "title": "", "text": "", "image": None} for s in stories[-2:]],
            },
        ),
        ("key_figures", {"heading": "Con số khuyến công", "hide_on_small": True}),
        ("latest_news", {"heading": "Tin mới", "count": 4, "category": None}),
    ]
    home.save_revision().publish()
    return stories


def test_phone_home_is_compact_and_without_repeats(browser, live_server, arranged_home):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = phone.new_page()
    page.goto(live_server.url + "/")
    hero = page.locator(".hero__media img")
    expect(hero).to_have_js_property("complete", True)
    source = hero.evaluate("img => img.currentSrc")
    assert ".fill-800x600.format-avif." in source, source  # 390 px × 2: the 4:3 phone crop, AVIF
    expect(page.get_by_role("heading", name="Con số khuyến công")).to_be_hidden()
    for story in arranged_home:
        expect(page.get_by_role("link", name=story.title, exact=True)).to_have_count(1)
    phone.close()

    computer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = computer.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Con số khuyến công")).to_be_visible()
    source = page.locator(".hero__media img").evaluate("img => img.currentSrc")
    assert ".fill-1600x700.format-webp." in source, source  # wide screens: the 16:7 crop, WebP
    computer.close()
