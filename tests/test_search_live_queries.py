"""The search engine for real (issue 17), querying: the live case table of folded and exact Vietnamese against a
running node, Elasticsearch 8 or OpenSearch 2 (``SEARCH_ENGINE``) — folding (đ/Đ, upper case, NFD input),
partial words and punctuation, highlights, suggestions, pagination, facet counts and the ranking (whole words and
title starts first), each compared with the database backend where the two must agree. The other live modules:
tests/test_search_live_{indexing,site,failures}.py.

The catalogue of tests/search_data.py and every other indexed page type are built once for the module inside a
transaction rolled back at the end (each test runs in its own savepoint), and indexed once by ``rebuild()``
(the ``live`` fixture: tests/conftest.py, tests/live_search.py); tests that change the index use their own
product and leave the index as they found it. CI (.ci/run) starts an OpenSearch node; without
``ELASTICSEARCH_URL`` these tests are skipped locally and fail under ``CI`` (tests/live_search.py).
"""

import pytest
from django.utils.html import strip_tags

from registry.catalogue.product_search import elastic as catalogue_elastic
from registry.catalogue.product_search.filters import CatalogueFilters, CatalogueQuery
from registry.catalogue.product_search.service import catalogue_search
from search.site import autocomplete, site_search
from tests.live_search import NFD, site_hits, titles
from tests.test_search import CASES, FILTER_COMBINATIONS

# The catalogue is built and indexed once for the module by the ``live`` fixture (tests/conftest.py,
# tests/live_search.py); ``engine_up`` starts each test with the engine not marked down.
pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db, pytest.mark.usefixtures("engine_up")]


# Folded and exact Vietnamese: the shared table of tests/test_search.py, plus đ/Đ, upper case and NFD input.
LIVE_CASES = [
    *CASES,
    ("đồng", {"gong"}, {"brocade"}),
    ("CHIÊNG ĐỒNG", {"gong"}, {"honey"}),
    ("Chieng Dong", {"gong"}, {"coffee"}),
    (NFD("NFD", "Thổ cẩm"), {"brocade"}, {"gong"}),
    (NFD("NFD", "Mật ong"), {"honey"}, {"gong"}),
    (NFD("NFD", "ĐỒNG"), {"gong"}, {"honey"}),
    ("rựa", {"knife"}, {"gong"}),
]


@pytest.mark.parametrize(("query", "found", "not_found"), LIVE_CASES, ids=[repr(c[0]) for c in LIVE_CASES])
def test_live_cases(live, query, found, not_found):
    results = catalogue_search(query)
    got = set(titles(results))
    assert results.backend == "elasticsearch", "the engine did not answer"
    assert {live.products[key].title for key in found} <= got, (query, got)
    assert not {live.products[key].title for key in not_found} & got, (query, got)
    assert results.total == len(results.hits)


def test_highlights_mark_folded_matches(live, client):
    results = catalogue_search("tho cam")
    assert results.backend == "elasticsearch"
    assert "<mark>Thổ</mark> <mark>cẩm</mark>" in str(results.hits[0].highlights["title"])
    html = client.get("/tim-kiem/", {"q": "dong"}).content.decode()
    assert "<mark>Đồng</mark>" in html


@pytest.mark.parametrize("query", ["tho cam", "Thổ cẩm", NFD("NFD", "Thổ cẩm"), NFD("NFD", "THỔ CẨM")])
def test_site_search_folds_every_form(live, query):
    page = site_search(query, 1)
    assert "Thổ cẩm Jrai dệt tay" in [strip_tags(hit.title) for hit in page.object_list], query


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tho", "Thổ cẩm Jrai dệt tay"),
        ("THỔ", "Thổ cẩm Jrai dệt tay"),
        (NFD("NFD", "Thổ c"), "Thổ cẩm Jrai dệt tay"),
        ("mat o", "Mật ong hoa rừng"),
        ("chieng d", "Chiêng Đồng Tây Nguyên"),
        ("hop tac", "Hợp tác xã Dệt Làng Phung"),
    ],
)
def test_autocomplete_suggestions(live, client, typed, expected):
    suggestions = [item["title"] for item in autocomplete(typed)]
    assert expected in suggestions, (typed, suggestions)
    served = client.get("/tim-kiem/goi-y/", {"q": typed}).json()["results"]
    assert expected in [item["title"] for item in served]


