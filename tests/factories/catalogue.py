"""Factories of the registry: places, producers, products, certificates, artisans and craft villages.

Pages are created under their index page, which is created under the home page when missing.
"""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from core.text import slugify
from registry.catalogue.choices import CommuneKind, Level, ProducerKind, ProductGroup, VillageType
from registry.catalogue.models import (
    ArtisanIndexPage,
    ArtisanPage,
    Certificate,
    Commune,
    CraftVillageIndexPage,
    CraftVillagePage,
    Producer,
    ProductIndexPage,
    ProductPage,
    Province,
)

from .home import ensure_site


def index_page(model, title, slug):
    """The single index page of ``model`` under the home page (created when missing)."""
    existing = model.objects.first()
    if existing:
        return existing
    home = ensure_site()
    page = model(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=page)
    return page


def product_index():
    return index_page(ProductIndexPage, "Sản phẩm", "san-pham")


def artisan_index():
    return index_page(ArtisanIndexPage, "Nghệ nhân", "nghe-nhan")


def village_index():
    return index_page(CraftVillageIndexPage, "Làng nghề", "lang-nghe")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "52"
    name = "Gia Lai"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    # Eight digits: never one of the five-digit codes that tests give their own communes (get-or-create by code).
    code = factory.Sequence(lambda n: f"{80000000 + n}")
    name = factory.Sequence(lambda n: f"Ia Grai {n}")
    kind = CommuneKind.XA
    province = factory.SubFactory(ProvinceFactory)


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"Hợp tác xã Nông nghiệp số {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name) or "co-so")
    kind = ProducerKind.COOPERATIVE
    representative = "Nguyễn Văn An"
    address = "Thôn 1"
    commune = factory.SubFactory(CommuneFactory)
    phone = "0269 3800 000"


class ProductPageFactory(wagtail_factories.PageFactory):
    """A live product under the product index. ``parent`` defaults to that index."""

    class Meta:
        model = ProductPage

    title = factory.Sequence(lambda n: f"Sản phẩm {n}")
    slug = factory.Sequence(lambda n: f"san-pham-{n}")
    product_group = ProductGroup.PROCESSED_FOOD
    producer = factory.SubFactory(ProducerFactory)
    summary = "Sản phẩm tiêu biểu của tỉnh Gia Lai."

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or product_index(), **kwargs)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductPageFactory)
    level = Level.PROVINCIAL
    year = 2024
    score = 78
    serial = factory.Sequence(lambda n: f"GL-2024-{n:04d}")
    decision_number = "344/QĐ-UBND"
    decision_date = datetime.date(2024, 6, 27)
    issuer = "UBND tỉnh Gia Lai"
    valid_from = datetime.date(2024, 6, 27)
    valid_until = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))

    class Params:
        expired = factory.Trait(valid_from=datetime.date(2019, 6, 1), valid_until=datetime.date(2022, 6, 1), year=2019)
        revoked = factory.Trait(revoked_at=datetime.date(2025, 3, 1), revoked_reason="Cơ sở ngừng sản xuất.")


class CraftVillagePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CraftVillagePage

    title = factory.Sequence(lambda n: f"Làng nghề {n}")
    slug = factory.Sequence(lambda n: f"lang-nghe-{n}")
    village_type = VillageType.CRAFT
    main_trade = "Dệt thổ cẩm"
    commune = factory.SubFactory(CommuneFactory)
    latitude = Decimal("13.980000")
    longitude = Decimal("108.000000")
    households_total = 200
    households_in_trade = 80
    stable_production_years = 5

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or village_index(), **kwargs)


class ArtisanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArtisanPage

    title = factory.Sequence(lambda n: f"Nghệ nhân {n}")
    slug = factory.Sequence(lambda n: f"nghe-nhan-{n}")
    trade = "Dệt thổ cẩm"
    ethnicity = "Jrai"
    birth_year = 1965

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or artisan_index(), **kwargs)


__all__ = [
    "ArtisanPageFactory",
    "CertificateFactory",
    "CommuneFactory",
    "CraftVillagePageFactory",
    "ProducerFactory",
    "ProductPageFactory",
    "ProvinceFactory",
    "artisan_index",
    "product_index",
    "village_index",
]
