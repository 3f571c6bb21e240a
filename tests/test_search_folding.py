"""One Vietnamese-aware search for every indexed model (search/backends/wagtail_vi.py): the same word typed with or
without marks, in NFC (Windows) or NFD (a Mac), upper or lower case, đ or d, finds the same items in the public search,
the catalogue, the suggestions and the admin's searches of pages, images and documents; the exact word ranks first.

Run on SQLite (default) and on PostgreSQL (``DATABASE_URL=postgres://…``): the same case table holds on both.
"""

import pytest
import wagtail_factories
from django.core.management import call_command
from django.db import connection
from modelsearch.conf import get_app_config
from wagtail.models import Page

from registry.catalogue.models import Producer
from search.backends.wagtail_vi import vietnamese_query
from search.text import clean_text, exact_tokens, index_text, query_tokens
from tests.factories import (
    AnnouncementPageFactory,
    ArtisanPageFactory,
    BulletinPageFactory,
    CompetitionFactory,
    CraftVillagePageFactory,
    ImageFactory,
    NewsPageFactory,
    ProducerFactory,
    ProductPageFactory,
    StandardPageFactory,
    UserFactory,
)
from tests.folding_cases import CASE_IDS, CASES, PHRASES, nfd

pytestmark = pytest.mark.django_db


KINDS = ("product", "village", "artisan", "producer", "news", "bulletin", "announcement", "standard")


@pytest.fixture
def items(home_page):
    """``{(kind, group): (title, url)}`` for every kind and both phrases, plus "Đồ gỗ" that no case may find (NFD
    "Gốm" once matched "gỗ")."""
    competition = CompetitionFactory()
    made = {}
    for group, phrase in PHRASES.items():
        for kind in KINDS:
            title = f"{phrase} {kind}"
            slug = f"{group}-{kind}"
            if kind == "product":
                obj = ProductPageFactory(title=title, slug=slug, summary="Sản phẩm tiêu biểu.")
            elif kind == "village":
                obj = CraftVillagePageFactory(title=title, slug=slug, main_trade="Rèn")
            elif kind == "artisan":
                obj = ArtisanPageFactory(title=title, slug=slug, trade="Rèn")
            elif kind == "producer":
                obj = ProducerFactory(name=title, slug=slug)
            elif kind == "news":
                obj = NewsPageFactory(title=title, slug=slug)
            elif kind == "bulletin":
                obj = BulletinPageFactory(title=title, slug=slug)
            elif kind == "announcement":
                obj = AnnouncementPageFactory(title=title, slug=slug, competition=competition)
            else:
                obj = StandardPageFactory(title=title, slug=slug, parent=home_page)
            url = obj.get_absolute_url() if isinstance(obj, Producer) else obj.url
            made[(kind, group)] = (title, url)
    ProductPageFactory(title="Đồ gỗ mỹ nghệ", slug="do-go", summary="Sản phẩm gỗ.")
    return made


def _expected(items, group, kinds=KINDS):
    return {value for (kind, item_group), value in items.items() if item_group == group and kind in kinds}


# -- the text rule ------------------------------------------------------------------------------------------------
def test_index_text_and_query_words_are_one_rule():
    assert index_text("Gốm Bàu Trúc") == "gốm bàu trúc gom bau truc"
    assert index_text(nfd("Đắk Đoa")) == "đắk đoa dak doa"
    assert index_text("Gia Lai") == "gia lai"
    assert query_tokens(nfd("Gốm, Đồng!")) == ["gom", "dong"]
    assert exact_tokens(nfd("Gốm, Đồng!")) == exact_tokens("gốm đồng") == ["gốm", "đồng"]
    assert vietnamese_query('"', "and") is None
    assert vietnamese_query("\x00", "and") is None
    assert clean_text(nfd("  Gốm \x0b Đắk ")) == "Gốm Đắk"
    assert query_tokens('Gốm "Đắk" --') == ["gom", "dak"]  # every backend's query (Elasticsearch too) is NFC


# -- public search ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "group"), CASES, ids=CASE_IDS)
def test_site_search_finds_every_kind_whatever_the_typing(client, items, query, group):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    urls = {hit.url for hit in response.context["page_obj"]}
    assert urls == {url for _title, url in _expected(items, group)}


@pytest.mark.parametrize(("query", "group"), CASES[::3], ids=CASE_IDS[::3])
def test_catalogue_and_suggestions_fold(client, items, query, group):
    html = client.get("/san-pham/", {"q": query}).content.decode()
    (product_title, _url), *_ = _expected(items, group, kinds=("product",))
    assert product_title in html and "Đồ gỗ" not in html
    suggestions = client.get("/tim-kiem/goi-y/", {"q": query}).json()
    titles = {item["title"] for item in (suggestions if isinstance(suggestions, list) else suggestions["results"])}
    assert product_title in titles


