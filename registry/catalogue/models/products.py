"""Typical rural industrial products (sản phẩm CNNT tiêu biểu): a Wagtail page each, under /san-pham/."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.shared_data import shared_value
from core.slugs import TitleSlugMixin
from core.sorting import SortKeyMixin
from core.translation import TranslatedPageMixin, show_in_language
from search.mixins import FoldedSearchMixin

from ..api import PRODUCT_API_FIELDS
from ..blocks import RegistryBodyBlock
from ..choices import ProductGroup
from ..qr import certificate_qr_svg
from ..specifications import product_specifications
from ..structured_data import product_jsonld
from .certificates import Certificate, certificate_status
from .gallery import load_pictures
from .links import live_public_pages
from .producers import Producer


class ProductPageQuerySet(PageQuerySet):
    def recognised(self):
        """Recognized products: those holding a certificate that is not revoked (``CertificateQuerySet.recognised``
        says why expired certificates still count)."""
        return self.filter(pk__in=Certificate.objects.recognised().values("product_id"))


class ProductPage(TranslatedPageMixin, TitleSlugMixin, SortKeyMixin, CachedPageMixin, FoldedSearchMixin, Page):
    """One product (or product set) with its producer, place, pictures and certificates; edited under Pages."""

    product_group = models.CharField(_("nhóm sản phẩm"), max_length=20, choices=ProductGroup.choices)
    producer = models.ForeignKey(
        "catalogue.Producer", verbose_name=_("cơ sở sản xuất"), on_delete=models.PROTECT, related_name="products"
    )
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
        help_text=_("Nơi sản xuất; để trống thì lấy theo cơ sở."),
    )
    craft_village = models.ForeignKey(
        "catalogue.CraftVillagePage",
        verbose_name=_("làng nghề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    artisans = ParentalManyToManyField(
        "catalogue.ArtisanPage", verbose_name=_("nghệ nhân"), blank=True, related_name="products"
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh chính của sản phẩm, tỉ lệ 4:3, ít nhất 1200 px chiều ngang."),
    )
    summary = models.TextField(_("mô tả ngắn"), blank=True, help_text=_("Hai, ba câu hiện trên thẻ sản phẩm."))
    body = StreamField(RegistryBodyBlock(), blank=True, verbose_name=_("nội dung"))
    materials = models.TextField(_("nguyên liệu, thành phần"), blank=True)
    packaging = models.CharField(_("quy cách đóng gói"), max_length=255, blank=True)
    where_to_buy = models.TextField(_("nơi mua"), blank=True, help_text=_("Cửa hàng, sàn thương mại điện tử…"))

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("materials"),
        index.SearchField("search_folded"),
        index.AutocompleteField("search_folded"),
        index.RelatedFields("producer", [index.SearchField("name"), index.SearchField("search_folded")]),
        index.FilterField("product_group"),
        index.FilterField("producer_id"),
        index.FilterField("commune_id"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("product_group"), FieldPanel("producer"), FieldPanel("commune")], heading=_("Phân loại")
        ),
        FieldPanel("hero_image"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("materials"), FieldPanel("packaging"), FieldPanel("where_to_buy")], heading=_("Thông tin mua")
        ),
        MultiFieldPanel([FieldPanel("craft_village"), FieldPanel("artisans")], heading=_("Liên kết")),
        InlinePanel("gallery_images", label=_("Thư viện ảnh")),
    ]

    objects = PageManager.from_queryset(ProductPageQuerySet)()

    api_fields = PRODUCT_API_FIELDS

    @staticmethod
    def api_optimize_queryset(queryset):
        return queryset.select_related("producer__commune", "commune", "hero_image", "locale").prefetch_related(
            "certificates", "hero_image__renditions"
        )

    parent_page_types = ["catalogue.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")

    def folded_source_texts(self):
        texts = [self.title, self.summary, self.materials]
        if self.producer_id:
            texts.append(self.producer.name)
        return texts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(product_page_context(self, request))
        return context

    @property
    def place(self):
        return self.commune or (self.producer.commune if self.producer_id else None)


# The producer's fields the product page shows (its panel, the JSON-LD manufacturer, the "place" line); ``live``
# says whether it has a public profile to link to (``Producer.public_url``).
PRODUCER_PANEL_FIELDS = ("name", "slug", "live", "kind", "address", "phone", "email", "website")
# A certificate's fields in the product page's panel (the status is computed from the last two).
CERTIFICATE_PANEL_FIELDS = (
    "product_id", "level", "year", "serial", "score", "verification_code", "qr_code_url", "qr_code_svg",
    "revoked_at", "valid_until",
)  # fmt: skip


def product_producer(product):
    """The producer of ``product`` with its commune and province, only the columns the page shows (its panel, the
    JSON-LD manufacturer, the place line): one query. Cheaper to build than one query joining the page's hero
    image too (``only()`` across several relations costs more than a second plain query)."""
    place = ("commune__name", "commune__kind", "commune__province__name")
    return (
        Producer.objects.select_related("commune__province")
        .only(*PRODUCER_PANEL_FIELDS, *place)
        .get(pk=product.producer_id)
    )


def product_certificates(product, today=None):
    """The certificates of ``product``, newest first, each with ``current_status`` (``certificate_status`` on
    ``today``), ``verification_path`` and ``qr_svg`` (its QR code at scale 3): one query of the panel's columns."""
    today = today or timezone.localdate()
    certificates = list(
        Certificate.objects.filter(product_id=product.pk).only(*CERTIFICATE_PANEL_FIELDS).order_by("-year", "serial")
    )
    for certificate in certificates:
        certificate.current_status = certificate_status(certificate.revoked_at, certificate.valid_until, today)
        certificate.verification_path = certificate.get_verification_path()
        certificate.qr_svg = certificate_qr_svg(certificate, scale=3, path=certificate.verification_path)
    return certificates