def test_pagination(live, monkeypatch):
    monkeypatch.setattr(catalogue_elastic, "PER_PAGE", 2)
    seen = []
    for number in (1, 2, 3):
        results = catalogue_elastic.search(
            CatalogueQuery(text="", filters=CatalogueFilters(), page=number, sort="name")
        )
        assert results.total == 5
        seen.append(titles(results))
    assert [len(page) for page in seen] == [2, 2, 1]
    flat = [title for page in seen for title in page]
    assert len(set(flat)) == 5  # no product twice, none missing
    beyond = catalogue_elastic.search(CatalogueQuery(text="", filters=CatalogueFilters(), page=99, sort="name"))
    assert titles(beyond) == seen[-1]  # a page past the end shows the last one


@pytest.mark.parametrize("combination", FILTER_COMBINATIONS, ids=[str(c) for c in FILTER_COMBINATIONS])
@pytest.mark.parametrize("text", ["", "tay", "dong"])
def test_facet_counts_equal_the_database_backend(live, settings, combination, text):
    """Multi-select facets: the engine's counts (each facet without its own filter) equal the database's."""
    filters = CatalogueFilters(**combination)
    engine = catalogue_search(text, filters)
    settings.CATALOGUE_SEARCH_BACKEND = "database"
    database = catalogue_search(text, filters)
    assert engine.backend == "elasticsearch" and database.backend == "database"
    assert sorted(titles(engine)) == sorted(titles(database))
    assert engine.total == database.total
    for facet in database.facets:
        expected = {option.value: option.count for option in facet.options}
        got = {option.value: option.count for option in engine.facet(facet.name).options}
        assert got == expected, facet.name


def test_parity_report(live, settings):
    """The same queries through the database backend and the engine on the same data. Exact names: the same top
    hit. Other queries: the same set of hits; their order is left to each backend's ranking (Lucene's BM25 over
    title, producer and summary with boosts vs. the database's ranking), which legitimately differs."""
    exact = [product.title for product in live.products.values()]
    loose = ["tay", "dong", "ong", "tho cam", "phuoc kieu"]
    report = []
    for query in exact + loose:
        settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
        engine = titles(catalogue_search(query))
        settings.CATALOGUE_SEARCH_BACKEND = "database"
        database = titles(catalogue_search(query))
        report.append((query, engine, database))
    for query, engine, database in report:
        assert sorted(engine) == sorted(database), (query, engine, database)
        if query in exact:
            assert engine[0] == database[0] == query, (query, engine, database)


@pytest.mark.parametrize("query", ["da", "ca ph", "tho c", "mat o", "*", '"', "ong"])
def test_partial_words_and_punctuation_as_on_the_database(live, settings, query):
    """Issue: the engine matched whole words only (``q=da`` 2 hits vs 12, ``ca ph`` 0 vs 12) and ``*`` found
    nothing where the database lists everything. Each word now starts a word, as on the database."""
    engine = catalogue_search(query)
    settings.CATALOGUE_SEARCH_BACKEND = "database"
    database = catalogue_search(query)
    assert engine.backend == "elasticsearch"
    assert sorted(titles(engine)) == sorted(titles(database)), query
    assert engine.total == database.total


@pytest.mark.parametrize(("typed", "expected"), [("tho", "Thổ cẩm Jrai dệt tay"), ("dệt t", "Thổ cẩm Jrai dệt tay")])
def test_suggestions_match_a_word_inside_the_title(live, typed, expected):
    assert expected in [item["title"] for item in autocomplete(typed)], typed


@pytest.mark.parametrize(
    ("query", "first"),
    [("ca ph", "Cà phê Robusta rang mộc"), ("Ca phe", "Cà phê Robusta rang mộc"), ("dao r", "Dao rựa rèn tay")],
)
def test_whole_words_and_title_starts_rank_first(live, query, first):
    """Finding 10: "ca ph" matched "Các … phí" in a news body first; a title starting with the words wins."""
    assert titles(catalogue_search(query))[:1] == [first]
    assert [hit[0] for hit in site_hits(query)][:1] == [first]
    assert [item["title"] for item in autocomplete(query)][:1] == [first]