# -- admin searches -----------------------------------------------------------------------------------------------
@pytest.fixture
def admin_client(client, items):
    client.force_login(UserFactory(username="quantri", superuser=True))
    return client


@pytest.fixture
def media(items):
    """An image and a document for each phrase."""
    made = {}
    for group, phrase in PHRASES.items():
        made[group] = [
            ImageFactory(title=f"Ảnh {phrase}").title,
            wagtail_factories.DocumentFactory(title=f"Tài liệu {phrase}").title,
        ]
    ImageFactory(title="Ảnh đồ gỗ")
    return made


@pytest.mark.parametrize(("query", "group"), CASES, ids=CASE_IDS)
def test_admin_searches_fold(admin_client, items, media, query, group):
    other = "dong" if group == "gom" else "gom"
    pages = admin_client.get("/admin/pages/search/", {"q": query})
    assert pages.status_code == 200
    html = pages.content.decode()
    expected_pages = [title for title, _url in _expected(items, group) if not title.endswith("producer")]
    missing = [title for title in expected_pages if title not in html]
    assert not missing
    assert not [title for title, _url in _expected(items, other) if title in html]
    assert "Đồ gỗ" not in html
    image_html = admin_client.get("/admin/images/", {"q": query}).content.decode()
    assert media[group][0] in image_html and media[other][0] not in image_html and "đồ gỗ" not in image_html
    document_html = admin_client.get("/admin/documents/", {"q": query}).content.decode()
    assert media[group][1] in document_html and media[other][1] not in document_html
    producer_html = admin_client.get("/admin/snippets/catalogue/producer/", {"q": query}).content.decode()
    (producer, _url), *_ = _expected(items, group, kinds=("producer",))
    (other_producer, _url), *_ = _expected(items, other, kinds=("producer",))
    assert producer in producer_html and other_producer not in producer_html


@pytest.mark.parametrize("query", ['"', "%", "\x00", "   ", "'--", "a" * 300])
def test_admin_and_public_searches_survive_odd_input(admin_client, media, query):
    urls = ("/admin/pages/search/", "/admin/images/", "/admin/documents/", "/admin/snippets/catalogue/producer/")
    for url in (*urls, "/tim-kiem/", "/tim-kiem/goi-y/", "/san-pham/"):
        assert admin_client.get(url, {"q": query}).status_code in (200, 400), url
    for endpoint in ("pages", "images", "documents"):  # Wagtail's API searches through the same backend
        assert admin_client.get(f"/api/v2/{endpoint}/", {"search": query}).status_code in (200, 400), endpoint


# -- ranking ------------------------------------------------------------------------------------------------------
def _order(html, titles):
    return sorted(titles, key=lambda title: html.index(title))


def test_exact_word_ranks_first(client, home_page):
    # The exact match is the older page, so an engine that ignored the marks would list "Gom" first (newest first).
    exact = ProductPageFactory(title="Gốm Ia Pa", slug="gom-ia-pa", summary="Sản phẩm tiêu biểu.")
    folded = ProductPageFactory(title="Gom Ia Pa", slug="gom-ia-pa-2", summary="Sản phẩm tiêu biểu.")
    for query in ("Gốm", nfd("gốm ia pa")):
        hits = [hit.url for hit in client.get("/tim-kiem/", {"q": query}).context["page_obj"]]
        assert hits == [exact.url, folded.url], query
        html = client.get("/san-pham/", {"q": query}).content.decode()
        assert _order(html, ["Gom Ia Pa", "Gốm Ia Pa"]) == ["Gốm Ia Pa", "Gom Ia Pa"], query
    hits = [hit.url for hit in client.get("/tim-kiem/", {"q": "Gom"}).context["page_obj"]]
    assert hits == [folded.url, exact.url]


# -- index rebuild ------------------------------------------------------------------------------------------------
def test_update_index_rebuilds_the_folded_index(client, items):
    call_command("update_index", verbosity=0)
    call_command("update_index", verbosity=0)
    urls = {hit.url for hit in client.get("/tim-kiem/", {"q": "dak doa"}).context["page_obj"]}
    assert urls == {url for _title, url in _expected(items, "gom")}
    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 (Wagtail's model of the search app)
    assert IndexEntry.objects.count() >= Page.objects.filter(depth__gt=1).count() + Producer.objects.count()
    if connection.vendor == "sqlite":  # The FTS5 table mirrors the index entries: no leftovers after a rebuild.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {IndexEntry._meta.db_table}_fts")
            assert cursor.fetchone()[0] == IndexEntry.objects.count()
