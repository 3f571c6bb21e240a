"""How news is classified: editor-managed categories and the fixed industrial promotion programme contents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The seven contents of the industrial promotion programme (Decree 45/2012/NĐ-CP, amended by 235/2025/NĐ-CP),
# seeded by migration 0002 and by ``seed_demo``: (code, name, rank).
PROGRAMME_CONTENTS = [
    ("mo-hinh-trinh-dien", "Mô hình trình diễn, máy móc thiết bị tiên tiến", 10),
    ("san-xuat-sach-hon", "Sản xuất sạch hơn", 20),
    ("phat-trien-san-pham", "Phát triển sản phẩm công nghiệp nông thôn", 30),
    ("lien-ket-cum-nganh", "Liên kết, cụm công nghiệp", 40),
    ("nguon-nhan-luc-tu-van", "Phát triển nguồn nhân lực, tư vấn", 50),
    ("thong-tin-tuyen-truyen", "Thông tin, tuyên truyền", 60),
    ("nang-cao-nang-luc", "Nâng cao năng lực quản lý", 70),
]

# The default categories of news: (slug, name, rank).
DEFAULT_CATEGORIES = [
    ("hoat-dong-khuyen-cong", "Hoạt động khuyến công", 10),
    ("binh-chon-san-pham", "Bình chọn sản phẩm", 20),
    ("lang-nghe", "Làng nghề", 30),
    ("chinh-sach", "Chính sách", 40),
    ("dao-tao", "Đào tạo", 50),
    ("xuc-tien-thuong-mai", "Xúc tiến thương mại", 60),
]


class NewsCategory(models.Model):
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
