"""Elasticsearch backend, offline: mappings, analyzer settings, the exact query and aggregation bodies, index
updates dispatched as tasks, the alias swap, and the fallback to the database when the cluster is unreachable.
(The shared cases of tests/test_search.py run against a live cluster when ELASTICSEARCH_URL is set.)"""

import logging
import time

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from core.text import sort_key
from registry.catalogue.product_search.documents import ProductDocument
from registry.catalogue.product_search.elastic import ProductFacetedSearch, faceted_search
from registry.catalogue.product_search.filters import CatalogueFilters, CatalogueQuery
from registry.catalogue.product_search.service import catalogue_search
from search.elastic import indexing
from search.elastic.documents import APOSTROPHE_MAPPINGS, SiteDocument, index_template
from tests.search_data import build_catalogue

ANALYSIS = {
    "analyzer": {
        "vi_folding": {
            "type": "custom",
            "char_filter": ["vi_apostrophes"],
            "tokenizer": "standard",
            "filter": ["lowercase", "vi_ascii_folding"],
        }
    },
    # Apostrophes of Jrai/Bahnar names ("Ksor H'Bia", "H’Lin") separate words, as query_tokens splits them.
    "char_filter": {"vi_apostrophes": {"type": "mapping", "mappings": APOSTROPHE_MAPPINGS}},
    "filter": {"vi_ascii_folding": {"type": "asciifolding", "preserve_original": True}},
}
FOLDED_TEXT = {"type": "text", "analyzer": "vi_folding"}
CATALOGUE_FIELDS = ["title^3", "producer_name^2", "summary", "materials", "producer_details^0.2"]
SITE_FIELDS = ["title^3", "producer_name^2", "summary", "materials", "producer_details^0.2", "body"]


def ranking(tokens, fields):
    """The ranking clauses words_query adds after the words as typed (search/elastic/queries.py): each folded word
    as a whole word, the words as a phrase of the title, and the title starting with them (the strongest)."""
    spans = [
        {"span_multi": {"match": {"prefix": {"title": {"value": token, "rewrite": "top_terms_100"}}}}}
        for token in tokens
    ]
    match = spans[0] if len(spans) == 1 else {"span_near": {"clauses": spans, "slop": 0, "in_order": True}}
    return [
        *({"multi_match": {"query": token, "fields": fields, "boost": 2}} for token in tokens),
        {"match_phrase_prefix": {"title": {"query": " ".join(tokens), "max_expansions": 50, "boost": 4}}},
        {"span_first": {"match": match, "end": len(tokens), "boost": 8}},
    ]


@pytest.fixture
def unreachable(settings):
    """Elasticsearch configured at a port nobody listens on, with tiny timeouts."""
    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    settings.ELASTICSEARCH_INDEX_PREFIX = "khuyencong-offline"
    cache.clear()
    yield
    cache.clear()


def test_product_mapping():
    assert ProductDocument._doc_type.mapping.to_dict() == {
        "properties": {
            "title": {**FOLDED_TEXT, "fields": {"raw": {"type": "keyword"}}},
            "summary": FOLDED_TEXT,
            "body": FOLDED_TEXT,
            "url": {"type": "keyword", "index": False},
            "note": {"type": "text", "index": False},
            "kind": {"type": "keyword"},
            "suggest": {"type": "completion", "analyzer": "vi_folding"},
            "materials": FOLDED_TEXT,
            "producer_name": FOLDED_TEXT,
            "producer_details": FOLDED_TEXT,
            "group": {"type": "keyword"},
            "levels": {"type": "keyword"},
            "years": {"type": "integer"},
            "commune": {"type": "keyword"},
            "producer_kind": {"type": "keyword"},
            "best_level": {"type": "integer"},
            "first_published_at": {"type": "date"},
            "sort_key": {"type": "keyword"},
        }
    }


