"""Craft villages (làng nghề) recognized under Decree 52/2018/NĐ-CP: a Wagtail page each under /lang-nghe/."""

from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.shared_data import shared_value, with_renditions
from core.slugs import TitleSlugMixin
from core.sorting import SortKeyMixin, alphabetical
from core.text import place_sort_key
from core.translation import TranslatedPageMixin, show_in_language, source_pages
from search.mixins import FoldedSearchMixin

from ..api import VILLAGE_API_FIELDS
from ..blocks import RegistryBodyBlock
from ..choices import TradeGroup, VillageType
from ..panels import ThresholdWarningsPanel
from ..structured_data import place_jsonld
from .gallery import load_pictures
from .places import commune_of

PRODUCTS_PER_PAGE = 12
"""Products shown per page of a village page's product list (``?page=``), so the page does not grow with them."""
ARTISANS_PER_PAGE = 12
"""Artisans shown per page of a village page's artisan list (``?nghe-nhan=``), so the page does not grow with them."""
ARTISANS_PARAM = "nghe-nhan"
"""The query parameter that numbers the artisans' pages: the products keep ``page``, and each list's links keep the
other's page (two lists, each reachable without JavaScript)."""


def _threshold(name, default):
    return getattr(settings, "CRAFT_VILLAGE_THRESHOLDS", {}).get(name, default)


