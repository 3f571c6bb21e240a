"""What a faceted search returns, whichever backend answered: hits, facets with their counts, one page."""

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class FacetOption:
    """One value of a facet: its label, how many results have it, and whether the visitor selected it."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    """A filter of a listing (e.g. product group) with its options in display order."""

    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_options(self):
        return [o for o in self.options if o.selected]


@dataclass
class Hit:
    """One product on the current page, with highlighted fragments (safe HTML) and its best level's label."""

    object: object
    highlights: dict = field(default_factory=dict)
    level_label: str = ""


@dataclass
class CatalogueResults:
    """One page of a faceted search: ``hits`` (of :class:`Hit`), ``total``, ``facets`` and the Paginator page."""

    query: object  # the CatalogueQuery
    hits: list
    total: int
    facets: list  # of Facet, in display order
    page: object  # a django.core.paginator.Page whose object_list is ``hits``
    backend: str = "database"

    def facet(self, name):
        return next((f for f in self.facets if f.name == name), None)

    @property
    def highlights(self):
        return {hit.object.pk: hit.highlights for hit in self.hits}


class HitWindow(Sequence):
    """A sequence of ``total`` items of which only the current page is known, for Django's Paginator (an
    Elasticsearch response holds one page of hits and the total)."""

    def __init__(self, total, items):
        self.total, self.items = total, items

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.items


@dataclass
class SiteHit:
    """One hit of the site search: the type's label, the highlighted title and snippet (safe HTML), the URL, and
    ``lang``, the language of the title and snippet when it is not the visitor's (an untranslated page or a
    registry record on the English site: marked and labelled), else empty."""

    kind: str  # verbose name of the type, shown on each hit
    title: object  # safe HTML with <mark>
    url: str
    snippet: object = ""
    type_code: str = ""
    lang: str = ""