def test_every_index_gets_the_folding_analyzer(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
    body = indexing.new_index(ProductDocument, "20260101").to_dict()
    assert body["settings"] == {"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS}
    assert indexing.new_index(ProductDocument, "20260101")._name == "kc-products-20260101"
    assert index_template().to_dict() == {
        "index_patterns": ["kc-*"],
        "priority": 100,
        "template": {"settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS}},
    }
    for document in indexing.documents():
        assert issubclass(document, SiteDocument)
        assert document.alias().startswith("kc-")


def test_exact_query_and_aggregation_body(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
    query = CatalogueQuery(
        text="Thổ cẩm",
        filters=CatalogueFilters(group=("handicraft",), level=("provincial", "regional")),
        sort="level",
        page=2,
    )
    group = {"terms": {"group": ["handicraft"]}}
    levels = {"terms": {"levels": ["provincial", "regional"]}}
    both = {"bool": {"must": [group, levels]}}
    search = faceted_search(query)
    assert search.index == "kc-products"
    assert search._s.to_dict() == {
        # Each folded word starts a word of a field (as on the database); the words as typed rank exact ones first.
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": word,
                            "fields": ["title^3", "producer_name^2", "summary", "materials", "producer_details^0.2"],
                            "type": "phrase_prefix",
                            "max_expansions": 500,
                        }
                    }
                    for word in ("tho", "cam")
                ],
                "should": [
                    {
                        "multi_match": {
                            "query": "Thổ cẩm",
                            "fields": CATALOGUE_FIELDS,
                            "type": "cross_fields",
                            "operator": "and",
                        }
                    },
                    *ranking(["tho", "cam"], CATALOGUE_FIELDS),
                ],
            }
        },
        "post_filter": both,
        # Each facet's counts see every other filter, never its own: multi-select with honest counts.
        "aggs": {
            "_filter_group": {"filter": levels, "aggs": {"group": {"terms": {"field": "group", "size": 10}}}},
            "_filter_level": {"filter": group, "aggs": {"level": {"terms": {"field": "levels", "size": 10}}}},
            "_filter_year": {"filter": both, "aggs": {"year": {"terms": {"field": "years", "size": 60}}}},
            "_filter_commune": {"filter": both, "aggs": {"commune": {"terms": {"field": "commune", "size": 500}}}},
            "_filter_producer_kind": {
                "filter": both,
                "aggs": {"producer_kind": {"terms": {"field": "producer_kind", "size": 10}}},
            },
        },
        "sort": [{"best_level": {"order": "desc"}}, {"sort_key": {"order": "asc", "unmapped_type": "keyword"}}],
        "from": 12,
        "size": 12,
        "highlight": {
            "fields": {"title": {}, "summary": {}},
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "number_of_fragments": 1,
            "fragment_size": 180,
        },
    }


def test_browse_body_without_text_or_filters():
    body = faceted_search(CatalogueQuery(sort="newest"))._s.to_dict()
    assert "query" not in body and "post_filter" not in body
    assert body["sort"] == [
        {"first_published_at": {"order": "desc", "missing": "_last"}},
        {"sort_key": {"order": "asc", "unmapped_type": "keyword"}},  # Vietnamese alphabetical order
    ]
    assert body["aggs"]["_filter_year"] == {
        "filter": {"match_all": {}},
        "aggs": {"year": {"terms": {"field": "years", "size": 60}}},
    }
    assert set(ProductFacetedSearch.facets) == {"group", "level", "year", "commune", "producer_kind"}


@pytest.mark.django_db
def test_product_document_content(home_page):
    products = build_catalogue()
    product = ProductDocument.source_queryset().get(pk=products["brocade"].pk)
    body = ProductDocument.from_object(product).to_dict()
    assert body["title"] == "Thổ cẩm Jrai dệt tay"
    assert body["sort_key"] == sort_key("Thổ cẩm Jrai dệt tay")
    assert body["producer_name"] == "Hợp tác xã Dệt Làng Phung"
    assert body["levels"] == ["provincial", "regional"]
    assert body["years"] == [2022, 2024]
    assert body["commune"] == "64001"
    assert body["best_level"] == 4
    assert body["suggest"] == {"input": ["Thổ cẩm Jrai dệt tay", "Hợp tác xã Dệt Làng Phung"]}
    knife = ProductDocument.from_object(ProductDocument.source_queryset().get(pk=products["knife"].pk)).to_dict()
    assert "levels" not in knife or knife["levels"] == []  # its only certificate is revoked
    assert knife["commune"] == "64002"  # the product's own commune wins over the producer's


