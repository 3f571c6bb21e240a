"""What an editor sees (issue 13 leftovers): snippets propose the Vietnamese slug from the name as pages do, a title
without letters proposes a fallback slug, an abandoned attempt (the create view does not autosave) does not block
the next page with the same title, and the page copy form folds the slug of its new title."""

import unicodedata

import pytest
from playwright.sync_api import expect

from news.models import NewsCategory, NewsPage
from registry.catalogue.models import Producer
from tests.factories import NewsCategoryFactory, NewsPageFactory, UserFactory, news_index, product_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = "Đào tạo nghề Đắk Lắk"
SLUG = "dao-tao-nghe-dak-lak"


@pytest.fixture
def admin(page, live_server, settings):
    """``page`` logged in to the admin as a superuser; returns the server's base URL."""
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    UserFactory(username="quantri", superuser=True)
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill("quantri")
    page.locator("#id_password").fill("secret-pass-123")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base + "/admin/")
    return base


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_snippets_propose_the_slug_from_the_name(page, admin, home_page, form):
    name = unicodedata.normalize(form, NAME)
    page.goto(admin + "/admin/snippets/news/newscategory/add/")
    page.locator("#id_name").press_sequentially(name)
    page.locator("#id_name").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text(NAME)  # "… đã được tạo."
    assert NewsCategory.objects.get(slug=SLUG).name == NAME

    page.goto(admin + "/admin/snippets/catalogue/producer/add/")
    page.locator("#id_name").fill(name)
    page.locator("#id_name").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("#id_kind").select_option(index=1)
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    assert Producer.objects.get(slug=SLUG).name == NAME


@pytest.mark.parametrize(("title", "slug"), [("!!! ??? ...", "san-pham"), ("🎉🎉🎉", "san-pham")])
def test_title_without_letters_proposes_the_fallback(page, admin, home_page, title, slug):
    index = product_index()
    page.goto(f"{admin}/admin/pages/add/catalogue/productpage/{index.pk}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value(slug)


def test_an_abandoned_autosaved_attempt_does_not_block_the_same_title(page, admin, home_page, settings):
    """The create view does not autosave (core/admin_create.py): typing a title and leaving creates no page, so the
    next attempt proposes, and keeps, the clean slug."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 300
    index = news_index()
    title = "Hội chợ làng nghề Gia Lai"
    for _attempt in range(2):
        page.goto(f"{admin}/admin/pages/add/news/newspage/{index.pk}/")
        page.wait_for_timeout(2500)  # w-unsaved takes its first snapshot of the form 2 s after loading
        page.locator("#id_title").press_sequentially(title)
        page.locator("#id_title").press("Tab")
        expect(page.locator("#id_slug")).to_have_value("hoi-cho-lang-nghe-gia-lai")
        page.wait_for_timeout(2000)  # several autosave intervals: nothing is posted
        assert not NewsPage.objects.filter(title=title).exists()
    # Leave the editor while the database is intact: the editing session's release (sent on unload) must not reach
    # the server while the next test restores the database.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.wait_for_timeout(1500)


def test_copy_form_folds_the_new_title(page, admin, home_page):
    index = news_index()
    source = NewsPageFactory(
        parent=index, title="Bài gốc", slug="bai-goc", category=NewsCategoryFactory(), no_image=True
    )
    page.goto(f"{admin}/admin/pages/{source.pk}/copy/")
    page.locator("#id_new_title").fill("")
    page.locator("#id_new_title").press_sequentially(unicodedata.normalize("NFD", NAME))
    page.locator("#id_new_title").press("Tab")
    expect(page.locator("#id_new_slug")).to_have_value(SLUG)
    page.locator("input[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert NewsPage.objects.get(slug=SLUG).title == NAME
