"""Calls for entries (thông báo bình chọn) of a competition, shown on the news and home pages while entries are
open."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.shared_data import shared_rendition, shared_value
from core.slugs import TitleSlugMixin
from core.templatetags.translation_tags import translated_ancestors
from core.translation import TranslatedPageMixin
from registry.competitions.models import Competition

from ..blocks import RICH_TEXT_FEATURES

OG_IMAGE = "fill-1200x630|format-jpeg"  # the picture for social networks (templates/news/announcement_page.html)


class AnnouncementQuerySet(PageQuerySet):
    def open_for_entries(self, today=None):
        """Live, public announcements whose competition is accepting entries today, nearest deadline first."""
        open_ids = Competition.objects.open_for_entries(today).values("pk")
        return (
            self.live()
            .public()
            .filter(competition__in=open_ids)
            .select_related("competition", "featured_image")
            .order_by("competition__entries_open_until", "pk")
        )


class AnnouncementPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """A call for entries of a competition, written under Tin tức in the admin; listed while entries are open."""

    competition = models.ForeignKey(
        "competitions.Competition",
        verbose_name=_("cuộc bình chọn"),
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("tóm tắt"), help_text=_("Ai được tham gia, hạn nộp, nộp ở đâu – trong hai câu."))
    body = RichTextField(_("nội dung"), features=RICH_TEXT_FEATURES, blank=True)
    rules_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("thể lệ, mẫu hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageManager.from_queryset(AnnouncementQuerySet)()

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("competition"),
        FieldPanel("date"),
        FieldPanel("featured_image"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("rules_document"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("thông báo bình chọn")
        verbose_name_plural = _("thông báo bình chọn")

    @property
    def is_open(self):
        return Competition.objects.open_for_entries().filter(pk=self.competition_id).exists()

    def get_context(self, request, *args, **kwargs):
        """The call with its competition, whether it is open today, its picture, rules and breadcrumb
        (``beside_text``), read once per page-cache generation and day (``core.shared_data``)."""
        context = super().get_context(request, *args, **kwargs)
        beside = shared_value(
            f"announcement-beside-v2:{self.pk}:{self.competition_id}:{self.featured_image_id}:{self.rules_document_id}",
            self.beside_text,
            request,
        )
        for name in ("competition", "featured_image", "rules_document"):
            related = beside[name]
            if related is not None and related.pk == getattr(self, f"{name}_id"):
                setattr(self, name, related)
        context["is_open"] = beside["is_open"]
        context["parent_crumb"] = beside["parent_crumb"]
        context["og_image"] = beside["og_image"]
        return context

    def beside_text(self):
        """``competition``, ``is_open``, ``featured_image``, ``og_image`` (its picture for social networks),
        ``rules_document`` and ``parent_crumb`` (``{"page", "title", "lang"}`` of the news index). Picklable."""
        return {
            "og_image": shared_rendition(self.featured_image, OG_IMAGE),
            "competition": self.competition,
            "is_open": self.is_open,
            "featured_image": self.featured_image,
            "rules_document": self.rules_document,
            "parent_crumb": translated_ancestors(self)[-1],
        }
