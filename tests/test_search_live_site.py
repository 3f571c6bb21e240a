"""The search engine for real (issue 17), the site search: hits from every index and every page type (bodies
included), the same hits as the database backend (site-search fields, apostrophe names, operators, zero-width
space), one language indexed and each hit's address and translation in the visitor's language (tester's findings
of 29 Nov: 1, 3, 4, 5, 10, 11).

The catalogue of tests/search_data.py and every other indexed page type are built once for the module inside a
transaction rolled back at the end (each test runs in its own savepoint), and indexed once by ``rebuild()``
(the ``live`` fixture: tests/conftest.py, tests/live_search.py); tests that change the index use their own
product and leave the index as they found it. CI (.ci/run) starts an OpenSearch node; without
``ELASTICSEARCH_URL`` these tests are skipped locally and fail under ``CI`` (tests/live_search.py).
"""

import pytest
from django.test import override_settings
from django.utils.html import strip_tags

from search.elastic.indexing import rebuild
from search.site import autocomplete, site_search
from tests.factories.home import ensure_site
from tests.live_search import drop_live_indices, site_hits

# The catalogue is built and indexed once for the module by the ``live`` fixture (tests/conftest.py,
# tests/live_search.py); ``engine_up`` starts each test with the engine not marked down.
pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db, pytest.mark.usefixtures("engine_up")]


def test_site_search_spans_the_indices(live):
    page = site_search("Phung", 1)
    kinds = {hit.kind for hit in page.object_list}
    assert len(kinds) == 2, kinds  # the product (by its producer's name) and the producer itself
    assert {hit.url for hit in page.object_list} and all(hit.url for hit in page.object_list)


def test_every_body_kind_is_searchable(live):
    """Finding 1: the bodies themselves are in the index (StreamField heading + rich text, struct blocks, a rich
    text field), found as the database finds them."""
    cases = {
        "quokkaword": live.pages["standard"].title,  # rich text inside a StreamField
        "dieu 1": live.pages["standard"].title,  # a heading block
        "giu lua": live.pages["bulletin"].title,  # a struct block (table of contents entry)
        "zebrawort": live.pages["announcement"].title,  # a RichTextField
        "tham dinh": live.pages["news"].title,  # a news article's StreamField body
    }
    for query, title in cases.items():
        assert [hit[0] for hit in site_hits(query)] == [title], query


# Finding 4 (site-search fields) and 3 (apostrophe names), 10 (operators), 11 (zero-width space): the engine's hit
# set equals the database's; for exact names the top hit too.
PARITY_QUERIES = [
    "Pleiku",
    "Lê Minh Tâm",
    "dan lat",
    "tho cam",
    "dong",
    "khuyen cong",
    "Ia Bang",
    "tho^100",
    "thổ\u200bcẩm",
]


EXACT_NAMES = ["Ksor H'Bia", "Ksor H\u2019Bia", "ksor h bia", "H'Lin", "Rơ Châm H'Lin", "Rơ Châm H\u2019Lin"]


@pytest.mark.parametrize("query", PARITY_QUERIES + EXACT_NAMES)
def test_site_search_parity_with_the_database(live, settings, query):
    engine = site_hits(query, "elasticsearch", settings)
    database = site_hits(query, "database", settings)
    assert {hit[:3] for hit in engine} == {hit[:3] for hit in database}, (query, engine, database)
    if query in EXACT_NAMES:
        assert engine and engine[0][0] == database[0][0], (query, engine, database)


@pytest.mark.parametrize("query", ["Ksor H'Bia", "ksor h b", "H\u2019Lin", "Rơ Châm H'L"])
def test_apostrophe_names_are_suggested(live, query):
    assert [item["title"] for item in autocomplete(query)][:1] in (["Ksor H'Bia"], ["Rơ Châm H\u2019Lin"]), query


PAGES_PREFIX = "khuyencong-livepages"  # its own indices (no overlap with <PREFIX>-*), deleted at the end


