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


# --- item 3: random query strings and unknown codes never push out the stored pages ---

WARM = ["/", "/san-pham/", "/tin-tuc/", "/lang-nghe/", "/nghe-nhan/", "/de-an-khuyen-cong/", "/tim-kiem/"]


def _site_pages():
    from tests.factories import ArtisanPageFactory, CraftVillagePageFactory, project_index

    product = ProductPageFactory(title="Tiêu đỏ Chư Sê")
    NewsPageFactory(title="Hội chợ hàng thủ công")
    CraftVillagePageFactory(title="Làng dệt Ia Mơ Nông")
    ArtisanPageFactory(title="Nghệ nhân Rơ Châm H'Nhí")
    project_index()
    return [*WARM, product.url]


def _flood(client, rounds):
    for number in range(120):
        junk = uuid.uuid4().hex
        for _ in range(rounds):
            client.get(f"/san-pham/?q={junk}")
            client.get(f"/tin-tuc/?page={number + 2}x")
            client.get(f"/xac-minh/{junk}/")


def test_random_query_strings_repeated_three_times_keep_the_stored_pages(client, small_cache):
    urls = _site_pages()
    _warm(client, urls)
    _flood(client, rounds=3)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_many_workers_seeing_every_url_twice_keep_the_stored_pages(client, small_cache, monkeypatch):
    """The admission filter lives in each process: with enough workers every repeated URL has been "seen"; the
    shared budgets still bound what is stored."""
    urls = _site_pages()
    _warm(client, urls)
    monkeypatch.setattr(page_cache._seen, "check_and_add", lambda key: True)
    _flood(client, rounds=1)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_each_path_has_its_share_of_variants_and_a_new_generation_a_new_budget(client, small_cache):
    _site_pages()
    budget, per_path = page_cache.variant_budget(), page_cache.variants_per_path()
    assert budget == 150 // 5 and per_path == budget // 5
    for number in range(per_path + 5):
        for _ in range(2):  # stored on its second request, while the path's share lasts
            client.get(f"/san-pham/?q=tieu{number}")
        stored_now = client.get(f"/san-pham/?q=tieu{number}")["X-Page-Cache"] == "hit"
        assert stored_now == (number < per_path), number
    for _ in range(2):
        client.get("/tin-tuc/?page=2")
    assert client.get("/tin-tuc/?page=2")["X-Page-Cache"] == "hit"  # another path still has its share

    page_cache.invalidate()
    for _ in range(2):
        client.get("/san-pham/?q=tieu-moi")
    assert client.get("/san-pham/?q=tieu-moi")["X-Page-Cache"] == "hit"
