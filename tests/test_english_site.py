"""The English site (issue 13, item 5): every interface string of the main public pages in English, English page
content where an editor translated it (wagtail-localize), Vietnamese content marked ``lang="vi"`` and labelled where
not, hreflang only where a translation exists, each page once in listings; and counts in both languages (item 4).

Two checks read the rendered pages:
- ``vietnamese_fragments``: any text or readable attribute with a Vietnamese letter outside an element marked
  ``lang="vi"`` (the content below is written in plain ASCII, so what it finds is interface text);
- ``untranslated_interface``: any text node that is a Vietnamese source string of the catalogues (a msgid),
  anywhere on the page, also inside Vietnamese content (an interface string left in Vietnamese).
"""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import override_settings
from wagtail.models import Page

from core.models import SiteSettings
from demo import translations as demo_translations
from demo.context import SeedContext
from home.models import HomePage
from registry.catalogue.models import ProductPage
from registry.competitions.choices import CompetitionStatus
from registry.competitions.services import council
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CompetitionFactory,
    CraftVillagePageFactory,
    EntryFactory,
    JurorFactory,
    NewsPageFactory,
    ProducerFactory,
    ProductPageFactory,
    UserFactory,
    artisan_index,
    competition_index,
    fill_sheet,
    product_index,
    village_index,
)
from tests.factories.news import news_index
from tests.sitemaps import sitemap_text
from tests.translating import translate
from tests.vietnamese_text import VIETNAMESE_LETTERS, vietnamese_fragments

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def source_strings():
    """Every translated Vietnamese msgid of the English catalogues without placeholders: interface text."""
    strings = set()
    for po in ROOT.glob("**/locale/en/LC_MESSAGES/django.po"):
        if ".venv" in po.parts:
            continue
        with open(po, "rb") as handle:
            for message in read_po(handle, locale="en"):
                msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                if msgid and "%(" not in msgid and VIETNAMESE_LETTERS.search(msgid) and message.string:
                    strings.add(msgid.strip())
    return strings


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in {"script", "style"}
        for name, value in attrs:
            if name in {"aria-label", "placeholder", "title", "alt"} and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        self.skip -= tag in {"script", "style"} and self.skip > 0

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(" ".join(data.split()))


def untranslated_interface(html, strings):
    parser = _Texts()
    parser.feed(html)
    return sorted({text for text in parser.texts if text in strings})


SECTIONS = {
    "vi": [
        ("key_figures", {"heading": "Con số khuyến công"}),
        ("featured_products", {"heading": "Sản phẩm tiêu biểu", "count": 8, "products": []}),
        ("open_competitions", {"heading": "Bình chọn đang mở", "text": ""}),
        ("latest_news", {"heading": "Tin mới nhất", "count": 4, "category": None}),
        ("villages_map", {"heading": "Bản đồ làng nghề", "text": "Làng nghề Gia Lai.", "count": 3}),
    ],
    "en": [
        ("key_figures", {"heading": "Key figures"}),
        ("featured_products", {"heading": "Typical products", "count": 8, "products": []}),
        ("open_competitions", {"heading": "Open competitions", "text": ""}),
        ("latest_news", {"heading": "Latest news", "count": 4, "category": None}),
        ("villages_map", {"heading": "Craft village map", "text": "Craft villages of Gia Lai.", "count": 3}),
    ],
}


def arrange(home, sections):
    home = HomePage.objects.get(pk=home.pk)  # fresh: the tree counters change as pages are added
    home.sections = sections
    home.save_revision().publish()
    return home