def test_every_page_type_in_one_language_with_its_addresses_in_the_visitors(
    live, settings, django_capture_on_commit_callbacks
):
    """Issue: the engine's site search had no bulletins, announcements, standard or section pages (the database
    backend searches every page); it listed English translations on the Vietnamese site and gave Vietnamese
    addresses on the English one. Now: one index for the other page types, the Vietnamese sources only (as the
    database backend), and the hit's address in the visitor's language."""
    from django.utils import translation

    from tests.factories.home import StandardPageFactory
    from tests.factories.news import BulletinPageFactory, NewsPageFactory
    from tests.translating import translate

    bulletin = BulletinPageFactory(title="Bản tin khuyến công tháng Giêng")
    standard = StandardPageFactory(title="Giới thiệu trung tâm khuyến công", slug="gioi-thieu", parent=ensure_site())
    news = NewsPageFactory(title="Hội chợ thủ công Gia Lai", summary="Hội chợ hàng thủ công.")
    translate(news, title="Gia Lai handicraft fair", summary="A handicraft fair.")
    english_url = f"/en{news.url}"  # its address on the English site (news.url in Vietnamese: no override active)
    try:
        with override_settings(ELASTICSEARCH_INDEX_PREFIX=PAGES_PREFIX):
            rebuild()
            engine = site_search("ban tin khuyen cong", 1)
            assert [strip_tags(hit.title) for hit in engine.object_list] == [bulletin.title]
            assert engine.object_list[0].kind == str(type(bulletin)._meta.verbose_name)
            assert engine.object_list[0].url == bulletin.url
            assert [strip_tags(h.title) for h in site_search("gioi thieu trung tam", 1).object_list] == [standard.title]
            assert not site_search("fair", 1).object_list  # the English translation is not a hit of its own
            assert "Gia Lai handicraft fair" not in [item["title"] for item in autocomplete("gia lai")]
            assert news.title in [strip_tags(hit.title) for hit in site_search("hoi cho", 1).object_list]
            with translation.override("en"):
                english = site_search("hoi cho", 1).object_list
                assert [hit.url for hit in english] == [english_url]
                assert all(item["url"].startswith("/en/") for item in autocomplete("hoi cho"))
            settings.CATALOGUE_SEARCH_BACKEND = "database"
            with translation.override("en"):
                assert [hit.url for hit in site_search("hoi cho", 1).object_list] == [english_url]
            assert [strip_tags(h.title) for h in site_search("ban tin khuyen cong", 1).object_list] == [bulletin.title]
    finally:
        drop_live_indices(PAGES_PREFIX)


def test_english_hits_show_the_translation_as_the_database_does(live, settings):
    """Finding 5: on /en/ a page with a live English translation shows its English title, summary and address, with
    the database's type labels (the pages index included)."""
    from django.utils import translation

    from tests.translating import translate

    coffee = live.products["coffee"]
    translate(coffee, title="Robusta coffee, plain roasted", summary="Plain roasted Chu Se Robusta beans.")
    translate(live.pages["news"], title="How to apply for support funds", summary="The 2026 procedure.")
    with translation.override("en"):
        for query in ("ca phe", "ho so", "tho cam"):
            engine = site_hits(query, "elasticsearch", settings)
            database = site_hits(query, "database", settings)
            assert sorted(engine) == sorted(database), (query, engine, database)
        titles_en = [hit[0] for hit in site_hits("ca phe", "elasticsearch", settings)]
        assert "Robusta coffee, plain roasted" in titles_en
        engine_suggestions = {tuple(item.values()) for item in autocomplete("ca phe")}
        settings.CATALOGUE_SEARCH_BACKEND = "database"
        database_suggestions = {tuple(item.values()) for item in autocomplete("ca phe")}
        assert engine_suggestions == database_suggestions
        assert "Robusta coffee, plain roasted" in {item[0] for item in engine_suggestions}
