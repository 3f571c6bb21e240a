"""The Elasticsearch catalogue search: ``FacetedSearch`` (elasticsearch.dsl) with multi-select facets whose counts
exclude their own filter (elasticsearch.dsl puts the filters in ``post_filter`` and gives every facet's aggregation
the other facets' filters), highlighting, and a completion suggester for the search box.

Hits come back as ids; the products of the page are loaded from the database so cards look the same whichever
backend answered. Any failure raises :class:`ElasticUnavailable` and the service falls back to the database.
"""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from elasticsearch.dsl import FacetedSearch, TermsFacet

from ..elastic.client import ElasticUnavailable, elastic_errors, get_client, mark_down
from ..elastic.documents import ProductDocument
from ..filters import PER_PAGE
from ..results import CatalogueResults
from .common import choice_facet, commune_facet, load_products, make_hits, year_facet

SORTS = {
    "relevance": ["_score", "title.raw"],
    "newest": [{"first_published_at": {"order": "desc", "missing": "_last"}}, "title.raw"],
    "name": ["title.raw"],
    "level": [{"best_level": {"order": "desc"}}, "title.raw"],
}
HIGHLIGHT_FIELDS = ("title", "summary")
KIND_LABELS = {
    "product": _("sản phẩm"),
    "producer": _("cơ sở sản xuất"),
    "artisan": _("nghệ nhân"),
    "village": _("làng nghề"),
    "news": _("tin tức"),
}


class ProductFacetedSearch(FacetedSearch):
    doc_types = [ProductDocument]
    fields = ["title^3", "producer_name^2", "summary", "materials"]
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
        if not query:
            return search
        # Words may be spread over title, producer and summary ("Thổ cẩm Làng Phung"); all must match somewhere.
        return search.query("multi_match", query=query, fields=self.fields, type="cross_fields", operator="and")

    def highlight(self, search):
        return search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1, fragment_size=180
        ).highlight(*HIGHLIGHT_FIELDS)


def faceted_search(query):
    """The FacetedSearch for a :class:`~search.filters.CatalogueQuery` (built offline: nothing is sent)."""
    filters = {name: list(values) for name, values in query.filters.items_by_facet().items() if values}
    text = " ".join(query.text.split())
    search = ProductFacetedSearch(text or None, filters, SORTS.get(query.sort, SORTS["newest"]))
    start = (query.page - 1) * PER_PAGE
    return search[start : start + PER_PAGE]


class HitWindow(Sequence):
    """A sequence of ``total`` items of which only the current page is known, for Django's Paginator."""

    def __init__(self, total, items):
        self.total, self.items = total, items

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.items


def search(query):
    from registry.catalogue.models import Commune

    get_client()
    try:
        response = faceted_search(query).execute()
        total = response.hits.total.value
        last_page = max(1, -(-total // PER_PAGE))
        if query.page > last_page:
            from dataclasses import replace

            query = replace(query, page=last_page)
            response = faceted_search(query).execute()
    except elastic_errors() as error:
        mark_down(error)
        raise ElasticUnavailable(str(error)) from error

    ids = [int(hit.meta.id) for hit in response.hits]
    highlights = {}
    for hit in response.hits:
        fragments = getattr(hit.meta, "highlight", None)
        if fragments:
            highlights[int(hit.meta.id)] = {
                field: mark_safe(" … ".join(getattr(fragments, field))) if field in fragments else ""
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
    labels = {c.code: str(c) for c in Commune.objects.filter(code__in=codes)} if codes else {}
    results_facets = [
        choice_facet("group", counts["group"], query.filters.group),
        choice_facet("level", counts["level"], query.filters.level),
        year_facet({int(y): n for y, n in counts["year"].items()}, query.filters.year),
        commune_facet(counts["commune"], query.filters.commune, labels),
        choice_facet("producer_kind", counts["producer_kind"], query.filters.producer_kind),
    ]
    page = Paginator(HitWindow(total, hits), PER_PAGE).get_page(query.page)
    page.object_list = hits
    return CatalogueResults(
        query=query, hits=hits, total=total, facets=results_facets, page=page, backend="elasticsearch"
    )


def suggest(text, size=8):
    """Completion suggestions (titles of products, producers, artisans, villages, news) for the search box."""
    from elasticsearch.dsl import Search

    from ..elastic.documents import DOCUMENTS

    get_client()
    indices = ",".join(document.alias() for document in DOCUMENTS)
    search = Search(index=indices).suggest(
        "titles", text, completion={"field": "suggest", "size": size, "skip_duplicates": True}
    )
    try:
        response = search.extra(size=0).execute()
    except elastic_errors() as error:
        mark_down(error)
        raise ElasticUnavailable(str(error)) from error
    items = []
    for option in response.suggest.titles[0].options:
        source = option._source
        items.append({"title": source.title, "url": source.url, "type": str(KIND_LABELS.get(source.kind, ""))})
    return items


SITE_FIELDS = ["title^3", "producer_name^2", "summary", "materials", "body"]
TYPE_CODES = {
    "product": "productpage",
    "producer": "producer",
    "artisan": "artisanpage",
    "village": "craftvillagepage",
    "news": "newspage",
}


def site_search_body(text, page_number, per_page):
    """The multi-index Search (products, producers, artisans, villages, news) of the site search."""
    from elasticsearch.dsl import Search

    from ..elastic.documents import DOCUMENTS

    start = (page_number - 1) * per_page
    search = (
        Search(index=",".join(document.alias() for document in DOCUMENTS))
        .query("multi_match", query=text, fields=SITE_FIELDS, type="cross_fields", operator="and")
        .highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1, fragment_size=200
        )
        .highlight("title", "summary")
        .source(["title", "summary", "url", "kind"])
    )
    return search[start : start + per_page]


def site_search(text, page_number, per_page):
    """A Paginator page of :class:`search.site.SiteHit` from Elasticsearch."""
    from django.utils.html import escape

    from ..site import SiteHit

    get_client()
    try:
        response = site_search_body(text, page_number, per_page).execute()
        total = response.hits.total.value
        last_page = max(1, -(-total // per_page))
        if page_number > last_page:
            page_number = last_page
            response = site_search_body(text, page_number, per_page).execute()
    except elastic_errors() as error:
        mark_down(error)
        raise ElasticUnavailable(str(error)) from error
    hits = []
    for hit in response.hits:
        marks = getattr(hit.meta, "highlight", None) or {}
        title = marks["title"][0] if "title" in marks else escape(hit.title)
        summary = marks["summary"][0] if "summary" in marks else escape(getattr(hit, "summary", "") or "")
        hits.append(
            SiteHit(
                kind=str(KIND_LABELS.get(hit.kind, "")),
                title=mark_safe(title),
                url=hit.url,
                snippet=mark_safe(summary),
                type_code=TYPE_CODES.get(hit.kind, "page"),
            )
        )
    page = Paginator(HitWindow(total, hits), per_page).get_page(page_number)
    page.object_list = hits
    return page
