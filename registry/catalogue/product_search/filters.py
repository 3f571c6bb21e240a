"""The catalogue's filters, parsed from an untrusted query string.

Multi-select: ``?group=handicraft&group=processed-food``. Unknown values are ignored (never an error), so a forged
or stale link still gives a normal page.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from search.text import clean_text, multi_values, parse_page, query_tokens

from ..choices import Level, ProducerKind, ProductGroup

YEAR_RANGE = (1990, 2100)
PER_PAGE = 12

SORTS = {
    "relevance": _("Phù hợp nhất"),
    "newest": _("Mới nhất"),
    "name": _("Tên (A–Z)"),
    "level": _("Cấp công nhận cao nhất"),
}
# Highest level first when sorting by level.
LEVEL_RANK = {
    Level.NATIONAL: 5,
    Level.REGIONAL: 4,
    Level.PROVINCIAL: 3,
    Level.DISTRICT: 2,
    Level.COMMUNE: 1,
}
FACET_NAMES = ("group", "level", "year", "commune", "producer_kind")


@dataclass(frozen=True)
class CatalogueFilters:
    """Validated filters of a catalogue search; each is a tuple of allowed values (empty = no filter)."""

    group: tuple = ()
    level: tuple = ()
    year: tuple = ()
    commune: tuple = ()  # commune codes
    producer_kind: tuple = ()

    def get(self, name):
        return getattr(self, name)

    def without(self, name):
        """The same filters with facet ``name`` cleared (facet counts exclude their own filter)."""
        return replace(self, **{name: ()})

    def is_empty(self):
        return not any(self.get(name) for name in FACET_NAMES)

    def names(self):
        return FACET_NAMES

    def items_by_facet(self):
        return {name: self.get(name) for name in FACET_NAMES}

    def items(self):
        for name in FACET_NAMES:
            for value in self.get(name):
                yield name, value


@dataclass(frozen=True)
class CatalogueQuery:
    """A whole catalogue request: text, filters, page number and sort."""

    text: str = ""
    filters: CatalogueFilters = field(default_factory=CatalogueFilters)
    page: int = 1
    sort: str = ""

    @property
    def tokens(self):
        return query_tokens(self.text)


def _year(value):
    if not value.isdigit() or len(value) != 4:
        return None
    year = int(value)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def _commune_code(value):
    return value if value.isdigit() and len(value) <= 10 else None


def parse_filters(querydict):
    """The validated :class:`CatalogueFilters` of a QueryDict (``request.GET``)."""
    return CatalogueFilters(
        group=multi_values(querydict, "group", set(ProductGroup.values)),
        level=multi_values(querydict, "level", set(Level.values)),
        year=multi_values(querydict, "year", validate=_year),
        commune=multi_values(querydict, "commune", validate=_commune_code),
        producer_kind=multi_values(querydict, "producer_kind", set(ProducerKind.values)),
    )


def default_sort(text):
    """Relevance when there is text to be relevant to, else the newest products first."""
    return "relevance" if text else "newest"


def parse_sort(querydict, text):
    sort = querydict.get("sort", "")
    if sort in SORTS and (sort != "relevance" or text):
        return sort
    return default_sort(text)


def parse_query(querydict):
    """Everything a catalogue search needs from ``request.GET``."""
    text = clean_text(querydict.get("q", ""))
    return CatalogueQuery(
        text=text, filters=parse_filters(querydict), page=parse_page(querydict), sort=parse_sort(querydict, text)
    )