def linked_pages(product):
    """``(village, artisans)`` of ``product``: its craft village (or None) and its artisans (a list, tree order),
    live and public, as base ``Page`` objects (title and address are what the page shows) in the visitor's
    language where translated (``show_in_language``). One query, plus one on the English site when there are
    links."""
    artisan_ids = ProductPage.artisans.through.objects.filter(productpage_id=product.pk).values("artisanpage_id")
    wanted = Q(pk__in=artisan_ids)
    if product.craft_village_id:
        wanted |= Q(pk=product.craft_village_id)
    pages = show_in_language(live_public_pages(wanted))
    village = next((page for page in pages if page.pk == product.craft_village_id), None)
    return village, [page for page in pages if page is not village]


def product_beside(product):
    """What the product page shows beside the product's own fields, the same for every visitor: ``producer``,
    ``gallery`` and ``hero_image`` (``load_pictures``), ``certificates`` (with today's status and QR codes),
    ``village`` and ``artisans`` (``linked_pages``). Five queries (producer, gallery rows, images, certificates,
    linked pages), one more on the English site when the product links pages; picklable."""
    gallery = load_pictures(product, product.gallery_images)
    village, artisans = linked_pages(product)
    return {
        "producer": product_producer(product),
        "gallery": gallery,
        "hero_image": product.hero_image,
        "certificates": product_certificates(product),
        "village": village,
        "artisans": artisans,
    }


def product_page_context(product, request=None):
    """What the product page shows besides the page itself: ``product_beside`` read once per page-cache generation,
    day, language and site (``core.shared_data.shared_value``; computed afresh for a preview) — every write that can
    change it (a certificate revoked, a producer corrected, a picture replaced, a linked page published) starts a
    new generation — plus what is drawn from the page's own fields (specifications, body, JSON-LD). No query once
    stored."""
    beside = shared_value(f"product-beside-v2:{product.pk}", lambda: product_beside(product), request)
    product.hero_image = beside["hero_image"]
    producer, certificates = beside["producer"], beside["certificates"]
    specifications, body = product_specifications(product)
    return {
        "specifications": specifications,
        "body_blocks": body,
        "jsonld": product_jsonld(product, producer, certificates, request),
        "producer": producer,
        "place": product.commune if product.commune_id else producer.commune,
        "certificates": certificates,
        "gallery": beside["gallery"],
        "artisans": beside["artisans"],
        "village": beside["village"],
    }


class ProductGalleryImage(Orderable):
    """A picture in a product's gallery."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
