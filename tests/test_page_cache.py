"""The anonymous page cache: hits cost no query, every write invalidates, signed-in staff never get cached copies."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CertificateFactory, ProductPageFactory


def test_second_anonymous_visit_is_served_from_cache_without_queries(client, home_page):
    product = ProductPageFactory(title="Mật ong Kbang")
    first = client.get(product.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(product.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_revoking_a_certificate_invalidates_the_cached_page(client, home_page):
    certificate = CertificateFactory(product=ProductPageFactory(title="Rượu Bàu Đá"))
    url = certificate.product.url
    assert "Còn hiệu lực" in client.get(url).content.decode()
    certificate.revoke("Cơ sở ngừng sản xuất.")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Đã thu hồi" in response.content.decode()


def test_languages_and_query_strings_are_cached_separately(client, home_page):
    ProductPageFactory(title="Cà phê Chư Sê")
    client.get("/san-pham/")
    assert client.get("/en/san-pham/")["X-Page-Cache"] == "miss"
    assert client.get("/san-pham/?q=ca+phe")["X-Page-Cache"] == "miss"
    assert client.get("/san-pham/?q=ca+phe")["X-Page-Cache"] == "miss"  # stored on its second request
    assert client.get("/san-pham/?q=ca+phe")["X-Page-Cache"] == "hit"
    assert '<html lang="en">' in client.get("/en/san-pham/").content.decode()


def test_signed_in_users_never_get_cached_pages(client, demo_accounts):
    product = ProductPageFactory(title="Thổ cẩm Jrai")
    client.get(product.url)
    client.force_login(demo_accounts["bientap"])
    response = client.get(product.url)
    assert "X-Page-Cache" not in response


# --- issue 11 (right in every configuration) and issue 12 (no visitor can flush or bypass it) ---


def test_random_query_strings_neither_miss_nor_flush_the_cached_page(client, home_page):
    import random

    product = ProductPageFactory(title="Mật ong Kbang")
    client.get(product.url)
    rng = random.Random(2026)
    for number in range(500):
        response = client.get(f"{product.url}?x{number}={rng.getrandbits(64):x}&utm_source=zalo")
        assert response["X-Page-Cache"] == "hit", number
    assert client.get(product.url)["X-Page-Cache"] == "hit"


def test_declared_parameters_are_keyed_in_a_canonical_order(client, home_page):
    ProductPageFactory(title="Cà phê Chư Sê")
    for _ in range(2):  # a URL with a query string is stored on its second request
        client.get("/san-pham/?q=ca+phe&level=provincial")
    assert client.get("/san-pham/?level=provincial&q=ca+phe&fbclid=abc")["X-Page-Cache"] == "hit"
    assert client.get("/san-pham/?q=ca+phe")["X-Page-Cache"] == "miss"


def test_a_one_off_query_string_is_not_stored(client, home_page):
    ProductPageFactory(title="Cà phê Chư Sê")
    assert client.get("/san-pham/?q=mot-lan")["X-Page-Cache"] == "miss"
    assert client.get("/san-pham/?q=hai-lan")["X-Page-Cache"] == "miss"


def test_a_made_up_session_cookie_does_not_bypass_the_cache(client, home_page):
    product = ProductPageFactory(title="Rượu cần")
    client.get(product.url)
    client.cookies["sessionid"] = "khong-phai-phien-that"
    assert client.get(product.url)["X-Page-Cache"] == "hit"


def test_cached_copies_keep_their_headers_and_set_no_cookie(client, home_page):
    product = ProductPageFactory(title="Rượu cần")
    first = client.get(product.url)
    second = client.get(product.url)
    for response in (first, second):
        assert "Cookie" in response["Vary"]
        assert "public" in response["Cache-Control"]
        assert "Content-Security-Policy" in response
    assert not second.cookies


def test_score_sheets_logins_and_sessions_never_invalidate(client, home_page, demo_accounts):
    from core.page_cache import generation
    from registry.competitions.models import ScoreSheet
    from tests.factories import EntryFactory, JurorFactory

    product = ProductPageFactory(title="Thổ cẩm Jrai")
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    client.get(product.url)
    before = generation()
    sheet = ScoreSheet.objects.create(entry=entry, juror=juror)
    sheet.comment = "Sản phẩm đẹp"
    sheet.save()
    other = type(client)()
    other.login(username="bientap", password="khuyencong2026")
    other.get("/admin/")
    assert generation() == before
    assert client.get(product.url)["X-Page-Cache"] == "hit"


def test_every_model_of_the_project_is_classified_for_the_page_cache(settings):
    from django.apps import apps

    public, private = settings.PAGE_CACHE_PUBLIC_MODELS, settings.PAGE_CACHE_PRIVATE_MODELS
    unclassified = [
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.split(".")[0] in {"core", "home", "news", "registry", "search", "demo"}
        and model._meta.label_lower not in public | private
        and f"{model._meta.app_label}.*" not in public
    ]
    assert unclassified == []


def test_a_command_in_another_process_is_seen_at_once_by_the_web_worker(
    client, transactional_db, settings, tmp_path, home_page
):
    """The default configuration shares the cache between processes: a change made by a management command (an
    import, ``publish_scheduled``) reaches the pages a web worker serves without anyone saving in the admin."""
    import os
    import subprocess
    import sys

    from django.db import connection

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    product = ProductPageFactory(title="Mật ong Kbang")
    assert "Mật ong Kbang" in client.get(product.url).content.decode()
    assert client.get(product.url)["X-Page-Cache"] == "hit"

    script = (
        "from registry.catalogue.models import ProductPage;"
        f"page = ProductPage.objects.get(pk={product.pk}); page.title = 'Mật ong hoa cà phê Kbang';"
        "page.save_revision().publish()"
    )
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        database_url = f"sqlite:///{database['NAME']}"
    else:
        database_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database["NAME"]
    env = dict(os.environ, DATABASE_URL=database_url, CACHE_URL=f"filecache://{tmp_path}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    subprocess.run([sys.executable, "manage.py", "shell", "-c", script], env=env, check=True, capture_output=True)

    response = client.get(product.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Mật ong hoa cà phê Kbang" in response.content.decode()
