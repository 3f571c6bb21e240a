"""Language marking on the English site (issue 13, tester's report b13b): on a translated page, every text nobody
translated (wagtail-localize keeps the source text in untranslated segments) and every related record that is
never translated (crafts, honours, communes, gallery captions) is marked ``lang="vi"``; on an untranslated page
only the content is marked, never ``<main>``, so the English interface (breadcrumb, labels) stays English. One
item takes the singular ("Author:", "Producer")."""

import datetime
import re

import pytest
from django.utils import translation

from news.models import ProgrammeContent
from registry.catalogue.models import ProductGalleryImage
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ImageFactory,
    NewsPageFactory,
    ProductPageFactory,
)
from tests.translating import translate

pytestmark = pytest.mark.django_db


def element_with(html, text):
    """The opening tag of the innermost element in ``<main>`` whose text starts with ``text``."""
    match = re.search(r"<(\w+)([^<>]*)>\s*" + re.escape(text), html.split("<main", 1)[1])
    assert match, f"{text!r} not found"
    return match.group(0)


def marked_vi(html, text):
    return 'lang="vi"' in element_with(html, text)


def test_untranslated_fields_of_a_translated_product_are_marked(client, home_page):
    product = ProductPageFactory(
        title="Cà phê rang xay Ia Grai",
        slug="ca-phe-rang-xay-ia-grai",
        summary="Cà phê Robusta rang mộc.",
        materials="100% cà phê Robusta",
        packaging="Túi 500 g có van một chiều",
        where_to_buy="Cửa hàng giới thiệu sản phẩm của tỉnh",
    )
    ProductGalleryImage.objects.create(page=product, image=ImageFactory(), caption="Chi tiết")
    certificate = CertificateFactory(product=product, serial="GL-2024-0777")
    translate(product, title="Ia Grai roasted ground coffee", summary="Plain-roasted Robusta coffee.")
    html = client.get("/en/san-pham/ca-phe-rang-xay-ia-grai/").content.decode()
    assert "<main" in html and not re.search(r"<main[^>]*lang=", html)
    for text in ("100% cà phê Robusta", "Túi 500 g có van một chiều", "Cửa hàng giới thiệu sản phẩm", "Chi tiết"):
        assert marked_vi(html, text), text
    for text in ("Ia Grai roasted ground coffee", "Plain-roasted Robusta coffee."):
        assert not marked_vi(html, text), text
    assert '<h2 id="producer-h">Producer</h2>' in html
    with translation.override("en"):
        verify = client.get(certificate.get_verification_path()).content.decode()
    assert "<dt>Producer</dt>" in verify and "Producers" not in verify
    vietnamese = client.get("/san-pham/ca-phe-rang-xay-ia-grai/").content.decode()
    assert 'lang="vi"' not in vietnamese.split("<main", 1)[1]


def test_untranslated_fields_of_a_translated_village_and_artisan_are_marked(client, home_page):
    village = CraftVillagePageFactory(
        title="Làng dệt thổ cẩm Phung",
        slug="lang-det-tho-cam-phung",
        summary="Làng dệt thổ cẩm Phung: nghề dệt của người Jrai.",
        main_trade="Dệt thổ cẩm",
        recognition_issuer="UBND tỉnh Gia Lai",
        recognition_decision_number="12/QĐ-UBND",
    )
    translate(village, title="Phung brocade weaving village")
    html = client.get("/en/lang-nghe/lang-det-tho-cam-phung/").content.decode()
    for text in ("Làng dệt thổ cẩm Phung: nghề dệt", "Dệt thổ cẩm", "UBND tỉnh Gia Lai"):
        assert marked_vi(html, text), text
    assert re.search(r'<dd lang="vi">[^<]*' + re.escape(village.commune.name), html)
    assert not marked_vi(html, "Phung brocade weaving village")

    artisan = ArtisanPageFactory(
        title="Rah Lan H'Lin", slug="rah-lan-h-lin", summary="Người giữ hơn 40 mẫu hoa văn Jrai cổ."
    )
    translate(artisan, title="Rah Lan H'Lin")
    html = client.get("/en/nghe-nhan/rah-lan-h-lin/").content.decode()
    for text in ("Người giữ hơn 40 mẫu hoa văn Jrai cổ.", "Dệt thổ cẩm", "Jrai"):
        assert marked_vi(html, text), text


