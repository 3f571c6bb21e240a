"""The page editor proposes the Vietnamese slug while an editor types a title (issue 13, item 2), and Wagtail's
``w-slug`` controller, given ``core.text.SLUG_FORMATTERS``, makes exactly the slugs ``core.text.slugify`` makes (with
the model's fallback for a title without letters, ``core.slug_rules.proposed_slug``)."""

import unicodedata

import pytest
from playwright.sync_api import expect

from core.slug_rules import proposed_slug
from registry.catalogue.models import ProductPage
from tests.factories import UserFactory, product_index
from tests.test_vietnamese_slugs import SLUGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Đoàn doanh nghiệp Đắk Lắk học hỏi mô hình dệt thổ cẩm ở Ia Grai"
SLUG = "doan-doanh-nghiep-dak-lak-hoc-hoi-mo-hinh-det-tho-cam-o-ia-grai"

# Ask the page's own w-slug controller what it would propose for each title (formatters run, as when syncing).
URLIFY = """(titles) => {
    const input = document.querySelector("#id_slug");
    const slug = window.wagtail.app.getControllerForElementAndIdentifier(input, "w-slug");
    return titles.map((value) => slug.urlify({ detail: { value } }, { ignoreUpdate: true, runFormat: true }));
}"""


def latin_letters():
    """Every precomposed Latin letter the rule folds (and its NFD form), plus a few that are not Latin."""
    letters = [chr(c) for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)) for c in range(start, end + 1)]
    letters = [c for c in letters if unicodedata.category(c).startswith("L")]
    return letters + [unicodedata.normalize("NFD", c) for c in letters] + ["Ж", "中", "ß", "K", "İ", "\u00a0"]


def test_page_editor_proposes_the_vietnamese_slug(page, live_server, settings):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    UserFactory(username="quantri", superuser=True)
    index = product_index()
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill("quantri")
    page.locator("#id_password").fill("secret-pass-123")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base + "/admin/")

    page.goto(f"{base}/admin/pages/add/catalogue/productpage/{index.pk}/")
    page.locator("#id_title").press_sequentially(TITLE)
    expect(page.locator("#id_slug")).to_have_value(SLUG)

    titles = [title for title, _slug in SLUGS] + [unicodedata.normalize("NFD", t) for t, _slug in SLUGS]
    # The slug rule, and the fallback "san-pham" for a title without Latin letters or digits ("Москва").
    assert page.evaluate(URLIFY, titles) == [proposed_slug(title, ProductPage) for title in titles]
    letters = latin_letters()
    proposed = page.evaluate(URLIFY, letters)
    assert [(c, s) for c, s in zip(letters, proposed, strict=True) if s != proposed_slug(c, ProductPage)] == []
