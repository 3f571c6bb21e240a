"""Enumerations of the registry (values are stable codes; labels are Vietnamese, translated to English)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class ProductGroup(models.TextChoices):
    """The 4 product groups of Circular 26/2014/TT-BCT (as amended)."""

    HANDICRAFT = "handicraft", _("Thủ công mỹ nghệ")
    PROCESSED_FOOD = "processed-food", _("Chế biến nông, lâm, thủy sản và thực phẩm")
    MACHINERY = "machinery", _("Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí")
    OTHER = "other", _("Sản phẩm khác")


class Level(models.TextChoices):
    """Recognition levels; "district" is kept for records made before 1 July 2025."""

    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    REGIONAL = "regional", _("Cấp khu vực")
    NATIONAL = "national", _("Cấp quốc gia")


# The level a certificate must hold before a product may enter a competition of the key's level.
REQUIRED_PRIOR_LEVEL = {Level.REGIONAL: Level.PROVINCIAL, Level.NATIONAL: Level.REGIONAL}


class Region(models.TextChoices):
    NORTH = "north", _("Miền Bắc")
    CENTRAL = "central", _("Miền Trung và Tây Nguyên")
    SOUTH = "south", _("Miền Nam")


class ProducerKind(models.TextChoices):
    """Who may enter (Circular 26): SMEs, cooperatives and their unions and groups, business households."""

    SME = "sme", _("Doanh nghiệp nhỏ và vừa")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOPERATIVE_UNION = "cooperative-union", _("Liên hiệp hợp tác xã")
    COOPERATIVE_GROUP = "cooperative-group", _("Tổ hợp tác")
    HOUSEHOLD = "household", _("Hộ kinh doanh")


class CommuneKind(models.TextChoices):
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    DAC_KHU = "dac-khu", _("Đặc khu")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")
    REVOKED = "revoked", _("Đã thu hồi")


class CertificateSource(models.TextChoices):
    COMPETITION = "competition", _("Từ kết quả bình chọn")
    IMPORTED = "imported", _("Nhập từ sổ đăng ký cũ")


class VillageType(models.TextChoices):
    CRAFT = "craft", _("Làng nghề")
    TRADITIONAL = "traditional", _("Làng nghề truyền thống")


class TradeGroup(models.TextChoices):
    """The 7 groups of rural trades of Decree 52/2018/NĐ-CP."""

    AGRI_PROCESSING = "agri-processing", _("Chế biến, bảo quản nông, lâm, thủy sản")
    CRAFTS_MATERIALS = (
        "crafts-materials",
        _("Gỗ, mây tre, gốm sứ, thủy tinh, dệt may, sợi, thêu ren, đan lát, cơ khí nhỏ"),
    )
    RAW_MATERIALS = "raw-materials", _("Sản xuất, chế biến nguyên liệu phục vụ ngành nghề nông thôn")
    HANDICRAFTS = "handicrafts", _("Sản xuất đồ gỗ, mây tre đan, gốm sứ, thủ công mỹ nghệ")
    ORNAMENTAL = "ornamental", _("Sinh vật cảnh")
    SALT = "salt", _("Sản xuất muối")
    SERVICES = "services", _("Dịch vụ phục vụ sản xuất, đời sống dân cư nông thôn")


# The artisan titles shipped by migration 0002_reference_data (Decree 43/2024), listed here so that their English
# names are in the catalogue: templates show a title with {% translate kind.name %}, and a title editors add later
# stays in Vietnamese on the English site.
SHIPPED_TITLE_NAMES = (
    gettext_noop("Nghệ nhân nhân dân"),
    gettext_noop("Nghệ nhân ưu tú"),
    gettext_noop("Nghệ nhân cấp tỉnh"),
    gettext_noop("Thợ giỏi"),
    gettext_noop("Người có công đưa nghề về địa phương"),
)