@pytest.fixture
def english_site(home_page):
    """Index pages and the home page translated, content written in ASCII, the site settings in English."""
    settings_row = SiteSettings.load()
    settings_row.site_name_en = "Gia Lai Industrial Promotion Center"
    settings_row.short_name_en = "Industrial Promotion"
    settings_row.tagline_en = "Typical rural industrial products of Gia Lai"
    settings_row.governing_body_en = "Department of Industry and Trade"
    settings_row.address_en = "123 Le Duan, Quy Nhon"
    settings_row.opening_hours = "Thứ Hai – Thứ Sáu: 7:00 – 17:00"
    settings_row.opening_hours_en = "Monday – Friday: 7:00 – 17:00"
    settings_row.save()
    home = arrange(home_page, SECTIONS["vi"])
    translate(home, title="Home", hero_title="Crafts of Gia Lai", sections=SECTIONS["en"])
    translate(product_index(), title="Products", intro="Recognized typical products.")
    translate(village_index(), title="Craft villages", intro="Recognized craft villages.")
    translate(artisan_index(), title="Artisans", intro="Artisans and master craftsmen.")
    translate(news_index(), title="News", intro="Industrial promotion news.")
    translate(competition_index(), title="Competitions", intro="Product competitions.")
    # Content in plain ASCII: whatever Vietnamese letter the pages show is then interface text, or Vietnamese content
    # (Vietnamese source text of a translated page, untranslated pages, producers' records) not marked lang="vi".
    producer = ProducerFactory(
        name="Ia Grai Coffee Cooperative",
        slug="ia-grai-coffee",
        representative="Nguyễn Văn An",
        address="Thôn Hợp Thành",
        legacy_district="Huyện Ia Grai",
        description="Hợp tác xã cà phê.",
    )
    product = ProductPageFactory(title="Roasted coffee", slug="ca-phe", producer=producer, summary="Robusta.")
    translate(product, title="Roasted coffee", summary="Robusta roasted in Ia Grai.")
    certificate = CertificateFactory(product=product, decision_number="344/QD", issuer="Gia Lai People's Committee")
    village = CraftVillagePageFactory(title="Phung brocade village", slug="lang-phung", main_trade="Brocade weaving")
    translate(village, title="Phung brocade village")
    artisan = ArtisanPageFactory(title="Ro Cham H'Lin", slug="nghe-nhan-hlin", trade="Brocade weaving")
    translate(artisan, title="Ro Cham H'Lin")
    news = NewsPageFactory(
        title="Khai mạc Hội chợ", slug="hoi-cho", authors="Nguyen Thi Hoa", summary="Hội chợ công thương."
    )
    translate(news, title="Trade fair opens", summary="One hundred stalls.")
    # untranslated content, shown in Vietnamese under /en/: marked lang="vi" wherever it is listed
    NewsPageFactory(title="Tập huấn sản xuất sạch hơn", slug="tap-huan", summary="Lớp tập huấn.")
    ProductPageFactory(title="Cà phê coffee Chư Sê", slug="ca-phe-chu-se", producer=producer, summary="Cà phê.")
    return {"product": product, "certificate": certificate, "village": village, "artisan": artisan, "news": news}


def main_pages(site):
    return {
        "home": "/en/",
        "products": "/en/san-pham/",
        "product": "/en/san-pham/ca-phe/",
        "villages": "/en/lang-nghe/",
        "village": "/en/lang-nghe/lang-phung/",
        "artisans": "/en/nghe-nhan/",
        "artisan": "/en/nghe-nhan/nghe-nhan-hlin/",
        "news index": "/en/tin-tuc/",
        "news": "/en/tin-tuc/hoi-cho/",
        "search": "/en/tim-kiem/?q=coffee",
        "verification": f"/en/xac-minh/{site['certificate'].verification_code}/",
        "producer": "/en/co-so/ia-grai-coffee/",
        "open data": "/en/du-lieu-mo/",
    }


@override_settings(DEBUG=False)
def test_main_english_pages_have_no_vietnamese_interface(client, english_site):
    strings = source_strings()
    assert len(strings) > 300  # the catalogues were read
    problems = {}
    pages = {**main_pages(english_site), "404": "/en/khong-co-trang-nay/"}
    pages["search of untranslated"] = "/en/tim-kiem/?q=chu+se"
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "404" else 200), path
        html = response.content.decode()
        assert '<html lang="en">' in html, path
        found = vietnamese_fragments(html) + untranslated_interface(html, strings)
        if found:
            problems[name] = found
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())


