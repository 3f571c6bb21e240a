"""The catalogue's searchable types and its help for empty searches, declared to the ``search`` app (which imports
nothing from the registry). Called once from ``CatalogueConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from search import searchable
from search.searchable import SearchableType

from ..choices import ProductGroup
from ..models.indexes import ProductIndexPage
from ..models.producers import Producer
from .database import by_level, live_products
from .facets import load_products, make_hits

DOCUMENTS = "registry.catalogue.product_search.documents."
POPULAR_PRODUCTS = 4


def popular_items():
    """For a site search that found nothing: the products recognised at the highest levels and links to the
    catalogue filtered by each product group. Four queries."""
    best = list(by_level(live_products()).values_list("pk", flat=True)[:POPULAR_PRODUCTS])
    index = ProductIndexPage.objects.live().public().first()
    groups = []
    if index is not None:
        groups = [(label, f"{index.url}?group={value}") for value, label in ProductGroup.choices]
    return {"popular_products": make_hits(load_products(best), []), "catalogue_groups": groups}


def describe_producer(producer):
    """The snippet of a producer's site-search hit: its description, else its address."""
    return producer.description or producer.address


def public_producers():
    """The producers a search may list: those whose profile is public (``Producer.public_objects``)."""
    return Producer.public_objects()


def register():
    """Declare products, producers, artisans and craft villages as searchable, in the order of the indices."""
    searchable.register(
        SearchableType(
            label="catalogue.productpage",
            kind="product",
            order=10,
            kind_label=_("sản phẩm"),
            document=DOCUMENTS + "ProductDocument",
        )
    )
    searchable.register(
        SearchableType(
            label="catalogue.producer",
            kind="producer",
            order=20,
            kind_label=_("cơ sở sản xuất"),
            document=DOCUMENTS + "ProducerDocument",
            is_page=False,
            title_field="name",
            describe=describe_producer,
            public=public_producers,
        )
    )
    searchable.register(
        SearchableType(
            label="catalogue.artisanpage",
            kind="artisan",
            order=30,
            kind_label=_("nghệ nhân"),
            document=DOCUMENTS + "ArtisanDocument",
        )
    )
    searchable.register(
        SearchableType(
            label="catalogue.craftvillagepage",
            kind="village",
            order=40,
            kind_label=_("làng nghề"),
            document=DOCUMENTS + "VillageDocument",
        )
    )
    searchable.register_zero_results_helper(popular_items)
