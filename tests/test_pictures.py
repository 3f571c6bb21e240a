"""Responsive pictures (issue 13): every picture of the public pages goes through ``{% picture_of %}`` and reaches the
visitor as a ``<picture>`` with ``srcset``/``sizes``, AVIF and WebP for the page's top picture, WebP elsewhere, never
the uploaded JPEG; the top picture is fetched eagerly with high priority, the first card of a listing eagerly, the
rest lazily; each ``<img>`` has its width and height (no layout shift)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template, TemplateSyntaxError

from core.pictures import PRESETS
from home.models import HomePage
from registry.catalogue.models import ProductGalleryImage
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ImageFactory,
    NewsPageFactory,
    ProductPageFactory,
)

pytestmark = pytest.mark.django_db


def photo(**kwargs):
    """A 1600 × 1200 upload, large enough for every width the presets ask for."""
    return ImageFactory(file__width=1600, file__height=1200, file__color="#a4262c", **kwargs)


def pictures(html):
    """The <picture> elements of the page's <main>, and every <img> of <main>."""
    main = BeautifulSoup(html, "html.parser").find("main")
    return main.find_all("picture"), main.find_all("img")


def widths(srcset):
    return [int(part.split()[-1].rstrip("w")) for part in srcset.split(",")]


def check_every_image(html):
    """Each <img> of <main> is the fallback of a <picture> with a WebP srcset, its size and a loading mode; no
    original upload (JPEG/PNG) is sent; at most one picture has fetchpriority=high. Returns the pictures."""
    found, images = pictures(html)
    assert images, "the page shows pictures"
    for img in images:
        assert img.parent.name == "picture", img
        assert img["src"].endswith(".webp") and ".format-webp." in img["src"], img
        assert img.get("srcset") and img.get("sizes"), img
        assert img["loading"] in ("eager", "lazy")
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        for source in img.parent.find_all("source"):
            assert source["type"] in ("image/avif", "image/webp") and source.get("sizes"), source
    assert sum(img.get("fetchpriority") == "high" for img in images) <= 1
    assert ".jpg" not in str(BeautifulSoup(html, "html.parser").find("main"))
    return found


def test_home_hero_is_art_directed_avif_and_webp_fetched_first(client, home_page):
    home = HomePage.objects.get(pk=home_page.pk)
    home.hero_image = photo()
    lead = NewsPageFactory(title="Tin nổi bật có ảnh", featured_image=photo())
    other = NewsPageFactory(title="Tin nổi bật thứ hai", featured_image=photo())
    home.sections = [
        (
            "highlights",
            {
                "heading": "Nổi bật",
                "items": [{"page": page, "title": "", "text": "", "image": None} for page in (lead, other)],
            },
        )
    ]
    home.save_revision().publish()

    html = client.get("/").content.decode()
    found = check_every_image(html)
    hero = found[0]
    img = hero.find("img")
    assert img["fetchpriority"] == "high" and img["loading"] == "eager"
    sources = hero.find_all("source")
    # Phones get a 4:3 crop (AVIF, then WebP), wider screens the 16:7 one (WebP: the <img>).
    assert [(s["type"], s.get("media")) for s in sources] == [
        ("image/avif", "(max-width: 699px)"),
        ("image/webp", "(max-width: 699px)"),
    ]
    assert widths(sources[0]["srcset"]) == [480, 800] and ".fill-480x360.format-avif." in sources[0]["srcset"]
    assert widths(img["srcset"]) == [800, 1200, 1600]
    assert (int(img["width"]), int(img["height"])) == (800, 350)
    assert img["sizes"] == "100vw"
    # The lead story shows without scrolling on a phone: eager, not high priority; the second one lazy.
    lead_img, other_img = found[1].find("img"), found[2].find("img")
    assert lead_img["loading"] == "eager" and "fetchpriority" not in lead_img.attrs
    assert other_img["loading"] == "lazy"


def test_product_page_lead_picture_and_lazy_gallery(client, home_page):
    product = ProductPageFactory(title="Khăn thổ cẩm", hero_image=photo())
    ProductGalleryImage.objects.create(page=product, image=photo(), caption="Khung dệt")
    CertificateFactory(product=product)
    html = client.get(product.url).content.decode()
    lead, gallery = check_every_image(html)
    img = lead.find("img")
    assert img["fetchpriority"] == "high" and img["loading"] == "eager" and img["alt"] == "Khăn thổ cẩm"
    (avif,) = lead.find_all("source")  # AVIF on phones, up to 800 px (its encoding is slow); WebP otherwise
    assert (avif["type"], avif["media"], widths(avif["srcset"])) == ("image/avif", "(max-width: 699px)", [480, 800])
    assert widths(img["srcset"]) == [480, 800, 1200]
    assert img["sizes"] == PRESETS["lead"].sizes
    # The caption under the picture names it; an alt repeating it would be read twice.
    assert gallery.find("img")["loading"] == "lazy" and gallery.find("img")["alt"] == ""
    assert gallery.find_parent("figure").figcaption.get_text() == "Khung dệt"
    assert not gallery.find_all("source")  # WebP only


def test_listings_load_their_first_card_eagerly_and_the_rest_lazily(client, home_page):
    for i in range(3):
        CertificateFactory(product=ProductPageFactory(title=f"Sản phẩm ảnh {i}", hero_image=photo()))
        CraftVillagePageFactory(title=f"Làng ảnh {i}", hero_image=photo())
        ArtisanPageFactory(title=f"Nghệ nhân ảnh {i}", portrait=photo())
        NewsPageFactory(title=f"Tin ảnh {i}", featured_image=photo(), date=datetime.date(2026, 11, 1 + i))
    for url in ("/san-pham/", "/lang-nghe/", "/nghe-nhan/", "/tin-tuc/"):
        response = client.get(url)
        assert response.status_code == 200, url
        _found, images = pictures(response.content.decode())
        cards = [img for img in images if img.find_parent(class_="card")]
        assert len(cards) == 3, url
        assert [img["loading"] for img in cards] == ["eager", "lazy", "lazy"], url
        assert not any(img.get("fetchpriority") for img in cards), url
        check_every_image(response.content.decode())


def test_village_artisan_and_news_pages_lead_with_a_priority_picture(client, home_page):
    village = CraftVillagePageFactory(title="Làng Phung", hero_image=photo())
    artisan = ArtisanPageFactory(title="Nghệ nhân Rơ Châm H'Nhí", portrait=photo())
    article = NewsPageFactory(title="Khai mạc hội chợ", featured_image=photo())
    for page in (village, artisan, article):
        html = client.get(page.url).content.decode()
        first = check_every_image(html)[0].find("img")
        assert first["fetchpriority"] == "high" and first["loading"] == "eager", page.url
        assert [s["type"] for s in first.parent.find_all("source")] == ["image/avif"], page.url


def test_picture_tag_renders_nothing_without_an_image_and_rejects_unknown_options():
    template = '{% load picture_tags %}[{% picture_of image "card" %}]'
    assert Template(template).render(Context({"image": None})) == "[]"
    with pytest.raises(TemplateSyntaxError):
        Template('{% load picture_tags %}{% picture_of image "card" lazy=True %}').render(Context({"image": photo()}))


def test_small_uploads_are_not_upscaled_and_widths_are_not_repeated():
    small = ImageFactory(file__width=300, file__height=225)
    html = Template('{% load picture_tags %}{% picture_of image "card" %}').render(Context({"image": small}))
    img = BeautifulSoup(html, "html.parser").find("img")
    assert widths(img["srcset"]) == [300]
    assert (img["width"], img["height"]) == ("300", "225")