def test_results_page_interface_in_english(client, english_site):
    """A competition's published results (its names are content, in Vietnamese): no interface string left."""
    competition = CompetitionFactory(name="Binh chon 2026")
    jurors = [JurorFactory(competition=competition, chair=True), JurorFactory(competition=competition)]
    entry = EntryFactory(competition=competition, product=ProductPageFactory(title="Pepper"))
    for juror in jurors:
        fill_sheet(juror, entry, [36, 36, 9, 9])
    manager = UserFactory()
    council.change_status(competition, CompetitionStatus.CLOSED, manager)
    council.decide(entry, manager, True, "1/QD", datetime.date(2026, 6, 27))
    council.change_status(competition, CompetitionStatus.DECIDED, manager)
    council.issue_certificates(competition, manager)
    council.change_status(competition, CompetitionStatus.PUBLISHED, manager)
    url = "/en" + competition_index().url + f"{competition.slug}/ket-qua/"
    response = client.get(url)
    assert response.status_code == 200
    assert untranslated_interface(response.content.decode(), source_strings()) == []


def test_a_translated_page_shows_its_english_title_menu_and_alternates(client, english_site, settings):
    html = client.get("/en/san-pham/ca-phe/").content.decode()
    assert "<title>Roasted coffee · Industrial Promotion</title>" in html
    assert re.search(r'<a href="/en/san-pham/"[^>]*>Products</a>', html)  # the menu, in English
    assert f'<link rel="alternate" hreflang="vi" href="{settings.SITE_URL}/san-pham/ca-phe/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en/san-pham/ca-phe/">' in html
    assert "not been translated" not in html and '<main id="main" tabindex="-1">' in html
    vietnamese = client.get("/san-pham/ca-phe/").content.decode()
    assert '<link rel="alternate" hreflang="en"' in vietnamese


def test_an_untranslated_page_is_marked_vietnamese_and_labelled(client, english_site):
    ProductPageFactory(title="Tiêu đỏ Chư Sê", slug="tieu-do", producer=english_site["product"].producer)
    html = client.get("/en/san-pham/tieu-do/").content.decode()
    # the content is marked Vietnamese, not <main>: the interface around it stays English
    assert '<main id="main" tabindex="-1">' in html and '<h1 lang="vi">Tiêu đỏ Chư Sê</h1>' in html
    assert "This page has not been translated into English yet" in html
    assert '<link rel="alternate" hreflang="en"' not in html  # no English version to point at
    assert '<link rel="alternate"' not in html
    # in the English listing an untranslated product's card shows its Vietnamese title, marked and labelled, and a
    # translated one its English title; both link under /en/
    listing = client.get("/en/san-pham/").content.decode()
    assert re.search(
        r'<h3 class="card__title" lang="vi"><a href="/en/san-pham/tieu-do/">Tiêu đỏ Chư Sê</a></h3>'
        r'<span class="badge badge--lang" lang="en">In Vietnamese, not translated yet</span>',
        listing,
    )
    assert '<h3 class="card__title"><a href="/en/san-pham/ca-phe/">Roasted coffee</a></h3>\n' in listing
    assert '<h3 class="card__title"><a href="/san-pham/tieu-do/">' in client.get("/san-pham/").content.decode()


def test_translations_do_not_duplicate_listings_counts_or_search(client, english_site):
    """The English translation is a second page row: every list still shows each product once."""
    assert ProductPage.objects.count() == 3  # two Vietnamese products, one English translation
    for path in ("/san-pham/", "/en/san-pham/", "/en/co-so/ia-grai-coffee/", "/en/"):
        html = client.get(path).content.decode()
        assert html.count("san-pham/ca-phe/") == 1, path
    search = client.get("/en/tim-kiem/?q=coffee").content.decode()
    assert search.count("san-pham/ca-phe/") == 1


def test_english_content_of_translated_page_and_its_source_stay_linked(client, english_site):
    """The certificate (on the Vietnamese page) shows on the English page too."""
    serial = english_site["certificate"].serial
    assert serial in client.get("/en/san-pham/ca-phe/").content.decode()


def test_footer_hours_and_site_name_in_english(client, english_site):
    html = client.get("/en/").content.decode()
    assert "Monday – Friday: 7:00 – 17:00" in html and "Thứ Hai" not in html
    assert "Gia Lai Industrial Promotion Center" in html
    assert "Thứ Hai – Thứ Sáu: 7:00 – 17:00" in client.get("/").content.decode()


def test_site_settings_without_english_are_marked_vietnamese(client, home_page):
    settings_row = SiteSettings.load()
    settings_row.opening_hours = "Thứ Hai – Thứ Sáu: 7:00 – 17:00"
    settings_row.save()
    html = client.get("/en/").content.decode()
    assert '<ul class="plain-list" lang="vi"><li>Thứ Hai – Thứ Sáu: 7:00 – 17:00</li></ul>' in html


