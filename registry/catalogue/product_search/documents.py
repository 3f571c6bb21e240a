"""The catalogue's Elasticsearch documents: products (with everything the catalogue facets need), producers,
artisans and craft villages. The mapping helpers and the folding analyzer are search/elastic/documents.py; these
classes are registered as searchable types in registration.py and imported only when Elasticsearch is used."""

from django.db.models import Prefetch
from elasticsearch.dsl import Date, Integer, Keyword

from core.translation import source_pages
from search.elastic.documents import (
    ANALYSIS_SETTINGS,
    INDEX_SETTINGS,
    SiteDocument,
    folded_text,
    searchable_text,
    url_of,
)

from ..models.producers import Producer
from ..models.products import ProductPage
from .facets import recognised_certificates
from .filters import LEVEL_RANK


class ProductDocument(SiteDocument):
    """A live product page, with everything the catalogue facets need (levels and years of its certificates
    that are not revoked)."""

    alias_suffix = "products"
    model_label = "catalogue.productpage"
    kind_code = "product"
    materials = folded_text()
    producer_name = folded_text()
    # The rest of what the database backend matches a product by (its producer's folded words): representative,
    # address, district. Matched, never shown or boosted.
    producer_details = folded_text()
    group = Keyword()
    levels = Keyword(multi=True)
    years = Integer(multi=True)
    commune = Keyword()  # commune code
    producer_kind = Keyword()
    best_level = Integer()
    first_published_at = Date()
    sort_key = Keyword()  # Vietnamese alphabetical order (core/text.py sort_key)

    class Index:
        name = "khuyencong-products"  # replaced by the alias at run time (see using_alias)
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}

    @classmethod
    def source_queryset(cls):
        """Live, public products with their producer, place and the certificates that count."""
        return (
            source_pages(ProductPage.objects.live().public())
            .select_related("producer", "commune", "producer__commune")
            .prefetch_related(Prefetch("certificates", queryset=recognised_certificates(), to_attr="search_certs"))
            .order_by("pk")
        )

    @classmethod
    def from_object(cls, product):
        """The document of ``product``; its own commune wins over its producer's."""
        certificates = getattr(product, "search_certs", None)
        if certificates is None:
            certificates = list(recognised_certificates().filter(product=product))
        place = product.commune or product.producer.commune
        return cls(
            meta={"id": product.pk},
            title=product.title,
            summary=product.summary,
            body=searchable_text(product),
            materials=product.materials,
            producer_name=product.producer.name,
            producer_details=" ".join(
                filter(
                    None, [product.producer.representative, product.producer.address, product.producer.legacy_district]
                )
            ),
            url=url_of(product),
            kind=cls.kind_code,
            group=product.product_group,
            levels=sorted({c.level for c in certificates}),
            years=sorted({c.year for c in certificates}),
            commune=place.code if place else None,
            producer_kind=product.producer.kind,
            best_level=max((LEVEL_RANK.get(c.level, 0) for c in certificates), default=0),
            first_published_at=product.first_published_at,
            sort_key=product.sort_key,
            suggest={"input": [product.title, product.producer.name]},
        )


class ProducerDocument(SiteDocument):
    """A producer (not a page): name, description and kind."""

    alias_suffix = "producers"
    model_label = "catalogue.producer"
    kind_code = "producer"
    producer_kind = Keyword()

    class Index:
        name = "khuyencong-producers"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}

    @classmethod
    def source_queryset(cls):
        # Only those whose profile is public: an unpublished producer leaves the index when it is saved.
        return Producer.public_objects().order_by("pk")

    @classmethod
    def from_object(cls, producer):
        return cls(
            meta={"id": producer.pk},
            title=producer.name,
            note=producer.description or producer.address,  # its hit's snippet, as on the database
            body=producer.search_folded,  # what the database backend matches a producer by: name, representative,
            # address, district (folded)
            url=url_of(producer),
            kind=cls.kind_code,
            producer_kind=producer.kind,
            suggest={"input": [producer.name]},
        )


class ArtisanDocument(SiteDocument):
    """A live artisan page (title, summary, URL; its trade, ethnicity … in ``body``, as the database searches them)."""

    alias_suffix = "artisans"
    model_label = "catalogue.artisanpage"
    kind_code = "artisan"

    class Index:
        name = "khuyencong-artisans"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}


class VillageDocument(SiteDocument):
    """A live craft village page (title, summary, URL; its main trade, district … in ``body``)."""

    alias_suffix = "villages"
    model_label = "catalogue.craftvillagepage"
    kind_code = "village"

    class Index:
        name = "khuyencong-villages"
        settings = {**INDEX_SETTINGS, **ANALYSIS_SETTINGS}