class FakeIndices:
    def __init__(self, existing):
        self.existing, self.calls = existing, []

    def exists_alias(self, name):
        return bool(self.existing)

    def get_alias(self, name):
        return {index: {"aliases": {name: {}}} for index in self.existing}

    def update_aliases(self, actions):
        self.calls.append(("update_aliases", actions))

    def delete(self, index):
        self.calls.append(("delete", index))


def test_alias_swap_is_one_atomic_request_then_old_indices_go():
    from search.elastic.engines import ElasticsearchEngine

    client = type("Client", (), {})()
    client.indices = FakeIndices(["kc-products-1"])
    engine = ElasticsearchEngine.__new__(ElasticsearchEngine)  # the real adapter around a fake client
    engine.client = client
    indexing.swap_alias(engine, "kc-products", "kc-products-2")
    assert client.indices.calls == [
        (
            "update_aliases",
            [
                {"remove": {"index": "kc-products-1", "alias": "kc-products"}},
                {"add": {"index": "kc-products-2", "alias": "kc-products"}},
            ],
        ),
        ("delete", "kc-products-1"),
    ]


@pytest.mark.django_db
def test_fallback_to_database_when_cluster_is_down(home_page, unreachable, caplog):
    build_catalogue()
    caplog.set_level(logging.WARNING, logger="search")
    results = catalogue_search("tho cam")
    assert results.backend == "database"
    assert [hit.object.slug for hit in results.hits] == ["tho-cam-jrai"]
    assert "Search engine unavailable, the database backend answers" in caplog.text
    # The failure is remembered: the next search does not wait for the cluster again.
    started = time.monotonic()
    assert catalogue_search("ca phe").backend == "database"
    assert time.monotonic() - started < 0.5


@pytest.mark.django_db
def test_listing_and_site_search_answer_when_cluster_is_down(client, home_page, unreachable):
    build_catalogue()
    response = client.get("/san-pham/", {"q": "mat ong", "group": "processed-food"})
    assert response.status_code == 200
    assert "Mật ong hoa rừng" in response.content.decode()
    assert client.get("/tim-kiem/", {"q": "mat ong"}).status_code == 200
    assert client.get("/tim-kiem/goi-y/", {"q": "mat"}).json()["results"]


class Recorder:
    def __init__(self, action, calls):
        self.action, self.calls = action, calls

    def enqueue(self, *args):
        self.calls.append((self.action, *args))


@pytest.mark.django_db
def test_publish_unpublish_move_delete_enqueue_index_tasks(
    home_page, unreachable, monkeypatch, django_capture_on_commit_callbacks
):
    from search.elastic import tasks
    from tests.factories import ProductPageFactory

    products = build_catalogue()
    calls = []
    monkeypatch.setattr(tasks, "update_search_document", Recorder("update", calls))
    monkeypatch.setattr(tasks, "delete_search_document", Recorder("delete", calls))
    monkeypatch.setattr(tasks, "update_search_subtree", Recorder("subtree", calls))
    honey = products["honey"]
    with django_capture_on_commit_callbacks(execute=True):
        honey.save_revision().publish()
    assert calls == [("update", "catalogue.productpage", honey.pk)]
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        honey.unpublish()
    assert ("delete", "catalogue.productpage", honey.pk) in calls
    calls.clear()
    spare = ProductPageFactory(title="Tiêu đen", slug="tieu-den")
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spare.move(spare.get_parent(), pos="first-child")
    assert calls == [("subtree", spare.pk)]  # one task: the page and the pages under it (tasks.index_subtree)
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spare.delete()
    assert ("delete", "catalogue.productpage", spare.pk) in calls
    calls.clear()
    producer = products["brocade"].producer
    with django_capture_on_commit_callbacks(execute=True):
        producer.save()
    assert ("update", "catalogue.producer", producer.pk) in calls
    assert ("update", "catalogue.productpage", products["brocade"].pk) in calls


