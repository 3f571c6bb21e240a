"""Elasticsearch/OpenSearch backend, offline: the exact bodies sent — the catalogue's query, ranking clauses,
multi-select facet aggregations, sort, pages and highlights; the browse body without text; the site search's body
over every index — and a canned engine response turned into results (hits from the database, facet counts)."""

import pytest
from django.core.cache import cache

from registry.catalogue.product_search.elastic import ProductFacetedSearch, faceted_search
from registry.catalogue.product_search.filters import CatalogueFilters, CatalogueQuery
from registry.catalogue.product_search.service import catalogue_search
from tests.search_data import build_catalogue

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
