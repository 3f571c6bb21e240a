"""A picture whose original file is missing or unreadable (lost by the media store, a restore without media, a
storage outage) is left out of every public page, never a 500 (tester's report t18, L4): the page shows its usual
no-picture state, a warning is logged once, and nothing keeps the gap (page cache, shared data, the pictures' memo),
so the picture shows again on the next request once the file is back."""

import logging
from pathlib import Path

import pytest

from core import pictures
from home.models import HomePage
from registry.catalogue.models import ProductGalleryImage, VillageGalleryImage
from tests.factories import (
    ArtisanPageFactory,
    BulletinPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ImageFactory,
    NewsPageFactory,
    ProductPageFactory,
    artisan_index,
    bulletin_index,
    news_index,
)

pytestmark = pytest.mark.django_db

SECTIONS = [
    ("featured_products", {"heading": "Sản phẩm tiêu biểu", "count": 8, "products": []}),
    ("latest_news", {"heading": "Tin mới nhất", "count": 4, "category": None}),
]

EMPTY_WRAPPERS = (
    'class="hero__media"',
    'class="hero-figure"',
    'class="portrait"',
    'class="article__figure"',
    "<li><figure>",
)


@pytest.fixture(autouse=True)
def _fresh_warnings():
    pictures._warned.clear()
    yield
    pictures._warned.clear()


@pytest.fixture
def site(home_page):
    """One image drawn on every public page type that shows pictures (no rendition made yet), and their addresses."""
    image = ImageFactory(file__width=1200, file__height=900, file__color="#a4262c", file__filename="mat-anh.jpg")
    home = HomePage.objects.get(pk=home_page.pk)
    product = ProductPageFactory(title="Khăn thổ cẩm", hero_image=image)
    CertificateFactory(product=product)
    village = CraftVillagePageFactory(title="Làng dệt Ia Mơr", hero_image=image)
    artisan = ArtisanPageFactory(title="Nghệ nhân Rơ Châm H'Lan", portrait=image)
    article = NewsPageFactory(title="Hội chợ khuyến công", featured_image=image)
    bulletin = BulletinPageFactory(title="Bản tin tháng 11", cover=image)
    ProductGalleryImage.objects.create(page=product, image=image, caption="Khăn choàng")
    VillageGalleryImage.objects.create(page=village, image=image)
    home.hero_image = image
    home.sections = SECTIONS
    home.save_revision().publish()
    urls = {
        "home": "/",
        "product list": product.get_parent().url,
        "product": product.url,
        "village list": village.get_parent().url,
        "village": village.url,
        "artisan list": artisan_index().url,
        "artisan": artisan.url,
        "news list": news_index().url,
        "news": article.url,
        "bulletin list": bulletin_index().url,
        "bulletin": bulletin.url,
    }
    return image, urls


def pictures_of(html, image):
    """How many times the renditions of ``image`` appear in ``html`` (their names start with the file's stem)."""
    return html.count(f"/{Path(image.file.name).stem}.")


def test_a_missing_file_leaves_the_picture_out_of_every_page_until_it_is_restored(client, site, caplog):
    image, urls = site
    path = Path(image.file.path)
    content = path.read_bytes()
    path.unlink()
    with caplog.at_level(logging.WARNING, logger="core.pictures"):
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, name
            html = response.content.decode()
            assert pictures_of(html, image) == 0, name
            assert 'property="og:image"' not in html, name  # no og:image pointing at the bare site address
            for empty in EMPTY_WRAPPERS:  # the page's usual no-picture state, not an empty frame
                assert empty not in html, (name, empty)
            assert client.get(url).status_code == 200, name  # again: not served from a cache that kept the gap
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "mat-anh" in r.getMessage()]
    assert len(warnings) == 1  # once, however many pages and requests drew it

    path.write_bytes(content)  # the file is restored; no write to the database, so no new cache generation
    for name, url in urls.items():
        html = client.get(url).content.decode()
        assert pictures_of(html, image) > 0, name
    for name in ("home", "product", "village", "artisan", "news", "bulletin"):
        assert 'property="og:image"' in client.get(urls[name]).content.decode(), name


@pytest.mark.parametrize("content", [b"", b"not a picture at all"])
def test_an_unreadable_file_is_left_out_too(client, site, content):
    image, urls = site
    Path(image.file.path).write_bytes(content)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert pictures_of(response.content.decode(), image) == 0, name


def test_the_json_ld_has_no_image_when_the_file_is_missing(client, site):
    image, urls = site
    Path(image.file.path).unlink()
    html = client.get(urls["product"]).content.decode()
    assert '"image"' not in html
    assert '"name": "Khăn thổ cẩm"' in html or "Khăn thổ cẩm" in html


def test_a_rendition_that_cannot_be_made_is_not_remembered(site):
    image, _urls = site
    path = Path(image.file.path)
    content = path.read_bytes()
    path.unlink()
    assert pictures.render_picture(image, "card", generation=7) == ""
    assert pictures.rendition_url(image, "fill-1200x630", generation=7) is None
    path.write_bytes(content)
    assert "<picture>" in pictures.render_picture(image, "card", generation=7)  # same generation: drawn now
    assert pictures.rendition_url(image, "fill-1200x630", generation=7)
