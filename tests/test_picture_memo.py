"""Pictures cost no rendition lookup when drawn again (issue 14): ``core.pictures`` remembers the renditions of a
picture per process and page-cache generation, and a write that changes the image (a new generation) is seen at
once on the pages."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image

from core.pictures import render_picture
from tests.factories import CertificateFactory, ImageFactory, ProductPageFactory

pytestmark = pytest.mark.django_db


def photo():
    return ImageFactory(file__width=1600, file__height=1200, file__color="#a4262c")


@pytest.fixture
def lookups(monkeypatch):
    """The number of calls of ``Image.get_renditions``."""
    calls = []
    original = Image.get_renditions

    def counted(self, *filters):
        calls.append(self.pk)
        return original(self, *filters)

    monkeypatch.setattr(Image, "get_renditions", counted)
    return calls


def test_a_picture_is_looked_up_once_per_generation(lookups):
    image = photo()
    first = render_picture(image, "card", generation=101)
    assert render_picture(image, "card", generation=101) == first
    assert len(lookups) == 1
    assert render_picture(image, "card", generation=102) == first  # a new generation looks again
    assert len(lookups) == 2
    render_picture(image, "card")  # without a generation (no request): never remembered
    render_picture(image, "card")
    assert len(lookups) == 4


def test_a_changed_focal_point_is_drawn_on_the_next_request(client, home_page, lookups):
    image = photo()
    product = ProductPageFactory(title="Khăn thổ cẩm", hero_image=image)
    CertificateFactory(product=product)

    def lead_src():
        html = client.get(product.url).content.decode()
        return BeautifulSoup(html, "html.parser").find("main").find("picture").find("img")["src"]

    before = lead_src()
    looked_up = len(lookups)
    assert lead_src() == before
    assert len(lookups) == looked_up  # the second request drew the pictures from memory
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 100, 50, 50
    image.save()
    assert lead_src() != before  # another crop: the write started a new generation
