"""How news is classified: editor-managed categories and the fixed industrial promotion programme contents."""

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.slugs import NameSlugMixin

# The seven contents of the industrial promotion programme (Decree 45/2012/NĐ-CP, amended by 235/2025/NĐ-CP),
# seeded by migration 0002 and by ``seed_demo``: (code, name, rank). The names are in the English catalogue
# (``display_name``); a name editors change or add stays Vietnamese on the English site.
PROGRAMME_CONTENTS = [
    ("mo-hinh-trinh-dien", gettext_noop("Mô hình trình diễn, máy móc thiết bị tiên tiến"), 10),
    ("san-xuat-sach-hon", gettext_noop("Sản xuất sạch hơn"), 20),
    ("phat-trien-san-pham", gettext_noop("Phát triển sản phẩm công nghiệp nông thôn"), 30),
    ("lien-ket-cum-nganh", gettext_noop("Liên kết, cụm công nghiệp"), 40),
    ("nguon-nhan-luc-tu-van", gettext_noop("Phát triển nguồn nhân lực, tư vấn"), 50),
    ("thong-tin-tuyen-truyen", gettext_noop("Thông tin, tuyên truyền"), 60),
    ("nang-cao-nang-luc", gettext_noop("Nâng cao năng lực quản lý"), 70),
]

# The default categories of news: (slug, name, rank).
DEFAULT_CATEGORIES = [
    ("hoat-dong-khuyen-cong", gettext_noop("Hoạt động khuyến công"), 10),
    ("binh-chon-san-pham", gettext_noop("Bình chọn sản phẩm"), 20),
    ("lang-nghe", gettext_noop("Làng nghề"), 30),
    ("chinh-sach", gettext_noop("Chính sách"), 40),
    ("dao-tao", gettext_noop("Đào tạo"), 50),
    ("xuc-tien-thuong-mai", gettext_noop("Xúc tiến thương mại"), 60),
]


class NewsCategory(NameSlugMixin, models.Model):
    """A section of the news (e.g. Chính sách), managed under Snippets → Chuyên mục tin in the admin."""

    name = models.CharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"), max_length=100, unique=True, help_text=_("Dùng trong /tin-tuc/chuyen-muc/…/.")
    )
    description = models.TextField(_("mô tả"), blank=True, help_text=_("Hiện ở đầu trang chuyên mục."))
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100, help_text=_("Số nhỏ hiển thị trước."))

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The name in the visitor's language: the English of a shipped name (``DEFAULT_CATEGORIES``), else the name."""
        return gettext(self.name)


class ProgrammeContent(models.Model):
    """One content of the industrial promotion programme, used to tag news; seeded data, viewed under Snippets."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("nội dung khuyến công"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("nội dung khuyến công")
        verbose_name_plural = _("nội dung khuyến công")

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The name in the visitor's language: the English of a shipped name (``PROGRAMME_CONTENTS``), else the name."""
        return gettext(self.name)
