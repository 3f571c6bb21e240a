"""Monthly bulletins (bản tin khuyến công): a cover, the PDF and its table of contents, listed at ``/ban-tin/``."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.shared_data import rendition_prefetch, shared_rendition, shared_value, with_renditions
from core.slugs import TitleSlugMixin
from core.templatetags.translation_tags import translated_ancestors
from core.translation import TranslatedPageMixin, show_in_language

OG_COVER = "fill-1200x630-c0|format-jpeg"  # the cover for social networks (templates/news/bulletin_page.html)


class BulletinIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """The list of bulletin issues at ``/ban-tin/`` (Pages in the admin)."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.BulletinPage"]
    max_count = 1
    cache_query_params = ("page",)  # every other query parameter is ignored by the page cache (core/page_cache.py)

    class Meta:
        verbose_name = _("trang bản tin")
        verbose_name_plural = _("trang bản tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = (
            BulletinPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("cover", "document")
            .prefetch_related(rendition_prefetch("cover", "cover"))
            .order_by("-issue_date", "-pk")
        )
        page_obj = Paginator(issues, 12).get_page(request.GET.get("page", "1"))
        page_obj.object_list = show_in_language(page_obj.object_list)  # English titles where translated: 1 query
        context["page_obj"] = page_obj
        return context


class TocEntryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên bài"))
    page_number = blocks.IntegerBlock(label=_("Trang"), required=False, min_value=1)

    class Meta:
        icon = "list-ul"
        label = _("Mục")


class BulletinPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """One monthly issue of the bulletin with its PDF, written under Bản tin in the admin and published by an
    approver."""

    issue_number = models.PositiveSmallIntegerField(_("số"), help_text=_("Số thứ tự của bản tin trong năm."))
    issue_date = models.DateField(_("tháng phát hành"), help_text=_("Chọn ngày bất kỳ trong tháng phát hành."))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh dọc, tỉ lệ trang A4."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    contents = StreamField([("entry", TocEntryBlock())], verbose_name=_("mục lục"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("contents")]
    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("issue_number"), FieldPanel("issue_date")], heading=_("Số phát hành")),
        FieldPanel("cover"),
        FieldPanel("document"),
        FieldPanel("summary"),
        FieldPanel("contents"),
    ]
    parent_page_types = ["news.BulletinIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bản tin")
        verbose_name_plural = _("bản tin")

    def get_context(self, request, *args, **kwargs):
        """The issue with its cover (and the renditions the page draws), PDF and breadcrumb (``parent_crumb``), read
        once per page-cache generation (``core.shared_data``)."""
        context = super().get_context(request, *args, **kwargs)
        beside = shared_value(
            f"bulletin-beside-v2:{self.pk}:{self.cover_id}:{self.document_id}", self.beside_text, request
        )
        if beside["cover"] is not None and beside["cover"].pk == self.cover_id:
            self.cover = beside["cover"]
        if beside["document"] is not None and beside["document"].pk == self.document_id:
            self.document = beside["document"]
        context["parent_crumb"] = beside["parent_crumb"]
        context["og_image"] = beside["og_image"]
        return context

    def beside_text(self):
        """``cover`` (with its renditions), ``og_image`` (the cover for social networks), ``document`` and
        ``parent_crumb`` (``{"page", "title", "lang"}`` of the bulletin index). Picklable: stored between requests."""
        with_renditions([self.cover], "bulletin_cover")
        return {
            "cover": self.cover,
            "og_image": shared_rendition(self.cover, OG_COVER),
            "document": self.document,
            "parent_crumb": translated_ancestors(self)[-1],
        }
