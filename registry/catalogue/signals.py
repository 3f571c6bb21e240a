"""Side effects of saving registry records, connected in ``CatalogueConfig.ready()``.

The search index of a product holds its producer's name and kind and the levels and years of its certificates
that count: when those change, the product's document must be rebuilt. (Publishing, unpublishing, moving or
deleting the catalogue's own pages is handled by search/signals.py for every searchable type, and the anonymous
page cache by core/signals.py for every write.)
"""

from django.db.models.signals import post_delete, post_save

from search.elastic.client import is_enabled as search_updates_enabled
from search.mixins import refold
from search.signals import schedule_update

from .models.certificates import Certificate
from .models.producers import Producer
from .models.products import ProductPage


def reindex_producer_products(sender, instance, **kwargs):
    """A producer was saved: its name and kind are in each of its products' search documents, so re-index them
    (the producer's own document is re-indexed by search/signals.py). Only with Elasticsearch; no query otherwise."""
    schedule_update(*_when_indexing(lambda: list(instance.products.all())))


def refold_producer_products(sender, instance, **kwargs):
    """A producer was saved with another name: its products' folded search text (``/san-pham/?q=``, the database
    search) holds its name, so fold them again from the stored rows (a draft's name never gets in). No query when
    the name did not change (``shared_search_changed``), else two, and a write only for texts that differ."""
    if instance.shared_search_changed:
        refold(ProductPage.objects.filter(producer_id=instance.pk).select_related("producer"))


def reindex_certified_product(sender, instance, **kwargs):
    """A certificate was saved or deleted (issued, revoked, corrected): its product's levels and years in the
    search index change, so re-index the product. Only with Elasticsearch; no query otherwise."""
    if instance.product_id:
        schedule_update(*_when_indexing(lambda: list(ProductPage.objects.filter(pk=instance.product_id))))


def _when_indexing(load):
    """``load()`` when search updates are sent (Elasticsearch configured), else nothing (and no query)."""
    return load() if search_updates_enabled() else []


def connect():
    """Connect the receivers (called once from ``CatalogueConfig.ready()``)."""
    post_save.connect(reindex_producer_products, sender=Producer, dispatch_uid="catalogue-reindex-producer-products")
    post_save.connect(refold_producer_products, sender=Producer, dispatch_uid="catalogue-refold-producer-products")
    post_save.connect(reindex_certified_product, sender=Certificate, dispatch_uid="catalogue-reindex-certificate")
    post_delete.connect(
        reindex_certified_product, sender=Certificate, dispatch_uid="catalogue-reindex-certificate-deleted"
    )
