"""The number of SQL queries of registry pages does not grow with the data (1× vs 10×)."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from registry.catalogue.models import ArtisanTitle, TitleKind, TradeGroupTag
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ImageFactory,
    ProducerFactory,
    ProductPageFactory,
)

pytestmark = pytest.mark.django_db


def add_registry(count, producer, village, image):
    """``count`` products (each with 2 certificates and an artisan), villages and artisans."""
    kinds = list(TitleKind.objects.all()[:2])
    tags = list(TradeGroupTag.objects.all()[:2])
    for _n in range(count):
        artisan = ArtisanPageFactory(portrait=image, craft_village=village, commune=producer.commune)
        for kind in kinds:
            ArtisanTitle.objects.create(page=artisan, kind=kind)
        product = ProductPageFactory(producer=producer, hero_image=image, craft_village=village)
        product.artisans.set([artisan])
        product.save()
        CertificateFactory(product=product)
        CertificateFactory(product=product, expired=True)
        other = CraftVillagePageFactory(hero_image=image, commune=producer.commune)
        other.trade_groups.set(tags)
        other.save()


def count_queries(client, url):
    with override_settings(PAGE_CACHE_SECONDS=0):  # the page cache off (a made-up session cookie does not bypass it)
        assert client.get(url).status_code == 200  # warm up: renditions, site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200
            response.getvalue()  # a streamed download reads its rows as it is sent
    return len(queries)


def test_query_counts_are_constant_from_1x_to_10x(client, home_page):
    image = ImageFactory()
    producer = ProducerFactory(slug="co-so-do-dem", logo=image)
    village = CraftVillagePageFactory(hero_image=image, commune=producer.commune)
    add_registry(2, producer, village, image)
    product = producer.products.first()
    product.gallery_images.create(image=image, caption="Ảnh")
    urls = [
        product.url,
        village.url,
        producer.products.first().artisans.first().url,
        "/lang-nghe/",
        "/lang-nghe/?type=craft&sort=households",
        "/nghe-nhan/",
        f"/nghe-nhan/?title={TitleKind.objects.first().pk}",
        "/co-so/co-so-do-dem/",
        "/du-lieu-mo/products.json",
        "/du-lieu-mo/producers.csv",
        "/du-lieu-mo/certificates.csv",
        "/du-lieu-mo/villages.json",
        "/du-lieu-mo/artisans.json",
        "/api/v2/pages/?type=catalogue.ProductPage&fields=*",
        "/api/v2/pages/?type=catalogue.CraftVillagePage&fields=*",
        "/api/v2/pages/?type=catalogue.ArtisanPage&fields=*",
        "/api/v2/producers/",
        "/api/v2/certificates/",
    ]
    small = {url: count_queries(client, url) for url in urls}
    add_registry(18, producer, village, image)
    large = {url: count_queries(client, url) for url in urls}
    print("query counts at 1x and 10x:", small, large)
    assert large == small