@pytest.mark.django_db
def test_index_tasks_log_and_return_when_cluster_is_down(home_page, unreachable, caplog):
    from search.elastic.tasks import delete_search_document, update_search_document

    products = build_catalogue()
    caplog.set_level(logging.WARNING, logger="search")
    assert update_search_document.call("catalogue.productpage", products["honey"].pk) == "unavailable"
    assert "Search index update of catalogue.productpage" in caplog.text
    assert delete_search_document.call("catalogue.productpage", 999) == "unavailable"
    assert update_search_document.call("catalogue.certificate", 1) == "ignored"


@pytest.mark.django_db
def test_nothing_is_enqueued_with_the_database_backend(home_page, settings, django_capture_on_commit_callbacks):
    settings.CATALOGUE_SEARCH_BACKEND = "database"
    products = build_catalogue()
    with django_capture_on_commit_callbacks() as callbacks:
        products["honey"].save_revision().publish()
    assert not [c for c in callbacks if "enqueue" in repr(c)]


@pytest.mark.django_db
def test_rebuild_command_reports_an_unreachable_cluster(unreachable):
    with pytest.raises(CommandError, match="did not answer within .* or is unreachable"):
        call_command("search_index", "--rebuild")
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")


def test_progress_bar_lines():
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from search.management.commands.search_index import progress_bar

    out = StringIO()
    draw = progress_bar(OutputWrapper(out), width=10)
    draw("kc-products", 0, 4)
    draw("kc-products", 4, 4)
    assert out.getvalue().strip() == "kc-products                  [##########] 4/4"


def test_site_search_body(settings):
    from search.backends.elastic import site_search_body

    settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
    search = site_search_body("Đồng", 2, 10)
    assert search._index == ["kc-products,kc-producers,kc-artisans,kc-villages,kc-news,kc-pages"]
    assert search.to_dict() == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "dong",
                            "fields": SITE_FIELDS,
                            "type": "phrase_prefix",
                            "max_expansions": 500,
                        }
                    }
                ],
                "should": [
                    {
                        "multi_match": {
                            "query": "Đồng",
                            "fields": SITE_FIELDS,
                            "type": "cross_fields",
                            "operator": "and",
                        }
                    },
                    *ranking(["dong"], SITE_FIELDS),
                ],
            }
        },
        "highlight": {
            "fields": {"title": {}, "summary": {}},
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "number_of_fragments": 1,
            "fragment_size": 200,
        },
        "_source": ["title", "summary", "note", "url", "kind", "page_type"],
        # A stable order for equal scores (different indices): no hit on two pages of results.
        "sort": ["_score", {"title.raw": {"order": "asc", "unmapped_type": "keyword"}}, {"kind": {"order": "asc"}}],
        "from": 10,
        "size": 10,
    }


def _bucket_aggs(buckets):
    return {
        f"_filter_{name}": {"doc_count": 5, name: {"buckets": [{"key": k, "doc_count": n} for k, n in values]}}
        for name, values in buckets.items()
    }


