"""A small catalogue for the search tests: known titles, producers, communes and certificates."""

from registry.catalogue.choices import Level, ProducerKind, ProductGroup
from tests.factories import CertificateFactory, CommuneFactory, ProducerFactory, ProductPageFactory


def build_catalogue():
    """Five products with distinctive Vietnamese words; returns them by a short key."""
    pleiku = CommuneFactory(code="64001", name="Pleiku")
    ia_grai = CommuneFactory(code="64002", name="Ia Grai")
    weavers = ProducerFactory(
        name="Hợp tác xã Dệt Làng Phung", slug="htx-det-lang-phung", kind=ProducerKind.COOPERATIVE, commune=pleiku
    )
    coffee = ProducerFactory(
        name="Công ty Cà phê Chư Sê", slug="cong-ty-ca-phe-chu-se", kind=ProducerKind.SME, commune=ia_grai
    )
    bees = ProducerFactory(
        name="Hộ kinh doanh Ong Vàng", slug="ho-ong-vang", kind=ProducerKind.HOUSEHOLD, commune=ia_grai
    )
    smith = ProducerFactory(
        name="Cơ sở Đúc Đồng Phước Kiều", slug="co-so-duc-dong", kind=ProducerKind.HOUSEHOLD, commune=pleiku
    )
    products = {
        "brocade": ProductPageFactory(
            title="Thổ cẩm Jrai dệt tay",
            slug="tho-cam-jrai",
            product_group=ProductGroup.HANDICRAFT,
            producer=weavers,
            summary="Khăn và váy thổ cẩm dệt bằng khung dệt truyền thống.",
        ),
        "coffee": ProductPageFactory(
            title="Cà phê Robusta rang mộc",
            slug="ca-phe-robusta",
            product_group=ProductGroup.PROCESSED_FOOD,
            producer=coffee,
            summary="Hạt Robusta Chư Sê rang mộc, không tẩm.",
        ),
        "honey": ProductPageFactory(
            title="Mật ong hoa rừng",
            slug="mat-ong-hoa-rung",
            product_group=ProductGroup.PROCESSED_FOOD,
            producer=bees,
            summary="Mật ong nguyên chất từ rừng Kon Chư Răng.",
        ),
        "gong": ProductPageFactory(
            title="Chiêng Đồng Tây Nguyên",
            slug="chieng-dong",
            product_group=ProductGroup.HANDICRAFT,
            producer=smith,
            summary="Chiêng đúc thủ công, chỉnh âm theo nghệ nhân.",
        ),
        "knife": ProductPageFactory(
            title="Dao rựa rèn tay",
            slug="dao-rua",
            product_group=ProductGroup.MACHINERY,
            producer=smith,
            commune=ia_grai,
            summary="Dao rèn từ thép nhíp.",
        ),
    }
    # Several certificates per product: facets must count products, not certificates.
    CertificateFactory(product=products["brocade"], level=Level.PROVINCIAL, year=2022)
    CertificateFactory(product=products["brocade"], level=Level.REGIONAL, year=2024)
    CertificateFactory(product=products["coffee"], level=Level.PROVINCIAL, year=2022)
    CertificateFactory(product=products["coffee"], level=Level.PROVINCIAL, year=2024)
    CertificateFactory(product=products["honey"], level=Level.PROVINCIAL, year=2024)
    CertificateFactory(product=products["gong"], level=Level.COMMUNE, year=2024)
    CertificateFactory(product=products["knife"], level=Level.PROVINCIAL, year=2020, revoked=True)
    return products
