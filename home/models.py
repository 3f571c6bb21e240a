"""The home page and plain content pages (the site's settings live in ``core.models``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.translation import TranslatedPageMixin

from .sections import HomeSectionsBlock, home_page_data


class HomePage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """The site's front page (``/``), edited under Pages → Trang chủ: the hero, then the sections (highlights,
    latest news, featured products, villages map, open competitions, key figures) editors arrange."""

    hero_title = models.CharField(
        _("tiêu đề nổi bật"),
        max_length=200,
        blank=True,
        help_text=_("Câu chào lớn ở đầu trang chủ. Để trống thì dùng tên trang."),
    )
    hero_text = models.TextField(
        _("lời giới thiệu"), blank=True, help_text=_("Một hoặc hai câu giới thiệu trung tâm và cổng thông tin.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh nền"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh ngang, ít nhất 1600×700 px."),
    )

    sections = StreamField(
        HomeSectionsBlock(),
        blank=True,
        verbose_name=_("các mục trang chủ"),
        help_text=_("Thêm, bớt và kéo thả để sắp xếp các mục hiện dưới phần nổi bật."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Phần nổi bật"),
        ),
        FieldPanel("sections"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        """The page with its sections' data and hero picture (``home_page_data``) and, when a section draws the
        craft village map, the map's tile server."""
        context = super().get_context(request, *args, **kwargs)
        data = home_page_data(self, request)
        context["section_data"] = data["sections"]
        context["og_image"] = data["og_image"]
        if data["hero_image"] is not None and data["hero_image"].pk == self.hero_image_id:
            self.hero_image = data["hero_image"]  # with its renditions
        context["has_map"] = any(block.block_type == "villages_map" for block in self.sections)
        if context["has_map"]:
            context["map_tiles"] = {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
        return context


class StandardPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """A plain content page (about the center, contact, legal notices), managed under Pages in the admin."""

    intro = models.TextField(_("tóm tắt"), blank=True, help_text=_("Đoạn mở đầu hiển thị dưới tiêu đề."))
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", label=_("Tiêu đề mục"))),
            ("paragraph", blocks.RichTextBlock(label=_("Đoạn văn"))),
            ("image", ImageBlock(label=_("Ảnh"))),
        ],
        blank=True,
        verbose_name=_("nội dung"),
    )

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")
