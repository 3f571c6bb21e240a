"""seed_demo for the registry (demo/catalogue.py): enough realistic Gia Lai data, coordinates in the province, idempotent."""

from decimal import Decimal

import pytest

from demo import catalogue as demo
from demo.context import SeedContext
from registry.catalogue.models import (
    ArtisanIndexPage,
    ArtisanPage,
    Certificate,
    CraftVillageIndexPage,
    CraftVillagePage,
    Producer,
    ProductIndexPage,
    ProductPage,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        ProductPage.objects.count(),
        Producer.objects.count(),
        Certificate.objects.count(),
        CraftVillagePage.objects.count(),
        ArtisanPage.objects.count(),
    )


def test_seed_creates_the_registry_once(home_page):
    ctx = SeedContext(write=lambda *_: None)
    demo.seed(ctx)
    products, producers, certificates, villages, artisans = counts()
    assert products >= 30 and producers >= 12 and villages >= 10 and artisans >= 8
    assert set(ProductPage.objects.values_list("product_group", flat=True)) == {
        "handicraft",
        "processed-food",
        "machinery",
        "other",
    }
    assert set(Producer.objects.values_list("kind", flat=True)) >= {"sme", "cooperative", "household"}
    statuses = set(Certificate.objects.with_status().values_list("current_status", flat=True))
    assert statuses == {"valid", "expired", "revoked"}
    assert set(Certificate.objects.values_list("level", flat=True)) >= {"district", "provincial", "regional"}
    for village in CraftVillagePage.objects.all():
        assert Decimal("13.0") <= village.latitude <= Decimal("14.6")
        assert Decimal("107.6") <= village.longitude <= Decimal("109.3")
    for model, slug in [
        (ProductIndexPage, "san-pham"),
        (CraftVillageIndexPage, "lang-nghe"),
        (ArtisanIndexPage, "nghe-nhan"),
    ]:
        index = model.objects.get()
        assert index.slug == slug and index.show_in_menus and index.live
    demo.seed(ctx)
    assert counts() == (products, producers, certificates, villages, artisans)


def test_scale_multiplies_products_producers_and_certificates(home_page):
    demo.seed(SeedContext(scale=2, write=lambda *_: None))
    assert ProductPage.objects.count() == 2 * len(demo.PRODUCTS)
    assert Producer.objects.count() == 2 * len(demo.data.PRODUCERS)
    assert Certificate.objects.count() >= 2 * len(demo.PRODUCTS)
