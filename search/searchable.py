"""The registry of searchable types: what the site search and the Elasticsearch indices hold.

``search`` imports nothing from the apps whose records it searches. Each app declares its types once, from its
``AppConfig.ready()``::

    register(SearchableType(
        label="catalogue.producer", kind="producer", kind_label=_("cơ sở sản xuất"),
        document="registry.catalogue.product_search.documents.ProducerDocument",
        title_field="name", describe=lambda producer: producer.description or producer.address,
    ))

Pages are found by the site search through Wagtail whatever their type; a type that is not a page (``is_page``
False) is searched by the folded words of its ``search_folded`` column. ``document`` is the dotted path of an
``elasticsearch.dsl`` Document class (search/elastic/documents.py) with the class methods ``source_queryset()``
and ``from_object(obj)``: it is imported only when Elasticsearch is used, so the site starts without loading it.

``order`` sorts the types (and so the indices of a multi-index search: products, producers, artisans, villages,
news) whatever the order in which the apps are ready.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SearchableType:
    """One model the search knows about.

    - ``label``: ``app_label.modelname`` (lower case), as in ``Model._meta.label_lower``;
    - ``kind`` / ``kind_label``: the short code stored in the index and its translated label shown on hits;
    - ``type_code``: the CSS/analytics code of a hit (default: the model name);
    - ``document``: dotted path of its Elasticsearch Document class, or "" when it has no index;
    - ``is_page``: Wagtail pages are found through ``Page`` by the database site search;
    - ``title_field`` / ``describe``: for non-page types, the field holding the title and a function giving the
      snippet of a hit;
    - ``public``: for non-page types, a function giving the queryset of the records whose public page shows
      (e.g. live producers); the searches list only those (default: every record);
    - ``order``: position among the types (lower first).
    """

    label: str
    kind: str
    kind_label: object
    document: str = ""
    type_code: str = ""
    is_page: bool = True
    title_field: str = "title"
    describe: Callable | None = None
    public: Callable | None = None
    order: int = 100

    @property
    def model(self):
        return apps.get_model(self.label)

    def public_queryset(self):
        """The records a search may list: ``public()``, else every record of the model."""
        return self.public() if self.public is not None else self.model.objects.all()

    @property
    def code(self):
        return self.type_code or self.label.split(".")[1]

    def document_class(self):
        """The Elasticsearch Document class (imports elasticsearch.dsl: call only when Elasticsearch is used)."""
        return import_string(self.document) if self.document else None


# The catch-all type of the pages whose type is not registered (search/apps.py): one index for all of them.
PAGES = "wagtailcore.page"
_TYPES = {}
_ZERO_RESULT_HELPERS = []


def register(searchable):
    """Declare ``searchable`` (a :class:`SearchableType`); registering the same label again replaces it."""
    _TYPES[searchable.label] = searchable
    return searchable


def get(label):
    """The registered type of ``label`` (``app_label.modelname``, any case), or None."""
    return _TYPES.get(str(label).lower())


def of_instance(instance):
    """The registered type of ``instance`` (a model instance); a page of a type that is not registered is of the
    catch-all :data:`PAGES` type (when registered). None for other objects."""
    from wagtail.models import Page

    kind = get(instance._meta.label_lower)
    if kind is None and isinstance(instance, Page):
        return get(PAGES)
    return kind


def types():
    """Every registered type, by ``order``."""
    return sorted(_TYPES.values(), key=lambda searchable: searchable.order)


def indexed_types():
    """The registered types that have an Elasticsearch document, by ``order``."""
    return [searchable for searchable in types() if searchable.document]


def for_kind(kind_code):
    """The registered type whose ``kind`` (the code stored in the index) is ``kind_code``, or None."""
    return next((kind for kind in types() if kind.kind == kind_code), None)


def non_page_types():
    """The registered types that are not Wagtail pages (searched by their folded column), by ``order``."""
    return [searchable for searchable in types() if not searchable.is_page]


def register_zero_results_helper(helper):
    """``helper()`` returns a dict merged into the context of a site search that found nothing (e.g. popular
    products and the catalogue's groups); apps register theirs in ``ready()``."""
    if helper not in _ZERO_RESULT_HELPERS:
        _ZERO_RESULT_HELPERS.append(helper)
    return helper


def zero_results_context():
    """The merged context of every registered zero-results helper."""
    context = {}
    for helper in _ZERO_RESULT_HELPERS:
        context.update(helper())
    return context
