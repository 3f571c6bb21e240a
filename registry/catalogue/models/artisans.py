"""Artisans (nghệ nhân): a Wagtail page each under /nghe-nhan/, with their titles and works."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.sorting import SortKeyMixin, alphabetical
from core.text import person_sort_key
from core.translation import TranslatedPageMixin, show_in_language, source_pages
from search.mixins import FoldedSearchMixin

from ..api import ARTISAN_API_FIELDS
from ..blocks import RegistryBodyBlock
from ..structured_data import person_jsonld
from .links import live_public_pages


class TitleKind(models.Model):
    """A kind of honorary title (People's Artisan, Meritorious Artisan, provincial titles…). The list is data
    because provinces award their own titles; managed under Registry → Artisan titles."""

    name = models.CharField(_("tên danh hiệu"), max_length=120, unique=True)
    is_national = models.BooleanField(
        _("danh hiệu nhà nước"), default=False, help_text=_("Nghệ nhân nhân dân, Nghệ nhân ưu tú (Nghị định 43/2024).")
    )
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100, help_text=_("Số nhỏ hiển thị trước."))

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("loại danh hiệu")
        verbose_name_plural = _("loại danh hiệu")

    def __str__(self):
        return self.name


class ArtisanPage(TranslatedPageMixin, TitleSlugMixin, SortKeyMixin, CachedPageMixin, FoldedSearchMixin, Page):
    """One artisan: portrait, trade, village, titles, works, awards and biography."""

    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True, help_text=_("Ví dụ: Kinh, Jrai, Bahnar."))
    trade = models.CharField(_("nghề"), max_length=120, help_text=_("Ví dụ: Dệt thổ cẩm."))
    craft_village = models.ForeignKey(
        "catalogue.CraftVillagePage",
        verbose_name=_("làng nghề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="artisans",
    )
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="artisans",
    )
    legacy_district = models.CharField(
        _("huyện (cũ)"), max_length=120, blank=True, help_text=_("Địa danh trước 1/7/2025, giữ để tra cứu.")
    )
    years_in_trade = models.PositiveSmallIntegerField(_("số năm trong nghề"), null=True, blank=True)
    trainees = models.PositiveIntegerField(_("số người đã truyền nghề"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True, help_text=_("Một, hai câu hiện trên thẻ nghệ nhân."))
    biography = RichTextField(_("tiểu sử"), blank=True)
    works = StreamField(RegistryBodyBlock(), blank=True, verbose_name=_("tác phẩm tiêu biểu"))
    awards = RichTextField(_("giải thưởng"), blank=True, features=["ul", "bold", "italic", "link"])

    search_fields = Page.search_fields + [
        index.SearchField("trade"),
        index.SearchField("summary"),
        index.SearchField("search_folded"),
        index.AutocompleteField("search_folded"),
        index.FilterField("commune_id"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("portrait"),
                FieldPanel("birth_year"),
                FieldPanel("ethnicity"),
                FieldPanel("trade"),
                FieldPanel("craft_village"),
                FieldPanel("commune"),
                FieldPanel("legacy_district"),
            ],
            heading=_("Thông tin chung"),
        ),
        MultiFieldPanel([FieldPanel("years_in_trade"), FieldPanel("trainees")], heading=_("Quá trình hành nghề")),
        InlinePanel("titles", label=_("Danh hiệu")),
        FieldPanel("summary"),
        FieldPanel("biography"),
        FieldPanel("works"),
        FieldPanel("awards"),
    ]

    api_fields = ARTISAN_API_FIELDS

    @staticmethod
    def api_optimize_queryset(queryset):
        return queryset.select_related("commune", "portrait", "locale").prefetch_related(
            "titles__kind", "portrait__renditions"
        )

    parent_page_types = ["catalogue.ArtisanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nghệ nhân")
        verbose_name_plural = _("nghệ nhân")

    def make_sort_key(self):
        """Artisans are listed A–Z by given name, then family name (``core.text.person_sort_key``)."""
        return person_sort_key(self.title)

    def folded_source_texts(self):
        return [self.title, self.trade, self.ethnicity, self.summary]

    def get_context(self, request, *args, **kwargs):
        """The artisan's titles, village (a link: a base ``Page``), products and JSON-LD: four queries, plus the
        portrait and the commune when drawn; two more on the English site (translations of the village and of the
        products)."""
        context = super().get_context(request, *args, **kwargs)
        context["titles"] = self.titles.select_related("kind")
        context["jsonld"] = person_jsonld(self, request)
        village = None
        if self.craft_village_id:
            village = next(iter(show_in_language(live_public_pages(Q(pk=self.craft_village_id)))), None)
        context["craft_village"] = village  # English where translated
        context["products"] = show_in_language(
            source_pages(self.products.live().public())
            .select_related("producer", "hero_image")
            .order_by(alphabetical(), "pk")
        )
        return context


class ArtisanTitle(Orderable):
    """A title awarded to an artisan, with the decision that awarded it."""

    page = ParentalKey(ArtisanPage, on_delete=models.CASCADE, related_name="titles")
    kind = models.ForeignKey(TitleKind, verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("decision_number"), FieldPanel("decision_date"), FieldPanel("issuer")]

    class Meta(Orderable.Meta):
        verbose_name = _("danh hiệu")
        verbose_name_plural = _("danh hiệu")

    def __str__(self):
        return str(self.kind)
