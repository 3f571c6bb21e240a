"""Section blocks of the home page, arranged by editors in ``HomePage.sections`` (Pages → Trang chủ).

Each block loads its data from the registry in ``load`` with a fixed number of queries, and renders nothing useful
rather than failing when the registry is still empty. The data of every section of the live page is loaded together
(``home_page_data``) once per page-cache generation and stored (``core.shared_data``): the sections are still
rendered on every request, from that data.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from core.shared_data import shared_rendition, shared_value, with_renditions
from core.translation import active_language, show_in_language, source_pages
from news.models import AnnouncementPage, NewsIndexPage
from news.models.pages import news_queryset
from registry.catalogue.choices import Level
from registry.catalogue.models import (
    ArtisanIndexPage,
    ArtisanPage,
    Certificate,
    CraftVillageIndexPage,
    CraftVillagePage,
    ProductIndexPage,
    ProductPage,
)
from registry.competitions.models import Competition, CompetitionIndexPage

OG_IMAGE = "fill-1200x630|format-jpeg"  # the hero for social networks (templates/home/home_page.html)
INDEX_MODELS = (ProductIndexPage, CraftVillageIndexPage, ArtisanIndexPage, CompetitionIndexPage, NewsIndexPage)


def _index_url(model, request):
    """URL of the first live index page of type ``model`` (one of ``INDEX_MODELS``), or None while it does not
    exist. The index pages of every section are read in one query per request (``request.home_index_urls``)."""
    urls = getattr(request, "home_index_urls", None)
    if urls is None:
        types = ContentType.objects.get_for_models(*INDEX_MODELS)  # cached per process
        models_by_type = {content_type.pk: model for model, content_type in types.items()}
        first = {}
        for page in source_pages(Page.objects.live().filter(content_type__in=types.values())).order_by("path"):
            first.setdefault(models_by_type[page.content_type_id], page)
        urls = {model: page.get_url(request) for model, page in first.items()}
        if request is not None:
            request.home_index_urls = urls
    return urls.get(model)


def key_figures():
    """Registry counts for the home page: recognized products (``ProductPage.objects.recognised()``: a certificate
    not revoked), recognized craft villages, artisans, and competitions open for entries. Four queries."""
    return {
        "products": source_pages(ProductPage.objects.live().public().recognised()).count(),
        "villages": source_pages(CraftVillagePage.objects.live().public()).filter(is_recognized=True).count(),
        "artisans": source_pages(ArtisanPage.objects.live().public()).count(),
        "competitions": Competition.objects.open_for_entries().count(),
    }


def highlighted_keys(parent_context):
    """``translation_key`` of the pages in the "Nổi bật" sections of the home page being rendered: the automatic
    lists (Vietnamese sources) leave a story out whichever language's copy an editor chose (the English home's
    highlights may point at English pages). Reads the stream already loaded for rendering: no query."""
    page = (parent_context or {}).get("page")
    keys = set()
    for block in getattr(page, "sections", None) or []:
        if block.block_type == "highlights":
            keys.update(item["page"].translation_key for item in block.value["items"] if item["page"])
    return keys


class SectionBlock(blocks.StructBlock):
    """Fields every home page section has: its heading, and whether phones skip it (the page stays short there)."""

    heading = blocks.CharBlock(label=_("Tiêu đề mục"))
    hide_on_small = blocks.BooleanBlock(
        label=_("Ẩn trên điện thoại"),
        required=False,
        default=False,
        help_text=_(
            "Không hiện mục này trên màn hình nhỏ (dưới 700 px) để trang chủ ngắn gọn; "
            "máy tính bảng và máy tính vẫn thấy."
        ),
    )

    class Meta:
        abstract = True

    def load(self, value, parent_context):
        """The section's data from the registry (a dict added to its template context), or None for a section that
        shows only what the editor wrote. What it returns is stored between requests (``core.shared_data``): plain values
        and model instances with what their cards need already loaded (pictures with their renditions)."""
        return None

    def get_context(self, value, parent_context=None):
        """The section's context with its data: as loaded for the whole page (``home_page_data``, in the page's
        context as ``section_data``, found by the section's position ``section_id``), else loaded now."""
        context = super().get_context(value, parent_context)
        if type(self).load is not SectionBlock.load:
            block_type, data = (context.get("section_data") or {}).get(context.get("section_id"), (None, None))
            if block_type != self.name:
                data = self.load(value, context)
            context.update(data or {})
        return context


