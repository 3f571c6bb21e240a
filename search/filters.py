"""The catalogue's filters, parsed from an untrusted query string.

Multi-select: ``?group=handicraft&group=processed-food``. Unknown values are ignored (never an error), so a forged
or stale link still gives a normal page.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from core.text import fold
from registry.catalogue.choices import Level, ProducerKind, ProductGroup

MAX_QUERY_LENGTH = 200
MAX_TOKENS = 12
MAX_VALUES = 20
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


def clean_text(raw):
    """Whitespace-normalised query, cut to a sane length."""
    return " ".join(str(raw or "").split())[:MAX_QUERY_LENGTH]


def query_tokens(text):
    """ASCII-folded words of a query, without punctuation (so quotes, tags and SQL are just words)."""
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()
    return words[:MAX_TOKENS]


def word_prefix_q(field, tokens):
    """Every token starts a word of the folded text in ``field`` (e.g. ``search_folded``): "ca phe" matches
    "... ca phe ..." but "tho" does not match inside "khotho"."""
    from django.db.models import Q

    condition = Q()
    for token in tokens:
        condition &= Q(**{f"{field}__startswith": token}) | Q(**{f"{field}__contains": f" {token}"})
    return condition


def _multi(querydict, name, allowed=None, validate=None):
    seen = []
    for raw in querydict.getlist(name)[: MAX_VALUES * 2]:
        value = str(raw).strip()[:40]
        if allowed is not None and value not in allowed:
            continue
        if validate is not None:
            value = validate(value)
            if value is None:
                continue
        if value not in seen:
            seen.append(value)
    return tuple(seen[:MAX_VALUES])


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
        group=_multi(querydict, "group", set(ProductGroup.values)),
        level=_multi(querydict, "level", set(Level.values)),
        year=_multi(querydict, "year", validate=_year),
        commune=_multi(querydict, "commune", validate=_commune_code),
        producer_kind=_multi(querydict, "producer_kind", set(ProducerKind.values)),
    )


def parse_page(querydict):
    raw = str(querydict.get("page", "1"))
    return int(raw) if raw.isdigit() and len(raw) < 7 and int(raw) > 0 else 1


def parse_sort(querydict, text):
    sort = querydict.get("sort", "")
    if sort in SORTS and (sort != "relevance" or text):
        return sort
    return default_sort(text)


def default_sort(text):
    return "relevance" if text else "newest"


def parse_query(querydict):
    """Everything a catalogue search needs from ``request.GET``."""
    text = clean_text(querydict.get("q", ""))
    return CatalogueQuery(
        text=text, filters=parse_filters(querydict), page=parse_page(querydict), sort=parse_sort(querydict, text)
    )
