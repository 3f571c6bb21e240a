"""Site-wide pieces: the home page, plain content pages and the center's contact settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from .page_cache import CachedPageMixin
from .sections import HomeSectionsBlock


class HomePage(CachedPageMixin, Page):
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
        context = super().get_context(request, *args, **kwargs)
        context["has_map"] = any(block.block_type == "villages_map" for block in self.sections)
        if context["has_map"]:
            context["map_tiles"] = {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
        return context


class StandardPage(Page):
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


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """The center's identity and contact details shown in the header and footer (Settings → Thông tin trung tâm)."""

    site_name = models.CharField(
        _("tên trung tâm"),
        max_length=200,
        default="Trung tâm Khuyến công Gia Lai",
        help_text=_("Hiển thị ở đầu trang và trong tiêu đề trình duyệt."),
    )
    short_name = models.CharField(
        _("tên ngắn"), max_length=60, default="Khuyến công Gia Lai", help_text=_("Dùng trên điện thoại.")
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=200, blank=True, help_text=_("Một dòng dưới tên trung tâm."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh vuông; để trống thì dùng biểu tượng mặc định."),
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Ví dụ: Sở Công Thương tỉnh Gia Lai.")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    opening_hours = models.TextField(
        _("giờ làm việc"), blank=True, help_text=_("Mỗi dòng một khoảng, ví dụ: Thứ Hai – Thứ Sáu: 7:00 – 17:00.")
    )
    footer_note = RichTextField(
        _("ghi chú chân trang"), blank=True, features=["bold", "italic", "link"], help_text=_("Ví dụ: giấy phép.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("short_name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading=_("Nhận diện"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("governing_body"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
                FieldPanel("footer_note"),
            ],
            heading=_("Liên hệ"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin trung tâm")

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]