def home_page_data(page, request):
    """``{"sections": {position (1, 2, …): (block type, data)}, "hero_image": …, "og_image": …}`` of the home ``page``:
    the data of the sections that load it from the registry (``SectionBlock.load``), the hero picture with the
    renditions the page draws and its picture for social networks (``core.shared_data.shared_rendition``). Stored
    between requests for every visitor of the live page (``core.shared_data``: once per page-cache generation, day,
    language and site; one read of the cache per request), loaded on each request of a preview."""

    def load_all():
        context = {"page": page, "request": request}
        with_renditions([page.hero_image], "hero")
        return {
            "og_image": shared_rendition(page.hero_image, OG_IMAGE),
            "sections": {
                position: (block.block_type, block.block.load(block.value, context) or {})
                for position, block in enumerate(page.sections, 1)
                if isinstance(block.block, SectionBlock) and type(block.block).load is not SectionBlock.load
            },
            "hero_image": page.hero_image,
        }

    if request is None:
        return load_all()
    # The published revision names the sections (a publication also starts a new generation); a preview, which shows
    # a draft, is never stored (``shared_value``).
    return shared_value(f"home-page-v2:{page.pk}:{page.live_revision_id}:{page.hero_image_id}", load_all, request)


PAGE_IMAGE_FIELDS = ("featured_image", "hero_image", "portrait", "cover")


@functools.cache
def _image_fields(model):
    """Names of the picture fields of ``PAGE_IMAGE_FIELDS`` that page type ``model`` has, in that order."""
    names = {field.name for field in model._meta.get_fields()}
    return tuple(name for name in PAGE_IMAGE_FIELDS if name in names)


def chosen_pages(pages):
    """{pk: specific page} of the live, public ones among ``pages`` (pages an editor chose in a section, as the block
    loaded them), each with its pictures (``PAGE_IMAGE_FIELDS``) joined: one query per page type."""
    ids_by_type = {}
    for page in pages:
        if page is not None and page.live and page.specific_class is not None:
            ids_by_type.setdefault(page.specific_class, []).append(page.pk)
    found = {}
    for model, ids in ids_by_type.items():
        query = model.objects.live().public().filter(pk__in=ids).select_related(*_image_fields(model))
        found.update((page.pk, page) for page in query)
    return found


class HighlightBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Trang"))
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False, help_text=_("Để trống thì dùng tên trang."))
    text = blocks.TextBlock(label=_("Mô tả ngắn"), required=False)
    image = ImageChooserBlock(label=_("Ảnh"), required=False, help_text=_("Để trống thì dùng ảnh của trang."))


