"""The center's site settings (Settings → Thông tin trung tâm): identity, contact, province and map defaults.

Nothing in the code is tied to one province: the province's name, the map's centre and zoom and the province's
bounding box (used to warn about coordinates outside it) are data here, filled by ``setup_site``.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField


def _latitude(verbose_name, default, help_text=""):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        default=default,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=help_text,
    )


def _longitude(verbose_name, default, help_text=""):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        default=default,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=help_text,
    )


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """The center's identity and contact details shown in the header and footer, the province it serves and the
    map defaults (Settings → Thông tin trung tâm). Coordinates are decimal degrees (WGS 84)."""

    site_name = models.CharField(
        _("tên trung tâm"),
        max_length=200,
        default="Trung tâm Khuyến công",
        help_text=_("Hiển thị ở đầu trang và trong tiêu đề trình duyệt."),
    )
    short_name = models.CharField(
        _("tên ngắn"), max_length=60, default="Khuyến công", help_text=_("Dùng trên điện thoại.")
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

    # The same texts for the English site (/en/); an empty one shows the Vietnamese text there, marked lang="vi".
    site_name_en = models.CharField(
        _("tên trung tâm (tiếng Anh)"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Gia Lai Industrial Promotion Center."),
    )
    short_name_en = models.CharField(_("tên ngắn (tiếng Anh)"), max_length=60, blank=True)
    tagline_en = models.CharField(_("khẩu hiệu (tiếng Anh)"), max_length=200, blank=True)
    governing_body_en = models.CharField(_("cơ quan chủ quản (tiếng Anh)"), max_length=200, blank=True)
    address_en = models.CharField(
        _("địa chỉ (tiếng Anh)"), max_length=300, blank=True, help_text=_("Để trống thì dùng địa chỉ tiếng Việt.")
    )
    opening_hours_en = models.TextField(
        _("giờ làm việc (tiếng Anh)"),
        blank=True,
        help_text=_("Mỗi dòng một khoảng, ví dụ: Monday – Friday: 7:00 – 17:00."),
    )

    province_name = models.CharField(
        _("tên tỉnh"),
        max_length=100,
        blank=True,
        help_text=_("Tỉnh (thành phố) mà trung tâm phục vụ, ví dụ: Gia Lai. Dùng trên giấy chứng nhận và dữ liệu mở."),
    )
    map_center_lat = _latitude(_("vĩ độ tâm bản đồ"), 14.0, _("Độ thập phân, ví dụ 13,98."))
    map_center_lng = _longitude(_("kinh độ tâm bản đồ"), 108.0, _("Độ thập phân, ví dụ 108,50."))
    map_zoom = models.PositiveSmallIntegerField(
        _("mức phóng bản đồ"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
        help_text=_("Từ 1 (cả thế giới) đến 18 (từng ngôi nhà); toàn tỉnh thường là 8."),
    )
    bounds_south = _latitude(_("vĩ độ nam"), 8.0, _("Giới hạn phía nam của tỉnh."))
    bounds_west = _longitude(_("kinh độ tây"), 102.0, _("Giới hạn phía tây của tỉnh."))
    bounds_north = _latitude(_("vĩ độ bắc"), 23.5, _("Giới hạn phía bắc của tỉnh."))
    bounds_east = _longitude(_("kinh độ đông"), 110.0, _("Giới hạn phía đông của tỉnh."))

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
        MultiFieldPanel(
            [
                FieldPanel("site_name_en"),
                FieldPanel("short_name_en"),
                FieldPanel("tagline_en"),
                FieldPanel("governing_body_en"),
                FieldPanel("address_en"),
                FieldPanel("opening_hours_en"),
            ],
            heading=_("Tiếng Anh"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("province_name"),
                FieldRowPanel([FieldPanel("map_center_lat"), FieldPanel("map_center_lng"), FieldPanel("map_zoom")]),
                FieldRowPanel([FieldPanel("bounds_south"), FieldPanel("bounds_west")]),
                FieldRowPanel([FieldPanel("bounds_north"), FieldPanel("bounds_east")]),
            ],
            heading=_("Tỉnh và bản đồ"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin trung tâm")

    @property
    def opening_hours_lines(self):
        """The opening hours as a list of non-empty lines."""
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    TRANSLATED_FIELDS = ("site_name", "short_name", "tagline", "governing_body", "address", "opening_hours")

    def text(self, name, language):
        """``(text, language it is in)`` of the translated field ``name`` for a visitor reading ``language``: the
        ``<name>_en`` text on the English site when it is filled in, otherwise the Vietnamese one."""
        if name not in self.TRANSLATED_FIELDS:
            raise ValueError(name)
        if language != "vi":
            value = getattr(self, f"{name}_{language}", "")
            if value:
                return value, language
        return getattr(self, name), "vi"

    @property
    def map_config(self):
        """What the map script needs, as plain floats: ``{"center": [lat, lng], "zoom": int,
        "bounds": [[south, west], [north, east]]}``."""
        return {
            "center": [float(self.map_center_lat), float(self.map_center_lng)],
            "zoom": self.map_zoom,
            "bounds": [
                [float(self.bounds_south), float(self.bounds_west)],
                [float(self.bounds_north), float(self.bounds_east)],
            ],
        }

    def in_bounds(self, latitude, longitude):
        """Whether a point (decimal degrees) lies inside the province's bounding box."""
        return self.bounds_south <= latitude <= self.bounds_north and self.bounds_west <= longitude <= self.bounds_east


class PageCacheGeneration(models.Model):
    """The page cache's generation counter (one row): stored in the database so that cache eviction cannot lose
    it and every process — web workers, management commands — agrees on it. See core/page_cache.py."""

    generation = models.PositiveBigIntegerField(_("thế hệ"), default=1)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thế hệ bộ nhớ đệm trang")

    def __str__(self):
        return str(self.generation)

    @classmethod
    def current(cls):
        """The current generation (creates the row on first use)."""
        row, _created = cls.objects.get_or_create(pk=1)
        return row.generation

    @classmethod
    def bump(cls):
        """Add one to the generation atomically and return the new value; ``updated_at`` says when it started (the
        ``Last-Modified`` of open data: registry/catalogue/opendata_files.py)."""
        with transaction.atomic():
            if not cls.objects.filter(pk=1).update(generation=F("generation") + 1, updated_at=Now()):
                cls.objects.get_or_create(pk=1)
                cls.objects.filter(pk=1).update(generation=F("generation") + 1, updated_at=Now())
            return cls.objects.get(pk=1).generation
