"""The catalogue search on Elasticsearch: ``FacetedSearch`` (elasticsearch.dsl) with multi-select facets whose counts
exclude their own filter (elasticsearch.dsl puts the filters in ``post_filter`` and gives every facet's aggregation
the other facets' filters) and highlighting.

Hits come back as ids; the products of the page are loaded from the database so cards look the same whichever
backend answered. Sent through the configured engine (Elasticsearch or OpenSearch, search/elastic/client.py); any failure raises
:class:`ElasticUnavailable` and the service falls back to the database.
"""

from dataclasses import replace

from django.core.paginator import Paginator
from django.utils.safestring import mark_safe
from elasticsearch.dsl import FacetedSearch, TermsFacet

from search.elastic.client import clamp_page, execute_faceted, reachable_total
from search.elastic.queries import words_query
from search.highlight import remark
from search.results import CatalogueResults, HitWindow

from ..models.places import Commune
from .documents import ProductDocument
from .facets import catalogue_facets, commune_labels_in_order, load_products, make_hits
from .filters import PER_PAGE

# Names in Vietnamese alphabetical order: the product's stored ``sort_key`` (a keyword, compared byte by byte;
# "unmapped_type" keeps an index built before the field existed answering until it is rebuilt).
BY_NAME = {"sort_key": {"order": "asc", "unmapped_type": "keyword"}}
SORTS = {
    "relevance": ["_score", BY_NAME],
    "newest": [{"first_published_at": {"order": "desc", "missing": "_last"}}, BY_NAME],
    "name": [BY_NAME],
    "level": [{"best_level": {"order": "desc"}}, BY_NAME],
}
HIGHLIGHT_FIELDS = ("title", "summary")


class ProductFacetedSearch(FacetedSearch):
    """The products index with the catalogue's five multi-select facets."""

    doc_types = [ProductDocument]
    fields = ["title^3", "producer_name^2", "summary", "materials", "producer_details^0.2"]
    facets = {
        "group": TermsFacet(field="group", size=10),
        "level": TermsFacet(field="levels", size=10),
        "year": TermsFacet(field="years", size=60),
        "commune": TermsFacet(field="commune", size=500),
        "producer_kind": TermsFacet(field="producer_kind", size=10),
    }

    def __init__(self, query=None, filters=None, sort=()):
        self.index = ProductDocument.alias()
        super().__init__(query, filters or {}, sort)

    def query(self, search, query):
        # Words may be spread over title, producer and summary ("Thổ cẩm Làng Phung"); each must start a word
        # somewhere ("ca ph" finds "Cà phê"), as on the database; no word at all ("*") lists everything.
        condition = words_query(query, self.fields) if query else None
        return search if condition is None else search.query(condition)

    def highlight(self, search):
        return search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1, fragment_size=180
        ).highlight(*HIGHLIGHT_FIELDS)


def faceted_search(query):
    """The FacetedSearch for a :class:`~.filters.CatalogueQuery` (built offline: nothing is sent)."""
    filters = {name: list(values) for name, values in query.filters.items_by_facet().items() if values}
    text = " ".join(query.text.split())
    search = ProductFacetedSearch(text or None, filters, SORTS.get(query.sort, SORTS["newest"]))
    start = (query.page - 1) * PER_PAGE
    return search[start : start + PER_PAGE]


def search(query):
    """The :class:`search.results.CatalogueResults` of a query from Elasticsearch; raises
    :class:`ElasticUnavailable` when the cluster fails (the service then asks the database)."""
    index = ProductDocument.alias()
    if query.page != clamp_page(query.page, PER_PAGE):  # never past the engine's result window (a 400)
        query = replace(query, page=clamp_page(query.page, PER_PAGE))
    response = execute_faceted(faceted_search(query), index)
    total = reachable_total(response.hits.total.value, PER_PAGE)
    last_page = max(1, -(-total // PER_PAGE))
    if query.page > last_page:
        query = replace(query, page=last_page)
        response = execute_faceted(faceted_search(query), index)

    ids = [int(hit.meta.id) for hit in response.hits]
    highlights = {}
    for hit in response.hits:
        fragments = getattr(hit.meta, "highlight", None)
        if fragments:
            highlights[int(hit.meta.id)] = {
                # Elasticsearch's fragments, marked again with the site's one rule (search/highlight.py).
                field: mark_safe(" … ".join(remark(f, query.tokens) for f in getattr(fragments, field)))
                if field in fragments
                else ""
                for field in HIGHLIGHT_FIELDS
            }
    products = load_products(ids)
    for product in products:  # fill the fields Elasticsearch did not highlight
        if product.pk in highlights:
            marks = highlights[product.pk]
            marks["title"] = marks.get("title") or product.title
            marks["summary"] = marks.get("summary") or product.summary
    hits = make_hits(products, query.tokens, highlights)

    facets = response.facets
    counts = {
        name: {value: count for value, count, _selected in getattr(facets, name)} for name in query.filters.names()
    }
    codes = set(counts["commune"]) | set(query.filters.commune)
    labels = commune_labels_in_order(Commune.objects.filter(code__in=codes)) if codes else {}
    counts["year"] = {int(y): n for y, n in counts["year"].items()}
    results_facets = catalogue_facets(counts, query.filters, labels)
    page = Paginator(HitWindow(total, hits), PER_PAGE).get_page(query.page)
    page.object_list = hits
    return CatalogueResults(
        query=query, hits=hits, total=total, facets=results_facets, page=page, backend="elasticsearch"
    )
