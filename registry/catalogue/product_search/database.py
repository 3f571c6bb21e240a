"""The catalogue search on the database: Wagtail's database search (``search/backends/wagtail_vi.py``, folding
Vietnamese; PostgreSQL full text or SQLite FTS5) for relevance, the ASCII-folded ``search_folded`` shadow field
for word-prefix matching; facet counts, filters and order computed in Python from the matching products' values.

A search runs a fixed number of queries whatever the size of the catalogue: the matching products' facet values and
their recognised certificates (2: the facet counts, the filters and the order are then computed in Python), their
relevance (1, with text), the selected communes (1, with a commune filter) and the commune labels (1), then the
products of one page (2).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.sorting import SortKeyInLanguage, alphabetical
from core.text import fold
from core.translation import source_pages
from search.backends.database import ranked_ids
from search.results import CatalogueResults
from search.text import word_prefix_q

from ..models.places import Commune
from ..models.producers import Producer
from ..models.products import ProductPage
from .facets import catalogue_facets, commune_labels_in_order, load_products, make_hits, recognised_certificates
from .filters import LEVEL_RANK, PER_PAGE


def live_products():
    """Every product a visitor may see."""
    return source_pages(ProductPage.objects.live().public())


def text_condition(tokens):
    """Every folded token starts a word of the product's folded text or of its producer's.

    Each side is a subquery on one table (``pk IN (products whose words match) OR producer IN (producers whose words
    match)``) rather than one ``OR`` across the join, so that PostgreSQL answers each side from the trigram index of
    that table's ``search_folded`` (``catalogue.0007``) instead of reading every product with its producer."""
    condition = Q()
    for token in tokens:
        words = word_prefix_q("search_folded", [token])
        condition &= Q(pk__in=ProductPage.objects.filter(words).values("pk")) | Q(
            producer__in=Producer.objects.filter(words).values("pk")
        )
    return condition