@pytest.mark.parametrize(
    ("count", "english", "vietnamese"),
    [
        (1, '1</span></a><span class="figure__label">artisan<', '1</span></a><span class="figure__label">nghệ nhân<'),
        (9, '9</span></a><span class="figure__label">artisans<', '9</span></a><span class="figure__label">nghệ nhân<'),
    ],
)
def test_home_figures_have_english_plurals(client, home_page, count, english, vietnamese):
    for _ in range(count):
        ArtisanPageFactory()
    arrange(home_page, [("key_figures", {"heading": "So lieu"})])
    assert english in client.get("/en/").content.decode()
    assert vietnamese in client.get("/").content.decode()


def test_listing_counts_in_english(client, home_page):
    ArtisanPageFactory()
    assert "1 artisan<" in client.get("/en/nghe-nhan/").content.decode()
    ArtisanPageFactory()
    assert "2 artisans<" in client.get("/en/nghe-nhan/").content.decode()


def test_seed_demo_translates_a_handful_of_pages(client, home_page, django_capture_on_commit_callbacks):
    product_index()
    news_index()
    with django_capture_on_commit_callbacks(execute=True):
        demo_translations.seed(SeedContext(write=lambda *_args: None))
    assert "<title>Products · Gia Lai Industrial Promotion</title>" in client.get("/en/san-pham/").content.decode()
    assert "<title>News · Gia Lai Industrial Promotion</title>" in client.get("/en/tin-tuc/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        demo_translations.seed(SeedContext(write=lambda *_args: None))  # idempotent
    assert Page.objects.filter(locale__language_code="en", title="Products").count() == 1


def test_translated_news_is_listed_once(client, english_site):
    """The tester saw the English copy of a story in "Tin mới" on the Vietnamese home page beside the Vietnamese one:
    news lists (home sections, the news index) show each story once, by its Vietnamese source."""
    for path in ("/", "/en/", "/tin-tuc/", "/en/tin-tuc/"):
        html = client.get(path).content.decode()
        assert html.count("tin-tuc/hoi-cho/") == 1, path


def test_english_feed_has_no_vietnamese_interface(client, english_site):
    """The English RSS feed: English channel (title with the English site name, language), English items where
    translated; untranslated items keep their Vietnamese text (RSS items carry no language)."""
    xml = client.get("/en/tin-tuc/rss/").content.decode()
    assert "<language>en</language>" in xml
    assert "<title>News – Gia Lai Industrial Promotion Center</title>" in xml
    assert "<title>Trade fair opens</title>" in xml and "Khai mạc" not in xml
    assert "<title>Tập huấn sản xuất sạch hơn</title>" in xml
    assert untranslated_interface(xml, source_strings()) == []
    assert "<language>vi</language>" in client.get("/tin-tuc/rss/").content.decode()


def test_producer_profile_is_vietnamese_content_under_the_english_interface(client, english_site, settings):
    """Producers are not translatable: /en/co-so/… has an English interface, the producer's own text marked
    lang="vi" and labelled, no hreflang alternates, and the sitemap lists only the Vietnamese address."""
    html = client.get("/en/co-so/ia-grai-coffee/").content.decode()
    assert '<link rel="alternate" hreflang' not in html
    assert '<h1 lang="vi">Ia Grai Coffee Cooperative</h1><span class="badge badge--lang" lang="en">' in html
    assert '<dd lang="vi">Nguyễn Văn An</dd>' in html and '<span lang="vi">Thôn Hợp Thành, ' in html
    assert '(formerly: <span lang="vi">Huyện Ia Grai</span>)' in html
    assert "<dt>Representative</dt>" in html
    vietnamese = client.get("/co-so/ia-grai-coffee/").content.decode()
    assert '<link rel="alternate" hreflang' not in vietnamese and "<h1>Ia Grai Coffee Cooperative</h1>\n" in vietnamese
    sitemap = sitemap_text(client)
    assert f"{settings.SITE_URL}/co-so/ia-grai-coffee/" in sitemap and "/en/co-so/" not in sitemap
    assert f"{settings.SITE_URL}/en/san-pham/ca-phe/" in sitemap  # translated pages keep their English entry