class TradeGroupTag(models.Model):
    """One of the 7 trade groups of Decree 52 (rows created by a migration), so villages can be filtered by it."""

    code = models.CharField(_("mã"), max_length=30, unique=True, choices=TradeGroup.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("nhóm ngành nghề")
        verbose_name_plural = _("nhóm ngành nghề")

    def __str__(self):
        return str(TradeGroup(self.code).label)


class CraftVillagePage(TranslatedPageMixin, TitleSlugMixin, SortKeyMixin, CachedPageMixin, FoldedSearchMixin, Page):
    """A craft village or traditional craft village with its recognition decision and Decree 52 figures."""

    # ?page= pages through the village's products, ?nghe-nhan= through its artisans; every other query parameter is
    # ignored by the page cache.
    cache_query_params = ("page", ARTISANS_PARAM)

    village_type = models.CharField(_("loại"), max_length=20, choices=VillageType.choices, default=VillageType.CRAFT)
    trade_groups = ParentalManyToManyField(
        TradeGroupTag, verbose_name=_("nhóm ngành nghề"), blank=True, related_name="villages"
    )
    main_trade = models.CharField(_("nghề chính"), max_length=120, help_text=_("Ví dụ: Dệt thổ cẩm, Nấu rượu."))
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="villages",
    )
    legacy_district = models.CharField(_("huyện (cũ)"), max_length=120, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    households_total = models.PositiveIntegerField(_("tổng số hộ"), null=True, blank=True)
    households_in_trade = models.PositiveIntegerField(_("số hộ làm nghề"), null=True, blank=True)
    stable_production_years = models.PositiveSmallIntegerField(
        _("số năm sản xuất ổn định"), null=True, blank=True, help_text=_("Liên tục đến thời điểm đề nghị công nhận.")
    )
    is_recognized = models.BooleanField(
        _("đã được công nhận"), default=True, help_text=_("Đã có quyết định công nhận của UBND tỉnh.")
    )
    recognition_decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    recognition_decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    recognition_issuer = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)
    meets_environmental_rules = models.BooleanField(_("đáp ứng điều kiện bảo vệ môi trường"), default=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(RegistryBodyBlock(), blank=True, verbose_name=_("nội dung"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = Page.search_fields + [
        index.SearchField("main_trade"),
        index.SearchField("summary"),
        index.SearchField("search_folded"),
        index.AutocompleteField("search_folded"),
        index.FilterField("village_type"),
        index.FilterField("commune_id"),
    ]

    content_panels = Page.content_panels + [
        ThresholdWarningsPanel(heading=_("Kiểm tra tiêu chí Nghị định 52")),
        MultiFieldPanel(
            [FieldPanel("village_type"), FieldPanel("main_trade"), FieldPanel("trade_groups")], heading=_("Phân loại")
        ),
        MultiFieldPanel(
            [FieldPanel("commune"), FieldPanel("legacy_district"), FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Vị trí"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("households_total"),
                FieldPanel("households_in_trade"),
                FieldPanel("stable_production_years"),
                FieldPanel("meets_environmental_rules"),
            ],
            heading=_("Tiêu chí Nghị định 52"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_recognized"),
                FieldPanel("recognition_decision_number"),
                FieldPanel("recognition_decision_date"),
                FieldPanel("recognition_issuer"),
            ],
            heading=_("Công nhận"),
        ),
        InlinePanel("traditional_trades", label=_("Nghề truyền thống")),
        FieldPanel("hero_image"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Thư viện ảnh")),
    ]

    api_fields = VILLAGE_API_FIELDS

    @staticmethod
    def api_optimize_queryset(queryset):
        return queryset.select_related("commune", "locale").prefetch_related("trade_groups", "traditional_trades")

    parent_page_types = ["catalogue.CraftVillageIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("làng nghề")
        verbose_name_plural = _("làng nghề")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(households_in_trade__isnull=True)
                | models.Q(households_total__isnull=True)
                | models.Q(households_in_trade__lte=models.F("households_total")),
                name="village_households_in_trade_le_total",
            )
        ]

    def make_sort_key(self):
        """Villages are listed A–Z by name without "Làng"/"Thôn" (``core.text.place_sort_key``)."""
        return place_sort_key(self.title)

    shared_search_fields = ("title", "live")  # in products' and projects' folded text (search.mixins.refold)

    def folded_source_texts(self):
        return [self.title, self.main_trade, self.summary, self.legacy_district]

    def get_context(self, request, *args, **kwargs):
        """The page with what it shows beside its own fields (``beside``: its gallery and traditional trades, one
        page of its products, ``?page=``, and one page of its artisans, ``?nghe-nhan=``), read once per page-cache
        generation and pair of page numbers (``core.shared_data``; computed afresh for a preview), its place
        (``commune_of``: shared too) and JSON-LD. No query but the page's own once stored."""
        context = super().get_context(request, *args, **kwargs)
        number, artisans_number = page_number(request, "page"), page_number(request, ARTISANS_PARAM)
        listed = shared_value(
            f"village-beside-v2:{self.pk}:{number}:{artisans_number}",
            lambda: self.beside(number, artisans_number),
            request,
        )
        page = _numbered(listed["products"], listed["product_count"], PRODUCTS_PER_PAGE, number)
        artisans_page = _numbered(listed["artisans"], listed["artisan_count"], ARTISANS_PER_PAGE, artisans_number)
        context.update(
            products=listed["products"],
            products_page=page,
            artisans=listed["artisans"],
            artisans_page=artisans_page,
            artisans_param=ARTISANS_PARAM,
        )
        self.hero_image = listed["hero_image"]
        context["gallery"] = listed["gallery"]
        context["traditional_trades"] = listed["traditional_trades"]
        if self.commune_id:
            self.commune = commune_of(self.commune_id)
        context["jsonld"] = place_jsonld(self, request)
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_attribution"] = settings.MAP_TILE_ATTRIBUTION
        if self.has_coordinates:
            context["markers"] = [
                {
                    "title": self.title,
                    "url": "",
                    "lat": float(self.latitude),
                    "lng": float(self.longitude),
                    "trade": self.main_trade,
                }
            ]
        return context

    def beside(self, number=1, artisans_number=1):
        """``listed_pages(number, artisans_number)`` with the page's own rows: ``gallery`` and ``hero_image``
        (``load_pictures``) and ``traditional_trades`` (a list). Two queries more (three with pictures not read in
        this generation); picklable."""
        gallery = load_pictures(self, self.gallery_images)
        return {
            **self.listed_pages(number, artisans_number),
            "gallery": gallery,
            "hero_image": self.hero_image,
            "traditional_trades": list(self.traditional_trades.all()),
        }

    def listed_pages(self, number=1, artisans_number=1):
        """What the village lists beside its own text, the same for every visitor: ``products``, page ``number``
        (clamped to the pages there are) of its live, public product pages A–Z, ``PRODUCTS_PER_PAGE`` a page, with
        their producer and picture (the renditions of their cards loaded), and ``product_count`` (all its products:
        ``get_context`` numbers the pages from it); ``artisans``, page ``artisans_number`` (clamped too) of its live,
        public artisan pages A–Z, ``ARTISANS_PER_PAGE`` a page, and ``artisan_count``. Each in the visitor's language
        where translated (``show_in_language``). Four queries (five with pictures; more on the English site) whatever
        the number of products and artisans; picklable, stored between requests by ``get_context``."""
        products, product_count = _one_page(
            source_pages(self.products.live().public())
            .select_related("producer", "hero_image")
            .order_by(alphabetical(), "pk"),
            PRODUCTS_PER_PAGE,
            number,
        )
        with_renditions([product.hero_image for product in products], "card")
        artisans, artisan_count = _one_page(
            source_pages(self.artisans.live().public()).order_by(alphabetical(), "pk"),
            ARTISANS_PER_PAGE,
            artisans_number,
        )
        return {
            "products": products,
            "product_count": product_count,
            "artisans": artisans,
            "artisan_count": artisan_count,
        }

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def households_percentage(self):
        """Share of households in the trade, in percent with one decimal, or None when unknown."""
        if not self.households_total or self.households_in_trade is None:
            return None
        return (Decimal(self.households_in_trade) * 100 / Decimal(self.households_total)).quantize(Decimal("0.1"))

    def threshold_warnings(self):
        """Decree 52 criteria a recognized village does not meet, as messages for editors (empty when fine)."""
        if not self.is_recognized:
            return []
        warnings = []
        min_share = Decimal(str(_threshold("households_percentage", 20)))
        share = self.households_percentage
        if share is None:
            warnings.append(_("Chưa có số hộ để kiểm tra tỉ lệ hộ làm nghề (tối thiểu 20%)."))
        elif share < min_share:
            warnings.append(
                _("Tỉ lệ hộ làm nghề %(share)s%% thấp hơn mức tối thiểu %(min)s%%.")
                % {"share": share, "min": min_share}
            )
        min_years = _threshold("stable_years", 2)
        if self.stable_production_years is None or self.stable_production_years < min_years:
            warnings.append(_("Sản xuất ổn định chưa đủ %(years)s năm liên tục.") % {"years": min_years})
        if not self.meets_environmental_rules:
            warnings.append(_("Chưa đáp ứng điều kiện bảo vệ môi trường."))
        if self.village_type == VillageType.TRADITIONAL:
            min_trade_years = _threshold("traditional_trade_years", 50)
            trades = list(self.traditional_trades.all())
            if not any(t.years_present and t.years_present > min_trade_years for t in trades):
                warnings.append(
                    _("Làng nghề truyền thống cần ít nhất một nghề truyền thống có mặt trên %(years)s năm.")
                    % {"years": min_trade_years}
                )
        return warnings


def page_number(request, name="page"):
    """The page of a village page's list asked for in the query parameter ``name`` (``page``: products,
    ``nghe-nhan``: artisans), from 1: anything but ASCII digits (``-1``, ``abc``, ``２``, a decomposed or NUL
    character) and more than six digits (10^20) give 1, and numbers past 1,000 are cut to 1,000 (one stored copy
    per page and generation, whatever a visitor types: the pages past the last show the last one anyway)."""
    raw = request.GET.get(name, "1")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1
    return min(max(number, 1), 1000)


def _one_page(queryset, per_page, number):
    """``(rows, count)``: page ``number`` (clamped to the pages there are) of ``queryset``, ``per_page`` rows a page,
    in the visitor's language, and how many rows there are in all. Two queries (none for the rows when empty); the
    pages are counted and numbered without keeping the queryset (stored between requests: it must pickle small)."""
    page = Paginator(range(queryset.count()), per_page).get_page(number)
    rows = show_in_language(queryset[page.start_index() - 1 : page.end_index()] if page.paginator.count else [])
    return rows, page.paginator.count


def _numbered(rows, count, per_page, number):
    """A Django ``Page`` of ``rows`` (one page, already read) numbered as page ``number`` of ``count`` rows, for the
    pagination include. Rebuilt from the stored count: a stored ``Page`` would carry its paginator's lazy error
    messages, and unpickling lazy strings builds a class for each (a third of a millisecond apiece)."""
    page = Paginator(range(count), per_page).get_page(number)
    page.object_list = rows
    return page


class TraditionalTrade(Orderable):
    """A traditional trade practised in a village, with how long it has been present there."""

    page = ParentalKey(CraftVillagePage, on_delete=models.CASCADE, related_name="traditional_trades")
    name = models.CharField(_("tên nghề"), max_length=120)
    years_present = models.PositiveSmallIntegerField(
        _("số năm có mặt"), null=True, blank=True, help_text=_("Nghề truyền thống: trên 50 năm.")
    )
    recognition_decision = models.CharField(_("quyết định công nhận nghề"), max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("years_present"), FieldPanel("recognition_decision")]

    def __str__(self):
        return self.name


class VillageGalleryImage(Orderable):
    """A picture in a village's gallery."""

    page = ParentalKey(CraftVillagePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
