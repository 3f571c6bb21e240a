"""Issue 14 (tester's report t14, items 2, 3 and 8): no visitor bypasses the page cache with ``?preview=``, random
query strings cannot push the stored pages out of a size-bounded cache, and an answer that sets or deletes a cookie
is never marked ``public``."""

import uuid

import pytest
from django.core.cache import caches
from django.urls import reverse

from core import page_cache
from tests.factories import NewsPageFactory, ProductPageFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_admission(home_page):
    """An empty admission filter per test (it lives in the process) and the settings row ``setup_site`` creates."""
    from core.models import SiteSettings

    SiteSettings.load()
    page_cache._seen.keys.clear()


@pytest.fixture
def small_cache(settings):
    """A local-memory cache of 150 entries (culled oldest first, as a busy cache would push out the warm pages)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"small-{uuid.uuid4().hex}",
            "OPTIONS": {"MAX_ENTRIES": 150},
        },
    }
    yield caches["default"]
    caches["default"].clear()


def _warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


# --- item 2: ?preview= ---


@pytest.mark.parametrize("query", ["?preview=1", "?preview=x", "?preview=true&utm_source=zalo"])
def test_an_anonymous_preview_parameter_is_answered_from_the_cache(client, query):
    product = ProductPageFactory(title="Tiêu đỏ Chư Sê")
    _warm(client, [product.url, "/san-pham/"])
    for url in (product.url, "/san-pham/"):
        response = client.get(url + query)
        assert response["X-Page-Cache"] == "hit", url
        assert "public" in response["Cache-Control"]


def test_an_editors_preview_of_a_draft_is_neither_served_from_nor_stored_in_the_cache(client):
    news = NewsPageFactory(title="Hội chợ hàng thủ công", summary="Bản đã đăng.")
    _warm(client, [news.url])
    news.summary = "Bản nháp chưa duyệt."
    news.save_revision()
    editor = type(client)()
    editor.force_login(UserFactory(superuser=True))
    response = editor.get(reverse("wagtailadmin_pages:view_draft", args=[news.pk]))
    assert "Bản nháp chưa duyệt." in response.content.decode()
    assert "X-Page-Cache" not in response

    # A preview made without the editor's request (no cookie): still a draft, never stored nor served from the cache.
    preview = news.get_latest_revision_as_object().make_preview_request()
    assert "Bản nháp chưa duyệt." in preview.content.decode()
    assert "X-Page-Cache" not in preview
    public = client.get(news.url)
    assert public["X-Page-Cache"] == "hit"
    assert "Bản đã đăng." in public.content.decode() and "Bản nháp" not in public.content.decode()


# --- item 8: a stale session cookie ---


def test_an_answer_deleting_a_stale_session_cookie_is_never_public(client):
    product = ProductPageFactory(title="Rượu cần")
    _warm(client, [product.url])
    client.cookies["sessionid"] = "khong-phai-phien-that-nua"
    for _ in range(2):
        response = client.get(product.url)
        assert response["X-Page-Cache"] == "hit"
        assert response.cookies, "Django deletes the stale cookie"
        assert "public" not in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    del client.cookies["sessionid"]
    response = client.get(product.url)
    assert response["X-Page-Cache"] == "hit" and not response.cookies
    assert "public" in response["Cache-Control"]
