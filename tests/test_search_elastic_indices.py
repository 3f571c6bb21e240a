"""Elasticsearch/OpenSearch backend, offline: what goes into the indices — the product mapping, the folding
analyzer every index and the index template carry, a product's document, the alias swap in one atomic request, the
rebuild's progress bar, and ``search_index --rebuild`` through each engine's real client against a stub cluster
(tests/es_stub.py). The other offline modules: tests/test_search_elastic_{queries,updates,fallback}.py; the shared
cases run against a live node in tests/test_search_live_*.py."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.text import sort_key
from registry.catalogue.product_search.documents import ProductDocument
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


def test_progress_bar_lines():
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from search.management.commands.search_index import progress_bar

    out = StringIO()
    draw = progress_bar(OutputWrapper(out), width=10)
    draw("kc-products", 0, 4)
    draw("kc-products", 4, 4)
    assert out.getvalue().strip() == "kc-products                  [##########] 4/4"


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
