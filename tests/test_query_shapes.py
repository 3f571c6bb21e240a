"""No public page sends the same query twice with other values (issue 14): a repeated query shape is a loop that
should be one query (a prefetch, a lookup read once per request). The one explained repetition is Wagtail's routing,
which looks up each level of the address by its slug (``/san-pham/<slug>/``: the section, then the page)."""

import collections
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.models import SiteSettings
from news.models import NewsRelatedProduct
from registry.catalogue.models import ArtisanTitle, TitleKind
from registry.competitions.choices import CompetitionStatus
from registry.competitions.services import council
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ImageFactory,
    NewsPageFactory,
    ProducerFactory,
    ProductPageFactory,
    UserFactory,
    artisan_index,
    competition_index,
    news_index,
    product_index,
)
from tests.test_competitions_results import DECISION, scored  # noqa: F401  (the results fixture)
from tests.test_home import ALL_SECTIONS, arrange
from tests.translating import translate

pytestmark = pytest.mark.django_db

_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
_LISTS = re.compile(r"\((?:\?|%s)(?:, (?:\?|%s))*\)")


def shape(sql):
    """``sql`` with its values replaced by ``?`` and lists of values by ``(…)``: equal for the same query run with
    other values."""
    return _LISTS.sub("(…)", _LITERALS.sub("?", sql))


def is_routing(sql):
    """Wagtail's routing: one lookup of a child page by slug per level of the address (``Page.route``)."""
    return '"wagtailcore_page"."slug" = ' in sql


def is_picture_prefetch(sql):
    """The pictures of one list of cards, prefetched (``prefetch_related("…image__renditions")``): one query per
    list (the home page has two lists, products and news); a lookup per picture has another shape."""
    return (
        sql.startswith('SELECT "wagtailimages_rendition"') and 'WHERE "wagtailimages_rendition"."image_id" IN (' in sql
    )


def is_english_lookup(sql):
    """Which pages have an English translation (``core.translation.translated_keys``) and their live English copies
    (``core.translation.show_in_language``): asked once by each part of an English page (menu, breadcrumbs, hreflang
    links, the page itself, each list of cards) for its own pages."""
    return '"wagtail_localize_translationsource"."object_id" IN (' in sql or (
        '"wagtailcore_locale"."language_code" = \'en\'' in sql and '"wagtailcore_page"."translation_key" IN (' in sql
    )


def repeated_shapes(queries, allowed=(is_routing, is_picture_prefetch)):
    """{shape: count} of the shapes sent more than once, leaving out those ``allowed`` explains."""
    counts = collections.Counter(
        shape(q["sql"]) for q in queries if not any(explained(q["sql"]) for explained in allowed)
    )
    return {sql: n for sql, n in counts.items() if n > 1}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Render every request (what a visitor gets on a page-cache miss)."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("core.page_cache.")]


