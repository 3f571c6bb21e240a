"""The index pages of the registry: the product catalogue (``/san-pham/``), the artisans (``/nghe-nhan/``) and the
craft villages (``/lang-nghe/``). Their listings (filters, sort, pagination, facets) are registry/catalogue/
listing.py, which reads the other model modules: keeping the index pages here means no model module imports the
listing that imports it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.translation import TranslatedPageMixin

from ..listing import artisan_listing, filtered_villages, product_listing, village_listing, village_selection
from ..village_map import geojson_response


class ProductIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """The product catalogue (``/san-pham/``): faceted listing of every recognized product."""

    # What changes the listing; every other query parameter is ignored by the page cache (core/page_cache.py).
    cache_query_params = ("q", "sort", "page", "group", "level", "year", "commune", "producer_kind")

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn mở đầu phía trên danh sách."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.ProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục sản phẩm")
        verbose_name_plural = _("danh mục sản phẩm")

    def get_context(self, request, *args, **kwargs):
        """The faceted listing (listing.product_listing): text, filters, sort and one page of products."""
        context = super().get_context(request, *args, **kwargs)
        context.update(product_listing(request))
        return context


class ArtisanIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """The list of artisans (``/nghe-nhan/``)."""

    # What changes the listing; every other query parameter is ignored by the page cache (core/page_cache.py).
    cache_query_params = ("title", "commune", "sort", "page")

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.ArtisanPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """The artisan listing (listing.artisan_listing): filters by title and commune, sort, one page."""
        context = super().get_context(request, *args, **kwargs)
        context.update(artisan_listing(self, request))
        return context

    class Meta:
        verbose_name = _("danh sách nghệ nhân")
        verbose_name_plural = _("danh sách nghệ nhân")


class CraftVillageIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, RoutablePageMixin, Page):
    """The list and map of craft villages (``/lang-nghe/``), and the map's data (``/lang-nghe/geojson/``: the
    villages of the list with coordinates, as GeoJSON; registry/catalogue/village_map.py)."""

    # What changes the listing; every other query parameter is ignored by the page cache (core/page_cache.py).
    cache_query_params = ("type", "trade", "commune", "sort", "page")

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.CraftVillagePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """The village listing (listing.village_listing): filters, sort, one page and the map markers."""
        context = super().get_context(request, *args, **kwargs)
        context.update(village_listing(self, request))
        return context

    @path("geojson/", name="geojson")
    def geojson(self, request):
        """The map's data: the villages the list shows with the same ``type``/``trade``/``commune`` filters (sort and
        page ignored), as a GeoJSON FeatureCollection; ``304`` when the browser's copy is current."""
        selected, _communes = village_selection(request)
        return geojson_response(request, filtered_villages(self, selected), selected, self.get_url(request))

    class Meta:
        verbose_name = _("danh sách làng nghề")
        verbose_name_plural = _("danh sách làng nghề")
