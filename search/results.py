"""What a catalogue search returns, whichever backend answered."""

from dataclasses import dataclass, field


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
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