def page_queries(client, url):
    """The queries of a second anonymous request for ``url`` (the first makes renditions)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response and queries.captured_queries  # rendered, not served from the page cache
    return queries.captured_queries


@pytest.fixture
def site(home_page):
    """A small registry on every page type: products with pictures, certificates (one revoked), a gallery, artisans
    with titles, a craft village, news linked to a product, and a home page with every section."""
    image = ImageFactory()
    producer = ProducerFactory(logo=image)
    village = CraftVillagePageFactory(hero_image=image, commune=producer.commune, is_recognized=True)
    kinds = list(TitleKind.objects.all()[:2])
    products = []
    for n in range(3):
        artisan = ArtisanPageFactory(portrait=image, craft_village=village, commune=producer.commune)
        for kind in kinds:
            ArtisanTitle.objects.create(page=artisan, kind=kind)
        product = ProductPageFactory(
            title=f"Cà phê thổ cẩm {n}", producer=producer, hero_image=image, craft_village=village
        )
        product.artisans.set([artisan])
        product.gallery_images.create(image=image, caption="Ảnh")
        product.save()
        CertificateFactory(product=product)
        CertificateFactory(product=product, revoked=True, year=2023)
        products.append(product)
    news = [NewsPageFactory(title=f"Tin cà phê {n}") for n in range(3)]
    for article in news:
        NewsRelatedProduct.objects.create(page=article, product=products[0])
    items = [{"page": page, "title": "", "text": "", "image": None} for page in (news[0], products[1])]
    arrange(home_page, [("highlights", {"heading": "Nổi bật", "items": items})] + ALL_SECTIONS)
    return {"product": products[0], "village": village, "news": news[0]}


PAGES = {
    "home": lambda s: "/",
    "product": lambda s: s["product"].url,
    "village": lambda s: s["village"].url,
    "artisan": lambda s: s["product"].artisans.first().url,
    "news": lambda s: s["news"].url,
    "news index": lambda s: news_index().url,
    "catalogue search": lambda s: "/san-pham/?q=ca+phe&group=processed-food",
    "site search": lambda s: "/tim-kiem/?q=ca+phe",
    "verification": lambda s: s["product"].certificates.first().get_verification_path(),
    "village list": lambda s: "/lang-nghe/",
    "artisan list": lambda s: "/nghe-nhan/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_repeats_no_query(client, site, name):
    assert repeated_shapes(page_queries(client, PAGES[name](site))) == {}


@pytest.mark.parametrize("name", ["home", "product", "village", "news"])
def test_public_page_repeats_no_query_in_english(client, site, name):
    """On the English site the wagtail-localize lookup is still asked once per part of the page (left to
    core/translation.py: a per-request answer for every part needs the keys of all parts at once)."""
    allowed = (is_routing, is_picture_prefetch, is_english_lookup)
    assert repeated_shapes(page_queries(client, "/en" + PAGES[name](site)), allowed) == {}


def test_results_page_repeats_no_query(client, scored):  # noqa: F811
    competition, _jurors, coffee, _honey, brocade = scored
    manager = UserFactory()
    competition.status = CompetitionStatus.DECIDED
    competition.save()
    for entry in (coffee, brocade):
        council.decide(entry, manager, True, "1/QĐ", DECISION)
    council.issue_certificates(competition, manager)
    competition.status = CompetitionStatus.PUBLISHED
    competition.save()
    url = competition_index().url + f"{competition.slug}/ket-qua/"
    assert repeated_shapes(page_queries(client, url)) == {}


def _count(queries, text):
    return sum(text in q["sql"] for q in queries)


def test_view_restrictions_are_read_once_per_generation(client, site):
    """Read by the first request after a public write (once, however many lists ask), then by none until the next
    write (core/shared_data.py)."""
    restrictions = 'FROM "wagtailcore_pageviewrestriction"'
    assert _count(page_queries(client, "/"), restrictions) == 0
    news_index().save_revision().publish()
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    assert _count(first.captured_queries, restrictions) == 1
    assert _count(page_queries(client, "/"), restrictions) == 0


def test_a_repeated_query_is_found():
    """The detector itself: the same lookup with two values is one shape; routing is left out."""
    with CaptureQueriesContext(connection) as queries:
        list(Page.objects.filter(pk=1))
        list(Page.objects.filter(pk=2))
        list(Page.objects.filter(pk__in=[1, 2, 3]))
        list(Page.objects.filter(pk__in=[4]))
    assert list(repeated_shapes(queries.captured_queries).values()) == [2, 2]
    assert is_routing(str(Page.objects.filter(slug="san-pham").query))


def test_private_pages_stay_private_with_restrictions_read_once(client, site):
    """A page under a login restriction is left out of listings, menus and search, and asks for a login, as in
    Wagtail; a restriction added between two requests is seen by the next one."""
    product = site["product"]
    assert product.title in client.get("/san-pham/").content.decode()
    PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.LOGIN)
    assert product.title not in client.get("/san-pham/").content.decode()
    assert product.title not in client.get("/tim-kiem/?q=ca+phe").content.decode()
    response = client.get(product.url)
    assert response.status_code == 302 and "login" in response["Location"]
    village_index = site["village"].get_parent()
    PageViewRestriction.objects.create(page=village_index, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(site["village"].url).status_code == 302
    header = client.get("/").content.decode().split("</header>")[0]
    assert 'href="/nghe-nhan/"' in header and 'href="/lang-nghe/"' not in header  # the menu hides private sections


def test_a_translated_artisan_and_product_are_listed_once_on_their_village(client, site):
    """An English copy points at the same village: the village page lists each artisan and product once, by its
    Vietnamese page (it listed the copy too, under /en/, and looked up its locale for that)."""
    village = site["village"]
    artisan, product = site["product"].artisans.first(), site["product"]
    translate(artisan_index(), title="Artisans")
    translate(product_index(), title="Products")
    translate(artisan, title="Artisan in English")
    translate(product, title="Product in English")
    html = client.get(village.url).content.decode()
    assert html.count(f'href="{artisan.url}"') == 1 and "/en/nghe-nhan/" not in html
    assert html.count(f'href="{product.url}"') == 1 and "/en/san-pham/" not in html


def test_menu_and_site_settings_are_read_once_per_generation_with_the_logo(client, site):
    """The header and footer read the menu in one query and the site settings with their logo in one, in the first
    request after a public write only, and show an editor's change on the next request."""
    row = SiteSettings.load()
    row.logo = ImageFactory()
    row.save()
    with CaptureQueriesContext(connection) as first:
        assert client.get("/tin-tuc/").status_code == 200
    queries = [q["sql"] for q in first.captured_queries]
    assert len([sql for sql in queries if 'FROM "core_sitesettings"' in sql]) == 1
    assert len([sql for sql in queries if "show_in_menus" in sql.partition(" WHERE ")[2]]) == 1
    assert not [
        sql for sql in queries if sql.startswith('SELECT "wagtailimages_image"') and "core_sitesettings" not in sql
    ]
    queries = [q["sql"] for q in page_queries(client, "/tin-tuc/")]
    assert not [
        sql for sql in queries if 'FROM "core_sitesettings"' in sql or "show_in_menus" in sql.partition(" WHERE ")[2]
    ]
    assert 'src="/media/' in client.get("/tin-tuc/").content.decode().split("</header>")[0]  # the logo, kept
    row.phone = "0269 3 822 999"
    row.save()
    index = news_index()
    index.title = "Tin tức mới"
    index.save_revision().publish()
    html = client.get("/").content.decode()
    assert "0269 3 822 999" in html and "Tin tức mới" in html.split("</header>")[0]