def test_untranslated_article_marks_its_content_not_the_interface(client, home_page):
    article = NewsPageFactory(
        title="Ứng dụng chuyển đổi số", slug="chuyen-doi-so", authors="Nguyễn Thị Hoa", date=datetime.date(2026, 11, 2)
    )
    content = ProgrammeContent.objects.first() or ProgrammeContent.objects.create(code="dao-tao", name="Đào tạo nghề")
    article.programme_contents.set([content])
    article.save_revision().publish()
    html = client.get("/en/tin-tuc/chuyen-doi-so/").content.decode()
    assert not re.search(r"<main[^>]*lang=", html)
    assert marked_vi(html, "Ứng dụng chuyển đổi số")
    assert marked_vi(html, "Nguyễn Thị Hoa")
    assert "Author:" in html and "Authors:" not in html
    assert "Programme content:" in html and "Programme contents:" not in html
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert ">Home</a>" in crumbs and not marked_vi(html, "Home</a>")


def test_two_authors_take_the_plural(client, home_page):
    NewsPageFactory(title="Hội chợ", slug="hoi-cho", authors="Nguyễn Thị Hoa, Trần Văn Nam")
    html = client.get("/en/tin-tuc/hoi-cho/").content.decode()
    assert "Authors:" in html


def test_english_a_to_z_lists_sort_by_the_english_title(client, home_page):
    """/en/san-pham/?sort=name, /en/lang-nghe/ and /en/nghe-nhan/ put a translated page among the letter of its
    English title; the Vietnamese lists keep the Vietnamese order."""
    for title in ("Bánh tráng", "Cà phê phin giấy", "Chiếu cói"):
        ProductPageFactory(title=title)
    coffee = ProductPageFactory(title="Cà phê rang xay Ia Grai", slug="ca-phe-ia-grai")
    translate(coffee, title="Ia Grai roasted ground coffee")
    english = client.get("/en/san-pham/?sort=name").content.decode()
    positions = [english.index(title) for title in ("Bánh tráng", "Cà phê phin giấy", "Chiếu cói")]
    assert english.index("Ia Grai roasted ground coffee") > max(positions)
    vietnamese = client.get("/san-pham/?sort=name").content.decode()
    assert (
        vietnamese.index("Cà phê phin giấy")
        < vietnamese.index("Cà phê rang xay Ia Grai")
        < vietnamese.index("Chiếu cói")
    )

    for title in ("Làng gốm Plei Ring", "Làng rèn Ia Lâm"):
        CraftVillagePageFactory(title=title)
    brocade = CraftVillagePageFactory(title="Làng dệt Phung", slug="lang-det-phung")
    translate(brocade, title="Zz brocade village")
    villages = client.get("/en/lang-nghe/?sort=name").content.decode()
    assert villages.index("Zz brocade village") > villages.index("Làng rèn Ia Lâm")

    ArtisanPageFactory(title="Nguyễn Văn Bình")
    weaver = ArtisanPageFactory(title="Rah Lan Anh", slug="rah-lan-anh")
    translate(weaver, title="Rah Lan Zoe")
    artisans = client.get("/en/nghe-nhan/?sort=name").content.decode()
    assert artisans.index("Rah Lan Zoe") > artisans.index("Nguyễn Văn Bình")


def test_village_lists_a_translated_artisans_untranslated_craft_as_vietnamese(client, home_page):
    """b13c: the village page's artisan list put the craft of a translated artisan under the English link."""
    village = CraftVillagePageFactory(title="Làng gốm Plei Ring", slug="lang-gom-plei-ring")
    artisan = ArtisanPageFactory(title="Ksor Nguyên", slug="ksor-nguyen", craft_village=village, trade="Nặn gốm Jrai")
    translate(village, title="Plei Ring pottery village")
    translate(artisan, title="Ksor Nguyen")
    html = client.get("/en/lang-nghe/lang-gom-plei-ring/").content.decode()
    assert marked_vi(html, "Nặn gốm Jrai")
    assert not marked_vi(html, "Ksor Nguyen")


def test_the_english_sort_button_is_not_a_second_sort_by(client, home_page):
    ProductPageFactory(title="Cà phê phin giấy")  # the catalogue page comes with the first product
    html = client.get("/en/san-pham/").content.decode()
    assert re.search(r"<button[^>]*data-sort-submit[^>]*>\s*Sort\s*</button>", html)