class HighlightsBlock(SectionBlock):
    items = blocks.ListBlock(HighlightBlock(), label=_("Tin, trang nổi bật"), min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        label = _("Nổi bật (biên tập chọn)")
        template = "home/sections/highlights.html"

    def load(self, value, parent_context):
        """Cards of the chosen pages, each in the visitor's language where it is translated (one query per page
        type on the English site), with ``title_lang``/``text_lang`` set where the text shown is in another
        language (an untranslated page; an editor's own title is in the language of the home page shown)."""
        pages = chosen_pages(item["page"] for item in value["items"])
        show_in_language(pages.values(), by_type=True)
        language = active_language()
        home_language = getattr((parent_context or {}).get("page"), "content_language", None) or language
        cards = []
        for item in value["items"]:
            page = item["page"] and pages.get(item["page"].pk)
            if page is None:
                continue
            image = item["image"] or next(
                (getattr(page, name) for name in _image_fields(type(page)) if getattr(page, name)), None
            )
            text = item["text"] or getattr(page, "summary", "") or page.search_description
            title_lang = home_language if item["title"] else page.content_language
            text_lang = home_language if item["text"] else page.content_language
            cards.append(
                {
                    "page": page,
                    "title": item["title"] or page.title,
                    "text": text,
                    "image": image,
                    "title_lang": None if title_lang == language else title_lang,
                    "text_lang": None if text_lang == language else text_lang,
                }
            )
        with_renditions([card["image"] for card in cards], "highlight_lead", "highlight")
        return {"cards": cards}


class LatestNewsBlock(SectionBlock):
    count = blocks.IntegerBlock(label=_("Số tin"), default=4, min_value=1, max_value=12)
    category = SnippetChooserBlock("news.NewsCategory", label=_("Chỉ chuyên mục"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tin mới")
        template = "home/sections/latest_news.html"

    def load(self, value, parent_context):
        """The newest articles, leaving out those already shown in a "Nổi bật" section of the page."""
        articles = news_queryset().exclude(translation_key__in=highlighted_keys(parent_context))
        if value["category"]:
            articles = articles.filter(category=value["category"])
        articles = show_in_language(articles[: value["count"]])  # English where translated: 1 query
        with_renditions([article.featured_image for article in articles], "news_card")
        index_url = _index_url(NewsIndexPage, parent_context.get("request"))
        if index_url and value["category"]:
            index_url += NewsIndexPage.get_resolver().reverse("category", value["category"].slug)
        return {"articles": articles, "more_url": index_url}


class FeaturedProductsBlock(SectionBlock):
    count = blocks.IntegerBlock(label=_("Số sản phẩm"), default=8, min_value=1, max_value=24)
    products = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalogue.ProductPage"),
        label=_("Sản phẩm chọn sẵn"),
        required=False,
        help_text=_("Để trống thì hiện các sản phẩm mới được công nhận, còn hiệu lực."),
    )

    class Meta:
        icon = "pick"
        label = _("Sản phẩm tiêu biểu")
        template = "home/sections/featured_products.html"

    def load(self, value, parent_context):
        """The chosen products, or the latest recognized ones with a valid certificate, with their level."""
        valid = Certificate.objects.valid().filter(product=OuterRef("pk")).order_by("-year", "-pk")
        products = (
            source_pages(ProductPage.objects.live().public())
            .filter(pk__in=Certificate.objects.valid().values("product_id"))
            .select_related("producer", "hero_image")
            .annotate(level_code=Subquery(valid.values("level")[:1]), cert_year=Subquery(valid.values("year")[:1]))
        )
        chosen = [page.pk for page in value["products"] if page]
        if chosen:
            order = {pk: i for i, pk in enumerate(chosen)}
            products = sorted(products.filter(pk__in=chosen), key=lambda p: order[p.pk])
        else:  # the automatic list leaves out products already shown in a "Nổi bật" section
            products = products.exclude(translation_key__in=highlighted_keys(parent_context))
            products = list(products.order_by("-cert_year", "-first_published_at")[: value["count"]])
        show_in_language(products)
        with_renditions([product.hero_image for product in products], "card")
        labels = dict(Level.choices)
        return {
            "products": [(product, str(labels.get(product.level_code, ""))) for product in products],
            "more_url": _index_url(ProductIndexPage, parent_context.get("request")),
        }


class VillagesMapBlock(SectionBlock):
    text = blocks.TextBlock(label=_("Lời dẫn"), required=False)
    count = blocks.IntegerBlock(label=_("Số làng nghề liệt kê"), default=4, min_value=0, max_value=12)

    class Meta:
        icon = "site"
        label = _("Bản đồ làng nghề")
        template = "home/sections/villages_map.html"

    def load(self, value, parent_context):
        """The first ``count`` live craft villages with coordinates, A–Z, listed beside the map, and the map's data
        address (``map_url``: the village list's GeoJSON, every village, fetched by static/js/map.js; None when no
        village has coordinates or there is no village list): the page does not grow with the villages."""
        request = parent_context.get("request")
        villages = village_markers(request, max(value["count"], 1))
        index_url = _index_url(CraftVillageIndexPage, request)
        return {
            "villages": [
                {**marker, "lang": lang}
                for marker, lang in zip(villages["markers"][: value["count"]], villages["langs"], strict=False)
            ],
            "map_url": index_url + CraftVillageIndexPage.get_resolver().reverse("geojson")
            if index_url and villages["markers"]
            else None,
            "more_url": index_url,
        }


def village_markers(request, limit):
    """``{"markers": [{"title", "trade", "lat", "lng", "url"}], "langs": [language of each title, or None when it is
    the visitor's]}`` of the first ``limit`` live craft villages with coordinates (A–Z by their Vietnamese title),
    titles in the visitor's language where translated. One query, and one more on the English site."""
    villages = show_in_language(
        source_pages(CraftVillagePage.objects.live().public())
        .filter(latitude__isnull=False, longitude__isnull=False)
        .only(
            "id",
            "title",
            "url_path",
            "main_trade",
            "latitude",
            "longitude",
            "path",
            "depth",
            "locale",
            "translation_key",
        )
        .order_by("title")[:limit]
    )
    language = active_language()
    return {
        "markers": [
            {
                "title": v.title,
                "trade": v.main_trade,
                "lat": float(v.latitude),
                "lng": float(v.longitude),
                "url": v.get_url(request),
            }
            for v in villages
        ],
        "langs": [None if v.content_language == language else v.content_language for v in villages],
    }


class OpenCompetitionsBlock(SectionBlock):
    text = blocks.TextBlock(label=_("Lời dẫn"), required=False)

    class Meta:
        icon = "date"
        label = _("Bình chọn đang nhận hồ sơ")
        template = "home/sections/open_competitions.html"

    def load(self, value, parent_context):
        """Competitions open for entries today, soonest deadline first, each with its call for entries."""
        competitions = list(Competition.objects.open_for_entries().order_by("entries_open_until", "pk"))
        announcements = {}
        for announcement in AnnouncementPage.objects.open_for_entries():
            announcements.setdefault(announcement.competition_id, announcement)
        today = timezone.localdate()
        return {
            "competitions": [
                {
                    "competition": c,
                    "announcement": announcements.get(c.pk),
                    "days_left": (c.entries_open_until - today).days if c.entries_open_until else None,
                }
                for c in competitions
            ],
            "more_url": _index_url(CompetitionIndexPage, parent_context.get("request")),
        }


class KeyFiguresBlock(SectionBlock):
    class Meta:
        icon = "table"
        label = _("Số liệu chính")
        template = "home/sections/key_figures.html"

    def load(self, value, parent_context):
        """The registry's counts (``key_figures``) and the listings they link to."""
        request = parent_context.get("request")
        return {
            "figures": key_figures(),
            "products_url": _index_url(ProductIndexPage, request),
            "villages_url": _index_url(CraftVillageIndexPage, request),
            "artisans_url": _index_url(ArtisanIndexPage, request),
        }


class RichTextSectionBlock(SectionBlock):
    body = blocks.RichTextBlock(label=_("Nội dung"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "home/sections/text.html"


class HomeSectionsBlock(blocks.StreamBlock):
    highlights = HighlightsBlock()
    latest_news = LatestNewsBlock()
    featured_products = FeaturedProductsBlock()
    villages_map = VillagesMapBlock()
    open_competitions = OpenCompetitionsBlock()
    key_figures = KeyFiguresBlock()
    text = RichTextSectionBlock()
