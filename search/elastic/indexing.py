"""What goes into Elasticsearch, and how: one serializer per document type, full rebuilds behind an alias, and
single-object updates (called from the background tasks in tasks.py)."""

import logging

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone

from ..filters import LEVEL_RANK
from .client import ElasticUnavailable, elastic_errors, get_client, mark_down
from .documents import (
    DOCUMENTS,
    ArtisanDocument,
    NewsDocument,
    ProducerDocument,
    ProductDocument,
    VillageDocument,
    index_template,
)

logger = logging.getLogger("search")
BATCH = 200


def _summary(page):
    for attr in ("summary", "intro", "search_description"):
        value = getattr(page, attr, "")
        if isinstance(value, str) and value:
            return value
    return ""


def _url(obj):
    try:
        return obj.get_url() if hasattr(obj, "get_url") else obj.get_absolute_url()
    except Exception:  # noqa: BLE001 - a page outside any site has no URL; it is still searchable
        return ""


# -- sources: the objects of each document type --------------------------------------------------------------


def product_queryset():
    from registry.catalogue.models import ProductPage

    from ..backends.common import recognised_certificates

    return (
        ProductPage.objects.live()
        .public()
        .select_related("producer", "commune", "producer__commune")
        .prefetch_related(Prefetch("certificates", queryset=recognised_certificates(), to_attr="search_certs"))
        .order_by("pk")
    )


def product_document(product):
    certificates = getattr(product, "search_certs", None)
    if certificates is None:
        certificates = list(product.certificates.recognised())
    place = product.commune or product.producer.commune
    return ProductDocument(
        meta={"id": product.pk},
        title=product.title,
        summary=product.summary,
        materials=product.materials,
        producer_name=product.producer.name,
        url=_url(product),
        kind="product",
        group=product.product_group,
        levels=sorted({c.level for c in certificates}),
        years=sorted({c.year for c in certificates}),
        commune=place.code if place else None,
        producer_kind=product.producer.kind,
        best_level=max((LEVEL_RANK.get(c.level, 0) for c in certificates), default=0),
        first_published_at=product.first_published_at,
        suggest={"input": [product.title, product.producer.name]},
    )


def producer_queryset():
    from registry.catalogue.models import Producer

    return Producer.objects.order_by("pk")


def producer_document(producer):
    return ProducerDocument(
        meta={"id": producer.pk},
        title=producer.name,
        summary=producer.description,
        url=_url(producer),
        kind="producer",
        producer_kind=producer.kind,
        suggest={"input": [producer.name]},
    )


def _page_queryset(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model.objects.live().public().order_by("pk")


def page_document(document_class, kind):
    def serialize(page):
        return document_class(
            meta={"id": page.pk},
            title=page.title,
            summary=_summary(page),
            url=_url(page),
            kind=kind,
            suggest={"input": [page.title]},
        )

    return serialize


SOURCES = {
    ProductDocument: (product_queryset, product_document),
    ProducerDocument: (producer_queryset, producer_document),
    ArtisanDocument: (lambda: _page_queryset("catalogue", "ArtisanPage"), page_document(ArtisanDocument, "artisan")),
    VillageDocument: (
        lambda: _page_queryset("catalogue", "CraftVillagePage"),
        page_document(VillageDocument, "village"),
    ),
    NewsDocument: (lambda: _page_queryset("news", "NewsPage"), page_document(NewsDocument, "news")),
}
# Model (app_label.modelname, as in client.INDEXED_MODELS) → document type, for single-object updates.
MODEL_DOCUMENTS = {
    "catalogue.productpage": ProductDocument,
    "catalogue.producer": ProducerDocument,
    "catalogue.artisanpage": ArtisanDocument,
    "catalogue.craftvillagepage": VillageDocument,
    "news.newspage": NewsDocument,
}


def document_for(model_label):
    return MODEL_DOCUMENTS.get(model_label.lower())


# -- rebuild behind an alias ---------------------------------------------------------------------------------


def new_index(document_class, suffix):
    """An Index object (not yet created) holding ``document_class``'s mapping and the folding analyzer."""
    from elasticsearch.dsl import Index

    from .documents import INDEX_SETTINGS

    index = Index(f"{document_class.alias()}-{suffix}")
    index.settings(**INDEX_SETTINGS)
    index.document(document_class)
    return index


def rebuild(progress=None, refresh=False):
    """Build a fresh index per document type, fill it, then atomically point the alias at it and drop the old
    ones, so searches never see an empty index. ``progress(label, done, total)`` is called as batches go in."""
    from elasticsearch.helpers import bulk

    client = get_client(check_down=False)
    suffix = timezone.now().strftime("%Y%m%d%H%M%S%f")
    counts = {}
    try:
        index_template().save()
        for document_class in DOCUMENTS:
            queryset_function, serialize = SOURCES[document_class]
            queryset = queryset_function()
            alias = document_class.alias()
            index = new_index(document_class, suffix)
            index.create()
            total = queryset.count() if queryset is not None else 0
            done = 0
            if progress:
                progress(alias, 0, total)
            actions = []
            for obj in queryset.iterator(chunk_size=BATCH) if queryset is not None else []:
                document = serialize(obj)
                actions.append({"_index": index._name, "_id": document.meta.id, "_source": document.to_dict()})
                if len(actions) >= BATCH:
                    bulk(client, actions)
                    done += len(actions)
                    actions = []
                    if progress:
                        progress(alias, done, total)
            if actions:
                bulk(client, actions)
                done += len(actions)
            if progress:
                progress(alias, done, total)
            if refresh:
                client.indices.refresh(index=index._name)
            swap_alias(client, alias, index._name)
            counts[alias] = done
    except elastic_errors() as error:
        mark_down(error)
        raise ElasticUnavailable(str(error)) from error
    return counts


def swap_alias(client, alias, new_name):
    """Point ``alias`` at ``new_name`` only, in one atomic request, then delete the indices it used to name."""
    old = []
    if client.indices.exists_alias(name=alias):
        old = list(client.indices.get_alias(name=alias))  # index names (iterating the response gives its keys)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for name in old:
        if name != new_name:
            client.indices.delete(index=name)


# -- single objects ------------------------------------------------------------------------------------------


def index_object(model_label, pk):
    """(Re)index one object, or remove it when it is no longer live."""
    document_class = document_for(model_label)
    if document_class is None:
        return "ignored"
    queryset_function, serialize = SOURCES[document_class]
    queryset = queryset_function()
    obj = queryset.filter(pk=pk).first() if queryset is not None else None
    if obj is None:
        return remove_object(model_label, pk)
    client = get_client()
    try:
        client.index(index=document_class.alias(), id=str(pk), document=serialize(obj).to_dict())
    except elastic_errors() as error:
        mark_down(error)
        raise ElasticUnavailable(str(error)) from error
    return "indexed"


def remove_object(model_label, pk):
    document_class = document_for(model_label)
    if document_class is None:
        return "ignored"
    client = get_client()
    try:
        client.options(ignore_status=404).delete(index=document_class.alias(), id=str(pk))
    except elastic_errors() as error:
        mark_down(error)
        raise ElasticUnavailable(str(error)) from error
    return "removed"
