"""The craft village page with the page cache off (issue 14): what it lists beside its own text (products, artisans)
and its pictures and commune are read once per page-cache generation (core/shared_data.py), so every write that
changes them shows on the next request; its own text and rows are read on every request."""

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests.factories import (
    ArtisanPageFactory,
    CraftVillagePageFactory,
    ImageFactory,
    ProducerFactory,
    ProductPageFactory,
)
from tests.test_query_shapes import _no_page_cache  # noqa: F401  (autouse: every request rendered)
from tests.translating import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(home_page):
    village = CraftVillagePageFactory(title="Làng dệt Phung", hero_image=ImageFactory())
    producer = ProducerFactory(name="HTX Dệt Phung")
    ProductPageFactory(title="Khăn thổ cẩm", craft_village=village, producer=producer, hero_image=ImageFactory())
    ArtisanPageFactory(title="Rơ Châm H'Lin", craft_village=village)
    return village


def html_of(client, page, prefix=""):
    """The page rendered for an anonymous visitor (``prefix`` "/en": in English)."""
    with translation.override("vi"):  # the address in Vietnamese: a request in English leaves English active
        path = prefix + page.url
    response = client.get(path)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return response.content.decode()


def test_the_lists_follow_every_publish(client, village):
    assert "Khăn thổ cẩm" in html_of(client, village)
    added = ProductPageFactory(title="Váy thổ cẩm", craft_village=village)
    assert "Váy thổ cẩm" in html_of(client, village)
    added.unpublish()
    assert "Váy thổ cẩm" not in html_of(client, village)
    ArtisanPageFactory(title="Ksor H'Bloanh", craft_village=village)
    assert "Ksor H&#x27;Bloanh" in html_of(client, village)


def test_a_producer_renamed_or_a_product_made_private_shows_at_once(client, village):
    product = village.products.get()
    assert "HTX Dệt Phung" in html_of(client, village)
    product.producer.name = "Hợp tác xã Dệt Phung"
    product.producer.save()
    assert "Hợp tác xã Dệt Phung" in html_of(client, village)
    PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.LOGIN)
    assert "Khăn thổ cẩm" not in html_of(client, village)


def test_the_page_own_text_and_commune_are_current(client, village):
    html_of(client, village)
    village.summary = "Làng có 120 hộ dệt."
    village.save_revision().publish()
    assert "Làng có 120 hộ dệt." in html_of(client, village)
    commune = village.commune
    commune.name = "Ia Phang"
    commune.save()
    assert "Ia Phang" in html_of(client, village)


def test_each_language_gets_its_own_lists(client, village):
    translate(village.products.get(), title="Brocade scarf")
    english = html_of(client, village, "/en")
    assert "Brocade scarf" in english
    vietnamese = html_of(client, village)
    assert "Khăn thổ cẩm" in vietnamese and "Brocade scarf" not in vietnamese


def stem(image):
    """What every rendition address of ``image`` contains: its file's name without the extension."""
    return image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def test_a_replaced_picture_is_drawn_at_once(client, village):
    old = village.hero_image
    assert stem(old) in html_of(client, village)
    new = ImageFactory(file__filename="anh-moi.jpg")
    village.hero_image = new
    village.save_revision().publish()
    html = html_of(client, village)
    assert stem(new) in html and stem(old) not in html