def by_level(queryset):
    """``queryset`` ordered by the highest level of a certificate that is not revoked, then by name."""
    best = (
        recognised_certificates()
        .filter(product=OuterRef("pk"))
        .annotate(
            rank=Case(
                *(When(level=level, then=Value(rank)) for level, rank in LEVEL_RANK.items()),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-rank")
        .values("rank")[:1]
    )
    return queryset.annotate(best_level=Coalesce(Subquery(best), Value(0))).order_by(
        "-best_level", alphabetical(), "pk"
    )


ID_LIST_LIMIT = 900  # more matching products than this are passed to later queries as a subquery


@dataclass(frozen=True)
class ProductRow:
    """What the search needs of a matching product: its facets' values, title, A–Z key in the visitor's language
    and publication date."""

    pk: int
    group: str
    place: int | None
    producer_kind: str
    title: str
    order_key: str
    published: object


class DatabaseCatalogueSearch:
    """One catalogue search on the database (see the module docstring for its queries)."""

    name = "database"

    def __init__(self, query):
        self.query = query
        self.tokens = query.tokens

    # -- filtering --------------------------------------------------------------------------------------------
    def matching(self):
        """Live products matching the text (or all of them without text), before the facet filters: the folded
        shadow fields decide what matches (every word starts a word of the product's or its producer's folded
        text); ``rank_matches`` then ranks them."""
        base = live_products()
        if not self.tokens:
            return base
        return base.filter(text_condition(self.tokens))

    def rank_matches(self, ids):
        """``self.rank``: {pk: position} of the matching products ``ids`` in Wagtail's database search (words as
        typed first); empty without text. One query."""
        self.rank = {}
        if not self.tokens or not ids:
            return
        # Wagtail's search only filters on declared FilterFields: "id" (of Page). The ids are written in the query
        # up to ID_LIST_LIMIT (cheaper to build than a subquery repeating the text conditions).
        subset = ids if len(ids) <= ID_LIST_LIMIT else self.matching().values("pk")
        ranked = ranked_ids(ProductPage.objects.filter(id__in=subset), self.query.text)
        self.rank = {pk: position for position, pk in enumerate(ranked)}

    def apply(self, queryset, filters, communes):
        if filters.group:
            queryset = queryset.filter(product_group__in=filters.group)
        if filters.level:
            queryset = queryset.filter(
                pk__in=recognised_certificates().filter(level__in=filters.level).values("product")
            )
        if filters.year:
            queryset = queryset.filter(pk__in=recognised_certificates().filter(year__in=filters.year).values("product"))
        if filters.commune and communes:
            ids = [pk for pk, code in communes.items() if code in filters.commune]
            queryset = queryset.alias(place_id=Coalesce("commune_id", "producer__commune_id")).filter(place_id__in=ids)
        if filters.producer_kind:
            queryset = queryset.filter(producer__kind__in=filters.producer_kind)
        return queryset

    # -- one pass over the matching products ------------------------------------------------------------------
    def rows(self, matching):
        """{pk: :class:`ProductRow`} of every product ``matching`` the text (before the facet filters), and
        {pk: set of (level, year)} of their certificates that count: two queries, whatever the filters, from which
        the facet counts, the filtered products and their order are computed in Python (five facet counts and an
        ordered list of ids used to be six queries)."""
        products = {
            pk: ProductRow(pk, *rest)
            for pk, *rest in matching.order_by()
            .annotate(place=Coalesce("commune_id", "producer__commune_id"), order_key=SortKeyInLanguage("sort_key"))
            .values_list("pk", "product_group", "place", "producer__kind", "title", "order_key", "first_published_at")
        }
        certificates = defaultdict(set)
        if not products:
            return products, certificates
        subset = list(products) if len(products) <= ID_LIST_LIMIT else matching.values("pk")
        rows = recognised_certificates().filter(product_id__in=subset).order_by()
        for product_id, level, year in rows.values_list("product_id", "level", "year"):
            certificates[product_id].add((level, year))
        return products, certificates

    def passes(self, row, certificates, filters, communes, skip=""):
        """Whether ``row`` passes ``filters`` but the facet ``skip`` (the rules of ``apply``, in Python)."""
        if skip != "group" and filters.group and row.group not in filters.group:
            return False
        held = certificates.get(row.pk, ())
        if skip != "level" and filters.level and not any(level in filters.level for level, _year in held):
            return False
        if skip != "year" and filters.year and not any(year in filters.year for _level, year in held):
            return False
        if skip != "commune" and filters.commune and communes and row.place not in communes:
            return False
        return skip == "producer_kind" or not filters.producer_kind or row.producer_kind in filters.producer_kind

    def facet_counts(self, products, certificates, communes):
        """{facet: {value: number of products}}, each facet counted with every other filter applied but not its
        own (years as int, communes by pk)."""
        filters = self.query.filters
        counts = {name: Counter() for name in ("group", "level", "year", "commune", "producer_kind")}
        for row in products.values():
            if self.passes(row, certificates, filters, communes, "group"):
                counts["group"][row.group] += 1
            if self.passes(row, certificates, filters, communes, "level"):
                counts["level"].update({level for level, _year in certificates.get(row.pk, ())})
            if self.passes(row, certificates, filters, communes, "year"):
                counts["year"].update({year for _level, year in certificates.get(row.pk, ())})
            if self.passes(row, certificates, filters, communes, "commune"):
                counts["commune"][row.place] += 1
            if self.passes(row, certificates, filters, communes, "producer_kind"):
                counts["producer_kind"][row.producer_kind] += 1
        return {name: dict(counter) for name, counter in counts.items()}

    # -- ordering ---------------------------------------------------------------------------------------------
    def ordered_ids(self, rows, certificates):
        """The ids of ``rows`` (the filtered products) in the order of the query's sort: relevance (products whose
        own title holds every word first, then the engine's rank, then A–Z), name (A–Z: ``sort_key`` in the
        visitor's language, byte order), level (highest recognised level first, then A–Z) or newest."""
        sort = self.query.sort
        if sort == "newest":
            rows = sorted(rows, key=lambda row: row.pk, reverse=True)
            dated = sorted((row for row in rows if row.published), key=lambda row: row.published, reverse=True)
            return [row.pk for row in dated] + [row.pk for row in rows if not row.published]
        rows = sorted(rows, key=lambda row: (row.order_key or "", row.pk))
        if sort == "relevance":
            missing = len(self.rank)

            def key(row):
                title = fold(row.title)
                return (not all(token in title for token in self.tokens), self.rank.get(row.pk, missing))

            rows = sorted(rows, key=key)
        elif sort == "level":

            def best(row):
                return max((LEVEL_RANK.get(level, 0) for level, _year in certificates.get(row.pk, ())), default=0)

            rows = sorted(rows, key=best, reverse=True)
        return [row.pk for row in rows]

    # -- the search -------------------------------------------------------------------------------------------
    def run(self):
        """The :class:`search.results.CatalogueResults` of the query (see the module docstring for its queries)."""
        filters = self.query.filters
        matching = self.matching()
        selected_communes = {}
        if filters.commune:
            selected_communes = {c.pk: c.code for c in Commune.objects.filter(code__in=filters.commune)}
        products, certificates = self.rows(matching)
        self.rank_matches(list(products))
        filtered = [row for row in products.values() if self.passes(row, certificates, filters, selected_communes)]
        ids = self.ordered_ids(filtered, certificates)
        counts = self.facet_counts(products, certificates, selected_communes)
        place_ids = {pk for pk in counts["commune"] if pk is not None} | set(selected_communes)
        labels = commune_labels_in_order(Commune.objects.filter(pk__in=place_ids), key="pk") if place_ids else {}
        commune_counts = {labels[pk][0]: n for pk, n in counts["commune"].items() if pk in labels}

        counts["commune"] = commune_counts
        facets = catalogue_facets(counts, filters, dict(labels.values()))
        page = Paginator(ids, PER_PAGE).get_page(self.query.page)
        hits = make_hits(load_products(list(page.object_list)), self.tokens)
        page.object_list = hits
        return CatalogueResults(
            query=self.query, hits=hits, total=len(ids), facets=facets, page=page, backend=self.name
        )


def search(query):
    """The :class:`search.results.CatalogueResults` of a :class:`~.filters.CatalogueQuery`."""
    return DatabaseCatalogueSearch(query).run()