@pytest.mark.django_db
def test_a_canned_elasticsearch_response_becomes_results(home_page, settings, monkeypatch):
    """The response handling, without a cluster: hits → products from the database, facets → counts."""
    from elasticsearch.dsl.response import Response

    from search.elastic.engines import Engine

    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    cache.clear()
    products = build_catalogue()
    brocade = products["brocade"]
    raw = {
        "took": 1,
        "timed_out": False,
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_index": "khuyencong-products-1",
                    "_id": str(brocade.pk),
                    "_score": 2.0,
                    "_source": {"title": brocade.title},
                    "highlight": {"title": ["<mark>Thổ</mark> <mark>cẩm</mark> Jrai dệt tay"]},
                }
            ],
        },
        "aggregations": _bucket_aggs(
            {
                "group": [("handicraft", 2), ("processed-food", 1)],
                "level": [("provincial", 1), ("regional", 1)],
                "year": [(2024, 1), (2022, 1)],
                "commune": [("64001", 1)],
                "producer_kind": [("cooperative", 1)],
            }
        ),
    }
    sent = []

    def fake_search(self, index, body):
        sent.append(body)
        return raw

    monkeypatch.setattr(Engine, "search", fake_search)  # whichever engine is configured (CI sets opensearch)
    results = catalogue_search("tho cam", CatalogueFilters(group=("handicraft",)))
    assert results.backend == "elasticsearch"
    assert [hit.object for hit in results.hits] == [brocade]
    assert str(results.hits[0].highlights["title"]) == "<mark>Thổ</mark> <mark>cẩm</mark> Jrai dệt tay"
    assert results.hits[0].highlights["summary"] == brocade.summary
    assert {o.value: (o.count, o.selected) for o in results.facet("group").options} == {
        "handicraft": (2, True),
        "processed-food": (1, False),
        "machinery": (0, False),
        "other": (0, False),
    }
    assert [(o.value, o.count) for o in results.facet("year").options] == [("2024", 1), ("2022", 1)]
    assert [(o.label, o.count) for o in results.facet("commune").options] == [("Xã Pleiku", 1)]
    assert results.total == 1 and results.page.paginator.num_pages == 1
    assert sent[0]["post_filter"] == {"terms": {"group": ["handicraft"]}}
    assert Response  # the response class elasticsearch.dsl builds is the real one


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["elasticsearch", "opensearch"])
def test_rebuild_fills_new_indices_then_swaps_the_aliases(home_page, settings, engine):
    """Through each engine's real client against a stub cluster: template, new index per type, bulk, refresh, alias
    swap, old index deleted – so searches never see an empty index."""
    from io import StringIO

    from tests.es_stub import StubCluster

    build_catalogue()
    settings.SEARCH_ENGINE = engine
    with StubCluster() as cluster:
        settings.ELASTICSEARCH_URL = cluster.url
        settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
        cache.clear()
        out = StringIO()
        call_command("search_index", "--rebuild", stdout=out)
        first = {alias: set(names) for alias, names in cluster.aliases.items()}
        call_command("search_index", "--rebuild", stdout=StringIO())

    assert "kc-products" in out.getvalue() and "[" in out.getvalue() and "5/5" in out.getvalue()
    assert "Indexed" in out.getvalue()
    methods = [(method, path) for method, path, _body in cluster.requests]
    assert ("PUT", "/_index_template/kc-template") in methods
    assert set(first) == {"kc-products", "kc-producers", "kc-artisans", "kc-villages", "kc-news", "kc-pages"}
    (old_products,) = first["kc-products"]
    (new_products,) = cluster.aliases["kc-products"]
    assert old_products != new_products and old_products.startswith("kc-products-")
    assert ("DELETE", f"/{old_products}") in methods
    assert old_products not in cluster.indices
    products = cluster.indices[new_products]
    assert sorted(doc["title"] for doc in products) == [
        "Chiêng Đồng Tây Nguyên",
        "Cà phê Robusta rang mộc",
        "Dao rựa rèn tay",
        "Mật ong hoa rừng",
        "Thổ cẩm Jrai dệt tay",
    ]
    create = next(body for method, path, body in cluster.requests if method == "PUT" and path == f"/{new_products}")
    assert create["settings"]["analysis"] == ANALYSIS
    assert create["mappings"]["properties"]["levels"] == {"type": "keyword"}
    swap = next(
        body["actions"]
        for method, path, body in reversed(cluster.requests)
        if path == "/_aliases" and any(a.get("add", {}).get("alias") == "kc-products" for a in body["actions"])
    )
    assert swap == [
        {"remove": {"index": old_products, "alias": "kc-products"}},
        {"add": {"index": new_products, "alias": "kc-products"}},
    ]
    # The new index is refreshed before the alias names it: otherwise searches find nothing until the next refresh.
    refreshed = methods.index(("POST", f"/{new_products}/_refresh"))
    swapped = max(i for i, (method, path, body) in enumerate(cluster.requests) if path == "/_aliases")
    assert refreshed < swapped
