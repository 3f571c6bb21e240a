"""Lists on the English site (issue 13): every card, feed item and search hit of a page that has a live English
translation shows its English title and summary under /en/; the others show their Vietnamese text marked
``lang="vi"`` with the visible "In Vietnamese, not translated yet" label. Each story is listed once (by its
Vietnamese source) and resolving the translations costs one query per list, whatever its length."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from core.models import SiteSettings
from core.translation import language_of, show_in_language
from home.models import HomePage
from news.models import NewsPage
from tests.factories import (
    ArtisanPageFactory,
    BulletinPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    NewsPageFactory,
    ProductPageFactory,
)
from tests.factories.news import bulletin_index, news_index
from tests.translating import translate

pytestmark = pytest.mark.django_db

LABEL = "In Vietnamese, not translated yet"
FAIR_VI = "Khai mạc Hội chợ công thương Gia Lai"
FAIR_EN = "Gia Lai trade fair opens"


def card(html, slug):
    """The card (article element) of the page whose address ends in ``slug``/."""
    match = re.search(
        r'<article class="card[^"]*">(?:(?!</article>).)*?' + re.escape(f"{slug}/") + r".*?</article>", html, re.S
    )
    assert match, f"no card for {slug}"
    return match.group(0)


@pytest.fixture
def stories(home_page):
    """Two articles: one with a published English translation, one without; an English news index and English
    site name."""
    settings_row = SiteSettings.load()
    settings_row.site_name_en = "Gia Lai Industrial Promotion Center"
    settings_row.save()
    translate(news_index(), title="News", intro="Industrial promotion news.")
    fair = NewsPageFactory(
        title=FAIR_VI, slug="khai-mac-hoi-cho", summary="Hơn một trăm gian hàng.", date=datetime.date(2026, 11, 20)
    )
    translate(fair, title=FAIR_EN, summary="More than one hundred stalls.")
    plain = NewsPageFactory(
        title="Tập huấn sản xuất sạch hơn", slug="tap-huan", summary="Lớp tập huấn.", date=datetime.date(2026, 11, 10)
    )
    return {"fair": fair, "plain": plain}


def assert_english_and_vietnamese_cards(html):
    fair = card(html, "/en/tin-tuc/khai-mac-hoi-cho")
    assert FAIR_EN in fair and "More than one hundred stalls." in fair
    assert FAIR_VI not in fair and 'lang="vi"' not in fair and LABEL not in fair
    plain = card(html, "/en/tin-tuc/tap-huan")
    assert re.search(r'<h3 class="card__title" lang="vi"><a href="/en/tin-tuc/tap-huan/">Tập huấn', plain)
    assert '<p class="news-card__summary" lang="vi">Lớp tập huấn.' in plain
    assert f'<span class="badge badge--lang" lang="en">{LABEL}</span>' in plain
    assert html.count("tin-tuc/khai-mac-hoi-cho/") == 1 and html.count("tin-tuc/tap-huan/") == 1


def test_english_news_index_shows_each_story_in_english_where_translated(client, stories):
    assert_english_and_vietnamese_cards(client.get("/en/tin-tuc/").content.decode())
    vietnamese = client.get("/tin-tuc/").content.decode()
    assert FAIR_VI in vietnamese and FAIR_EN not in vietnamese and LABEL not in vietnamese
    assert 'lang="vi"' not in card(vietnamese, "/tin-tuc/khai-mac-hoi-cho")


def test_english_home_latest_news_and_highlights_in_english(client, home_page, stories):
    home = HomePage.objects.get(pk=home_page.pk)
    home.sections = [
        (
            "highlights",
            {"heading": "Tin nổi bật", "items": [{"page": stories["plain"], "title": "", "text": "", "image": None}]},
        ),
        ("latest_news", {"heading": "Tin mới", "count": 4, "category": None}),
    ]
    home.save_revision().publish()
    translate(
        home,
        title="Home",
        sections=[
            (
                "highlights",
                {
                    "heading": "Highlights",
                    "items": [{"page": stories["plain"], "title": "", "text": "", "image": None}],
                },
            ),
            ("latest_news", {"heading": "Latest news", "count": 4, "category": None}),
        ],
    )
    html = client.get("/en/").content.decode()
    latest = html[html.index("Latest news") :]
    fair = card(latest, "/en/tin-tuc/khai-mac-hoi-cho")
    assert FAIR_EN in fair and 'lang="vi"' not in fair
    highlights = html[html.index("Highlights") : html.index("Latest news")]
    assert '<h3 class="card__title" lang="vi"><a href="/en/tin-tuc/tap-huan/">Tập huấn' in highlights
    assert LABEL in highlights and '<p class="highlight__text" lang="vi">Lớp tập huấn.' in highlights
    # once translated, the highlighted story is English there too
    translate(stories["plain"], title="Cleaner production training", summary="A training course.")
    html = client.get("/en/").content.decode()
    highlights = html[html.index("Highlights") : html.index("Latest news")]
    assert '<h3 class="card__title"><a href="/en/tin-tuc/tap-huan/">Cleaner production training</a>' in highlights
    assert LABEL not in highlights and "A training course." in highlights


def test_resolving_a_list_costs_one_query_whatever_its_length(stories):
    for number in range(6):
        NewsPageFactory(title=f"Tin {number}", slug=f"tin-them-{number}", no_image=True)
    articles = list(NewsPage.objects.filter(locale__language_code="vi"))
    assert len(articles) == 8
    language_of(articles[0])  # the locales, read once per page-cache generation (each factory above started one)
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        show_in_language(articles)
    assert len(queries) == 1
    assert {a.title for a in articles if a.content_language == "en"} == {FAIR_EN}
    articles = list(NewsPage.objects.filter(locale__language_code="vi"))
    with translation.override("vi"), CaptureQueriesContext(connection) as queries:
        show_in_language(articles)
    assert len(queries) == 0


def test_english_news_index_queries_do_not_grow_with_the_list(client, stories):
    client.get("/en/tin-tuc/")  # warm the per-process caches (locales, settings)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/tin-tuc/?page=1&n=1")
    for number in range(5):
        translate(NewsPageFactory(title=f"Tin {number}", slug=f"tin-them-{number}"), title=f"Story {number}")
    client.get("/en/tin-tuc/?page=1&n=3")  # the new pictures' renditions are made on their first display
    with CaptureQueriesContext(connection) as more:
        html = client.get("/en/tin-tuc/?page=1&n=2").content.decode()
    assert "Story 4" in html
    assert len(more) == len(few)


def test_feeds_are_in_the_language_of_their_address(client, stories):
    english = client.get("/en/tin-tuc/rss/").content.decode()
    assert "<title>News – Gia Lai Industrial Promotion Center</title>" in english
    assert "<language>en</language>" in english
    assert f"<title>{FAIR_EN}</title>" in english
    assert "More than one hundred stalls." in english and FAIR_VI not in english
    assert "<title>Tập huấn sản xuất sạch hơn</title>" in english  # untranslated: Vietnamese text
    assert english.count("tin-tuc/khai-mac-hoi-cho/</link>") == 1
    vietnamese = client.get("/tin-tuc/rss/").content.decode()
    assert "<language>vi</language>" in vietnamese
    assert "<title>Tin tức – " in vietnamese and "Industrial Promotion" not in vietnamese
    assert f"<title>{FAIR_VI}</title>" in vietnamese and FAIR_EN not in vietnamese
    atom = client.get("/en/tin-tuc/atom/").content.decode()
    assert 'xml:lang="en"' in atom and "News – Gia Lai Industrial Promotion Center" in atom


@pytest.fixture
def registry(home_page):
    """A village and an artisan in it, each with an English translation, and an untranslated village."""
    village = CraftVillagePageFactory(title="Làng dệt thổ cẩm Phung", slug="lang-phung", main_trade="Dệt thổ cẩm")
    translate(village, title="Phung brocade village", main_trade="Brocade weaving")
    CraftVillagePageFactory(title="Làng rèn Hà Tam", slug="lang-ren", main_trade="Rèn")
    artisan = ArtisanPageFactory(title="Rơ Châm H'Lin", slug="hlin", trade="Dệt thổ cẩm", craft_village=village)
    translate(artisan, title="Ro Cham H'Lin (English)", trade="Brocade weaving")
    return {"village": village, "artisan": artisan}


def test_village_and_artisan_cards_and_links_in_english(client, registry):
    villages = client.get("/en/lang-nghe/").content.decode()
    assert '<h3 class="card__title"><a href="/en/lang-nghe/lang-phung/">Phung brocade village</a></h3>\n' in villages
    assert re.search(
        r'<h3 class="card__title" lang="vi"><a href="/en/lang-nghe/lang-ren/">Làng rèn Hà Tam</a></h3>'
        + re.escape(f'<span class="badge badge--lang" lang="en">{LABEL}</span>'),
        villages,
    )
    artisans = client.get("/en/nghe-nhan/").content.decode()
    assert '<a href="/en/nghe-nhan/hlin/">Ro Cham H&#x27;Lin (English)</a></h3>\n' in artisans
    artisan = client.get("/en/nghe-nhan/hlin/").content.decode()  # the artisan's village, linked in English
    assert '<a href="/en/lang-nghe/lang-phung/">Phung brocade village</a>' in artisan
    village = client.get("/en/lang-nghe/lang-phung/").content.decode()  # the village's artisans
    assert '<a href="/en/nghe-nhan/hlin/">Ro Cham H&#x27;Lin (English)</a>' in village
    assert "Phung brocade village" not in client.get("/lang-nghe/").content.decode()


def test_site_search_hits_in_english_where_translated(client, registry, stories):
    html = client.get("/en/tim-kiem/?q=phung").content.decode()
    assert '<h2 class="search-hit__title"><a href="/en/lang-nghe/lang-phung/">' in html
    assert "Phung brocade village" in html.replace("<mark>", "").replace("</mark>", "")
    html = client.get("/en/tim-kiem/?q=ha+tam").content.decode()
    assert re.search(r'<h2 class="search-hit__title" lang="vi"><a href="/en/lang-nghe/lang-ren/">', html)
    assert LABEL in html
    vietnamese = client.get("/tim-kiem/?q=phung").content.decode()
    assert (
        "Phung brocade village" not in vietnamese.replace("<mark>", "").replace("</mark>", "")
        and LABEL not in vietnamese
    )


def test_site_search_queries_do_not_grow_with_the_hits(client, stories):
    """One query per page type among the hits (Wagtail's ``specific()`` makes one more per type): no query per hit."""
    NewsPageFactory(title="Tin số 9", slug="tin-so-9", no_image=True)
    client.get("/en/tim-kiem/?q=tin")  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get("/en/tim-kiem/?q=tin&a=1")
    for number in range(4):
        translate(
            NewsPageFactory(title=f"Tin số {number}", slug=f"tin-so-{number}", no_image=True), title=f"Story {number}"
        )
    client.get("/en/tim-kiem/?q=tin")  # the writes started a new generation: warm the shared data again
    with CaptureQueriesContext(connection) as more:
        html = client.get("/en/tim-kiem/?q=tin&a=2").content.decode()
    assert "Story 3" in html.replace("<mark>", "").replace("</mark>", "")
    assert len(more) == len(few)


def test_bulletins_and_breadcrumbs_in_english(client, home_page):
    index = bulletin_index()
    translate(index, title="Bulletins")
    issue = BulletinPageFactory(title="Bản tin tháng Mười", slug="ban-tin-10")
    translate(issue, title="October bulletin")
    BulletinPageFactory(title="Bản tin tháng Chín", slug="ban-tin-9")
    html = client.get("/en/ban-tin/").content.decode()
    assert '<h2 class="card__title"><a href="/en/ban-tin/ban-tin-10/">October bulletin</a></h2>' in html
    assert '<h2 class="card__title" lang="vi"><a href="/en/ban-tin/ban-tin-9/">Bản tin tháng Chín</a></h2>' in html
    page = client.get("/en/ban-tin/ban-tin-9/").content.decode()
    assert '<li><a href="/en/">Home</a></li><li><a href="/en/ban-tin/">Bulletins</a></li>' in page


def test_verification_shows_the_english_product_title(client, home_page):
    product = ProductPageFactory(title="Cà phê rang xay", slug="ca-phe-rang")
    translate(product, title="Roasted ground coffee")
    certificate = CertificateFactory(product=product)
    html = client.get(f"/en/xac-minh/{certificate.verification_code}/").content.decode()
    assert "<h1>Roasted ground coffee</h1>" in html and "Cà phê rang xay" not in html
    other = CertificateFactory(product=ProductPageFactory(title="Tiêu Chư Sê", slug="tieu"))
    html = client.get(f"/en/xac-minh/{other.verification_code}/").content.decode()
    assert '<h1 lang="vi">Tiêu Chư Sê</h1>' in html


def test_a_story_highlighted_on_the_english_home_by_its_english_copy_is_not_repeated(client, home_page, stories):
    """The English home's highlights may point at the English page of a story: "Latest news" (Vietnamese sources)
    still leaves that story out."""
    english_fair = stories["fair"].get_translation(Locale.objects.get(language_code="en"))
    home = HomePage.objects.get(pk=home_page.pk)
    home.sections = [("latest_news", {"heading": "Tin mới", "count": 4, "category": None})]
    home.save_revision().publish()
    item = {"page": english_fair, "title": "", "text": "", "image": None}
    translate(
        home,
        title="Home",
        sections=[
            ("highlights", {"heading": "Highlights", "items": [item]}),
            ("latest_news", {"heading": "Latest news", "count": 4, "category": None}),
        ],
    )
    html = client.get("/en/").content.decode()
    assert html.count("tin-tuc/khai-mac-hoi-cho/") == 1
    assert f'<a href="/en/tin-tuc/khai-mac-hoi-cho/">{FAIR_EN}</a>' in html
