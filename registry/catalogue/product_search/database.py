"""The catalogue search on the database: Wagtail's database search (``search/backends/wagtail_vi.py``, folding
Vietnamese; PostgreSQL full text or SQLite FTS5) for relevance, the ASCII-folded ``search_folded`` shadow field
for word-prefix matching, and ORM aggregation for the facet counts.

A search runs a fixed number of queries whatever the size of the catalogue: restrictions (1), relevance (1),
matching ids (1), one count per facet (5) and the commune labels (1), then the products of one page (3).
"""

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.sorting import alphabetical
from core.text import fold
from core.translation import source_pages
from search.backends.database import ranked_ids
from search.results import CatalogueResults
from search.text import word_prefix_q

from ..models.places import Commune
from ..models.products import ProductPage
from .facets import catalogue_facets, commune_labels_in_order, load_products, make_hits, recognised_certificates
from .filters import LEVEL_RANK, PER_PAGE


def live_products():
    """Every product a visitor may see."""
    return source_pages(ProductPage.objects.live().public())


def text_condition(tokens):
    """Every folded token starts a word of the product's folded text or of its producer's."""
    condition = Q()
    for token in tokens:
        condition &= word_prefix_q("search_folded", [token]) | word_prefix_q("producer__search_folded", [token])
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


class DatabaseCatalogueSearch:
    """One catalogue search on the database (see the module docstring for its queries)."""

    name = "database"

    def __init__(self, query):
        self.query = query
        self.tokens = query.tokens

    # -- filtering --------------------------------------------------------------------------------------------
    def matching(self):
        """Live products matching the text (or all of them without text), before the facet filters.

        The folded shadow fields decide what matches (every word starts a word of the product's or its producer's
        folded text); Wagtail's database search then ranks only those (words as typed first)."""
        base = live_products()
        self.rank = {}
        if not self.tokens:
            return base
        candidates = base.filter(text_condition(self.tokens))
        # Wagtail's search only filters on declared FilterFields: "id" (of Page) with a subquery of the candidates.
        ranked = ranked_ids(base.filter(id__in=candidates.values("pk")), self.query.text)
        self.rank = {pk: position for position, pk in enumerate(ranked)}
        return candidates

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

    # -- facets -----------------------------------------------------------------------------------------------
    def facet_counts(self, matching, communes):
        filters = self.query.filters

        def others(name):
            return self.apply(matching, filters.without(name), communes)

        def grouped(queryset, field, expression=None):
            values = (
                queryset.order_by().values(**{field: expression}) if expression else queryset.order_by().values(field)
            )
            return dict(values.annotate(n=Count("pk", distinct=True)).values_list(field, "n"))

        def by_certificate(name, field):
            rows = (
                recognised_certificates()
                .filter(product__in=others(name).values("pk"))
                .order_by()
                .values(field)
                .annotate(n=Count("product", distinct=True))
                .values_list(field, "n")
            )
            return dict(rows)

        return {
            "group": grouped(others("group"), "product_group"),
            "level": by_certificate("level", "level"),
            "year": by_certificate("year", "year"),
            "commune": grouped(others("commune"), "place", Coalesce("commune_id", "producer__commune_id")),
            "producer_kind": grouped(others("producer_kind"), "producer__kind"),
        }

    # -- ordering ---------------------------------------------------------------------------------------------
    def ordered_ids(self, queryset):
        sort = self.query.sort
        if sort == "relevance":
            # Products whose own title holds every word first, then the engine's rank, then the name.
            rows = list(queryset.order_by(alphabetical(), "pk").values_list("pk", "title"))
            missing = len(self.rank)

            def key(row):
                title = fold(row[1])
                return (not all(token in title for token in self.tokens), self.rank.get(row[0], missing))

            return [pk for pk, _title in sorted(rows, key=key)]
        if sort == "name":
            # Vietnamese alphabetical order (core/text.py ``sort_key``), the same on SQLite and PostgreSQL.
            return list(queryset.order_by(alphabetical(), "pk").values_list("pk", flat=True))
        if sort == "level":
            return list(by_level(queryset).values_list("pk", flat=True))
        newest = F("first_published_at").desc(nulls_last=True)
        return list(queryset.order_by(newest, "-pk").values_list("pk", flat=True))

    # -- the search -------------------------------------------------------------------------------------------
    def run(self):
        filters = self.query.filters
        matching = self.matching()
        selected_communes = {c.pk: c.code for c in Commune.objects.filter(code__in=filters.commune)}
        filtered = self.apply(matching, filters, selected_communes)
        ids = self.ordered_ids(filtered)
        counts = self.facet_counts(matching, selected_communes)
        place_ids = set(counts["commune"]) | set(selected_communes)
        labels = commune_labels_in_order(Commune.objects.filter(pk__in=place_ids), key="pk")
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
