"""News articles (``NewsPage``) and their listing at ``/tin-tuc/`` (``NewsIndexPage``) with filters and feeds."""

import datetime
import json

from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.shared_data import rendition_prefetch, shared_rendition, shared_value, with_renditions
from core.slugs import TitleSlugMixin
from core.templatetags.translation_tags import translated_ancestors
from core.translation import TranslatedPageMixin, show_in_language, source_pages
from core.visibility import public_only

from ..blocks import ArticleBodyBlock
from ..feeds import NewsAtomFeed, NewsRssFeed
from .announcements import AnnouncementPage
from .taxonomy import NewsCategory

PAGE_SIZE = 12
OG_IMAGE = "fill-1200x630|format-jpeg"  # the article's picture for social networks (templates/news/news_page.html)
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def news_queryset():
    """Live, public articles with what a listing card needs, newest first; each story once, by its Vietnamese source
    (``core.translation.source_pages``: an English translation is laid over it when served under ``/en/``)."""
    return source_pages(
        NewsPage.objects.live()
        .public()
        .select_related("category", "featured_image")
        .prefetch_related(rendition_prefetch("featured_image", "news_card"))
        .order_by("-date", "-first_published_at", "-pk")
    )


class NewsIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, RoutablePageMixin, Page):
    """The news listing at ``/tin-tuc/`` with category and month archives and RSS/Atom feeds (Pages in the admin)."""

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn mở đầu phía trên danh sách tin."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage", "news.AnnouncementPage"]
    max_count = 1
    # What changes the listing (archives and feeds are sub-routes); every other query parameter is ignored by the
    # page cache (core/page_cache.py).
    cache_query_params = ("page",)

    class Meta:
        verbose_name = _("trang tin tức")
        verbose_name_plural = _("trang tin tức")

    def articles(self):
        return news_queryset().descendant_of(self)

    def archive_months(self):
        """(year, month, count) of every month with articles, newest first, in one query."""
        rows = (
            self.articles()
            .order_by()
            .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
            .values("year", "month")
            .annotate(count=models.Count("pk"))
            .order_by("-year", "-month")
        )
        return [{**row, "date": datetime.date(row["year"], row["month"], 1)} for row in rows]

    def sidebar(self):
        """What every listing of the index shows beside its articles: ``categories`` (all of them), ``archive``
        (``archive_months``) and ``announcements`` (calls for entries open today, in the visitor's language where
        translated). Three queries; picklable: stored between requests (``sidebar_of``)."""
        return {
            "categories": list(NewsCategory.objects.all()),
            "archive": self.archive_months(),
            "announcements": show_in_language(
                source_pages(AnnouncementPage.objects.open_for_entries().descendant_of(self))
            ),
        }

    def sidebar_of(self, request):
        """``sidebar()``, read once per page-cache generation, day and language (``core.shared_data``)."""
        return shared_value(f"news-sidebar-v1:{self.pk}", self.sidebar, request)

    def render_listing(self, request, articles, category=None, year=None, month=None):
        page_number = request.GET.get("page", "1")
        paginator = Paginator(articles, PAGE_SIZE)
        page_obj = paginator.get_page(page_number)  # garbage or out of range → first or last page
        page_obj.object_list = show_in_language(page_obj.object_list)  # English cards where translated (1 query)
        url = self.url
        context = {
            **self.sidebar_of(request),
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "category": category,
            "archive_year": year,
            "archive_month": datetime.date(year, month, 1) if year and month else None,
            "rss_url": url + self.reverse_subpage("rss"),
            "atom_url": url + self.reverse_subpage("atom"),
        }
        if category:
            context["category_rss_url"] = url + self.reverse_subpage("category_rss", args=[category.slug])
            context["category_atom_url"] = url + self.reverse_subpage("category_atom", args=[category.slug])
        return self.render(request, context_overrides=context)

    def category_by_slug(self, request, slug):
        """The category of ``slug`` among those of the sidebar (no query once they are read), else 404."""
        for category in self.sidebar_of(request)["categories"]:
            if category.slug == slug:
                return category
        raise Http404

    @path("")
    def index_route(self, request):
        return self.render_listing(request, self.articles())

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_route(self, request, slug):
        category = self.category_by_slug(request, slug)
        return self.render_listing(request, self.articles().filter(category=category), category=category)

    @path("<int:year>/", name="year")
    def year_route(self, request, year):
        if not 1900 <= year <= 2999:
            raise Http404
        return self.render_listing(request, self.articles().filter(date__year=year), year=year)

    @path("<int:year>/<int:month>/", name="month")
    def month_route(self, request, year, month):
        if not (1900 <= year <= 2999 and 1 <= month <= 12):
            raise Http404
        articles = self.articles().filter(date__year=year, date__month=month)
        return self.render_listing(request, articles, year=year, month=month)

    @path("rss/", name="rss")
    def rss_route(self, request):
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        return NewsAtomFeed(self)(request)

    @path("chuyen-muc/<slug:slug>/rss/", name="category_rss")
    def category_rss_route(self, request, slug):
        return NewsRssFeed(self, get_object_or_404(NewsCategory, slug=slug))(request)

    @path("chuyen-muc/<slug:slug>/atom/", name="category_atom")
    def category_atom_route(self, request, slug):
        return NewsAtomFeed(self, get_object_or_404(NewsCategory, slug=slug))(request)

    def get_sitemap_urls(self, request=None):
        """The listing plus one entry per category that has live articles."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not urls or not base:
            return urls
        slugs = self.articles().order_by().values_list("category__slug", flat=True).distinct()
        for slug in sorted(slug for slug in slugs if slug):
            urls.append({"location": base + self.reverse_subpage("category", args=[slug])})
        return urls

    def category_url(self, category):
        return self.url + self.reverse_subpage("category", args=[category.slug])

    def month_url(self, year, month):
        return self.url + self.reverse_subpage("month", args=[year, month])


class NewsPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """One news article, written by communications staff under Tin tức in the admin and published by an approver."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate, help_text=_("Ngày hiển thị trên bài."))
    authors = models.CharField(
        _("tác giả"), max_length=255, blank=True, help_text=_("Tên tác giả, cách nhau bằng dấu phẩy.")
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    programme_contents = ParentalManyToManyField(
        "news.ProgrammeContent",
        verbose_name=_("nội dung khuyến công"),
        blank=True,
        related_name="articles",
        help_text=_("Các nội dung của chương trình khuyến công mà bài viết nói tới."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh ngang, ít nhất 1200×630 px; dùng cả khi chia sẻ lên mạng xã hội."),
    )
    featured_image_caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    summary = models.TextField(_("tóm tắt"), help_text=_("Hai, ba câu hiện trong danh sách tin và nguồn tin RSS."))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)

    api_fields = [APIField("date"), APIField("authors"), APIField("summary"), APIField("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("authors"), FieldPanel("category"), FieldPanel("programme_contents")],
            heading=_("Thông tin bài"),
        ),
        MultiFieldPanel([FieldPanel("featured_image"), FieldPanel("featured_image_caption")], heading=_("Ảnh")),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "related_product_links", chooser_field_name="product", heading=_("Sản phẩm liên quan"), label=_("Sản phẩm")
        ),
        MultipleChooserPanel(
            "related_village_links",
            chooser_field_name="village",
            heading=_("Làng nghề liên quan"),
            label=_("Làng nghề"),
        ),
        MultipleChooserPanel(
            "related_artisan_links",
            chooser_field_name="artisan",
            heading=_("Nghệ nhân liên quan"),
            label=_("Nghệ nhân"),
        ),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.split(",") if name.strip()]

    def get_context(self, request, *args, **kwargs):
        """The article with what it shows beside its text (``beside_text``), read once per page-cache generation
        (``core.shared_data``), and its schema.org data."""
        context = super().get_context(request, *args, **kwargs)
        beside = shared_value(
            f"news-beside-v2:{self.pk}:{self.category_id}:{self.featured_image_id}",
            self.beside_text,
            request,
        )
        # The category and picture read with it: the page's own fields stay as routing loaded them.
        if beside["category"] is not None and beside["category"].pk == self.category_id:
            self.category = beside["category"]
        if beside["featured_image"] is not None and beside["featured_image"].pk == self.featured_image_id:
            self.featured_image = beside["featured_image"]
        context.update(beside)
        context["structured_data"] = self.structured_data(request)
        return context

    def beside_text(self):
        """What the article shows around its own text, each card in the visitor's language where translated:
        ``related_products``, ``related_villages``, ``related_artisans`` (live public pages an editor linked),
        ``more_news`` (three other stories of its category), ``programme_contents``, its ``category`` and
        ``featured_image`` (with the renditions the page draws), ``og_image`` (its picture for social networks) and
        the breadcrumb of the news index it is in (``parent_crumb``: ``{"page", "title", "lang"}``). Picklable:
        stored between requests."""
        products = show_in_language(
            public_only(
                link.product
                for link in self.related_product_links.filter(product__live=True).select_related(
                    "product__hero_image", "product__producer"
                )
            )
        )
        more_news = (
            show_in_language(news_queryset().sibling_of(self, inclusive=False).filter(category=self.category_id)[:3])
            if self.category_id
            else []
        )
        image = self.featured_image
        with_renditions([product.hero_image for product in products], "card")
        with_renditions([article.featured_image for article in more_news], "news_card")
        with_renditions([image], "article")
        return {
            "related_products": products,
            "related_villages": show_in_language(
                public_only(
                    link.village
                    for link in self.related_village_links.filter(village__live=True).select_related("village")
                )
            ),
            "related_artisans": show_in_language(
                public_only(
                    link.artisan
                    for link in self.related_artisan_links.filter(artisan__live=True).select_related("artisan")
                )
            ),
            "more_news": more_news,
            "programme_contents": list(self.programme_contents.all()),
            "category": self.category,
            "featured_image": image,
            "og_image": shared_rendition(image, OG_IMAGE),
            "parent_crumb": translated_ancestors(self)[-1],
        }

    def structured_data(self, request):
        """schema.org NewsArticle for search engines (rendered as JSON-LD)."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "mainEntityOfPage": self.get_full_url(request),
            "author": [{"@type": "Person", "name": name} for name in self.author_list],
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))  # noqa: S308 (escaped)


class NewsRelatedProduct(Orderable):
    """A product an article links to (chosen on the article's edit screen)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_product_links")
    product = models.ForeignKey(
        "catalogue.ProductPage", verbose_name=_("sản phẩm"), on_delete=models.CASCADE, related_name="news_links"
    )
    panels = [FieldPanel("product")]


class NewsRelatedVillage(Orderable):
    """A craft village an article links to (chosen on the article's edit screen)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_village_links")
    village = models.ForeignKey(
        "catalogue.CraftVillagePage", verbose_name=_("làng nghề"), on_delete=models.CASCADE, related_name="news_links"
    )
    panels = [FieldPanel("village")]


class NewsRelatedArtisan(Orderable):
    """An artisan an article links to (chosen on the article's edit screen)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_artisan_links")
    artisan = models.ForeignKey(
        "catalogue.ArtisanPage", verbose_name=_("nghệ nhân"), on_delete=models.CASCADE, related_name="news_links"
    )
    panels = [FieldPanel("artisan")]
