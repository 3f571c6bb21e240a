"""Issue 14, item 4: the data every visitor shares (the site of a host, the pages an address goes through, the menu,
the site settings, breadcrumbs, view restrictions) is read once per page-cache generation (core/shared_data.py,
core/routing.py) and stays right: a page published, renamed, moved, unpublished or deleted, a section added to the
menu, an English translation published, all show on the next request, in Vietnamese and under /en/. Wagtail's
routing rules are kept (sub-routes of routable pages, pages below a draft, 404s, redirects, the editors' userbar)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from core.models import SiteSettings
from core.page_cache import epoch
from home.models import StandardPage
from registry.catalogue.models import TraditionalTrade
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    NewsPageFactory,
    ProductPageFactory,
    StandardPageFactory,
    UserFactory,
    news_index,
    product_index,
)
from tests.translating import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    """The page cache off: every answer is rendered (what this file checks is what a page-cache miss shows)."""
    settings.PAGE_CACHE_SECONDS = 0


def _queries(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, url
    return [q["sql"] for q in queries.captured_queries], response.content.decode()


def test_a_page_is_routed_in_one_query_once_its_address_is_known(client, home_page):
    product = ProductPageFactory(title="Cà phê Ia Grai", slug="ca-phe-ia-grai")
    client.get(product.url)
    queries, html = _queries(client, product.url)
    assert "Cà phê Ia Grai" in html
    assert not [sql for sql in queries if '"wagtailcore_page"."slug" = ' in sql]  # no lookup per level
    assert not [sql for sql in queries if 'FROM "wagtailcore_site"' in sql or 'FROM "wagtailcore_locale"' in sql]
    assert not [sql for sql in queries if '"wagtailcore_page"."url_path" IN' in sql]  # the route is known
    first = queries[0]
    assert 'FROM "catalogue_productpage"' in first and '"catalogue_productpage"."page_ptr_id" = ' in first


def test_a_write_starts_a_new_epoch_and_a_cleared_cache_too(home_page):
    from django.core.cache import cache

    before = epoch()
    assert epoch() == before
    news_index().save_revision().publish()
    after = epoch()
    assert after != before
    cache.clear()
    assert epoch() not in (before, after)


def test_renamed_moved_unpublished_and_deleted_pages_are_routed_at_once(client, home_page):
    product = ProductPageFactory(title="Mật ong", slug="mat-ong")
    old = "/san-pham/mat-ong/"
    assert client.get(old).status_code == 200
    product.slug = "mat-ong-rung"
    product.save_revision().publish()
    assert client.get(old).status_code == 404
    assert client.get("/san-pham/mat-ong-rung/").status_code == 200
    assert client.get("/en/san-pham/mat-ong-rung/").status_code == 200

    first = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu")
    second = StandardPageFactory(parent=home_page, title="Liên hệ", slug="lien-he")
    moved = StandardPageFactory(parent=first, title="Lịch sử", slug="lich-su")
    assert client.get("/gioi-thieu/lich-su/").status_code == 200
    moved.move(second, pos="last-child")
    response = client.get("/gioi-thieu/lich-su/")  # Wagtail's automatic redirect to the new address
    assert response.status_code == 301 and response["Location"] == "/lien-he/lich-su/"
    assert client.get("/lien-he/lich-su/").status_code == 200

    product.refresh_from_db()
    product.unpublish()
    assert client.get("/san-pham/mat-ong-rung/").status_code == 404
    product.save_revision().publish()
    assert client.get("/san-pham/mat-ong-rung/").status_code == 200
    Page.objects.get(pk=product.pk).delete()
    assert client.get("/san-pham/mat-ong-rung/").status_code == 404
    assert client.get("/en/san-pham/mat-ong-rung/").status_code == 404


def test_an_address_changed_without_a_new_generation_is_routed_as_wagtail_does(client, home_page):
    """Rows changed behind the signals' back (a queryset update): the page read for the kept route no longer has
    the address, so Wagtail's own routing answers."""
    product = ProductPageFactory(title="Rượu cần", slug="ruou-can")
    assert client.get("/san-pham/ruou-can/").status_code == 200
    Page.objects.filter(pk=product.pk).update(
        slug="ruou-can-moi", url_path=product.url_path.replace("ruou-can", "ruou-can-moi")
    )
    assert client.get("/san-pham/ruou-can/").status_code == 404
    assert client.get("/san-pham/ruou-can-moi/").status_code == 200


def test_wagtail_routing_rules_are_kept(client, home_page):
    """Sub-routes of a routable page win over a child of the same slug; an address below a draft page is served
    when its own page is live; drafts and unknown addresses are 404; redirects still answer a 404."""
    index = news_index()
    NewsPageFactory(title="Tin rss", slug="rss")
    response = client.get(index.url + "rss/")
    assert response.status_code == 200 and "xml" in response["Content-Type"]
    story = NewsPageFactory(title="Tin năm 2026", slug="tin-nam-2026")
    story_url = story.url
    assert "Tin năm 2026" in client.get(story_url).content.decode()
    assert client.get(index.url + "2026/").status_code == 200

    draft_parent = StandardPageFactory(parent=home_page, title="Nháp", slug="nhap")
    child = StandardPageFactory(parent=draft_parent, title="Trang con", slug="trang-con")
    draft_parent.unpublish()
    assert client.get("/nhap/").status_code == 404
    assert client.get("/nhap/trang-con/").status_code == 200
    child.unpublish()
    assert client.get("/nhap/trang-con/").status_code == 404
    assert client.get("/khong-co/trang-nay/").status_code == 404
    assert client.get("/en/khong-co/").status_code == 404

    Redirect.objects.create(old_path="/trang-cu", redirect_page=story)
    response = client.get("/trang-cu/")
    assert response.status_code == 301 and response["Location"].endswith(story_url)


def test_the_menu_follows_publishing_in_both_languages(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Đề án", slug="de-an", show_in_menus=True)
    assert '<a href="/de-an/"' in client.get("/").content.decode().split("</header>")[0]
    translate(section, title="Projects")
    header = client.get("/en/").content.decode().split("</header>")[0]
    assert '<a href="/en/de-an/">Projects</a>' in header
    section.refresh_from_db()
    section.unpublish()
    assert 'href="/de-an/"' not in client.get("/").content.decode().split("</header>")[0]
    assert 'href="/en/de-an/"' not in client.get("/en/").content.decode().split("</header>")[0]


def test_breadcrumbs_follow_a_renamed_section_in_both_languages(client, home_page):
    index = product_index()
    product = ProductPageFactory(title="Gốm Plei Ơi", slug="gom-plei-oi")
    url = "/san-pham/gom-plei-oi/"
    assert ">Sản phẩm</a>" in client.get(url).content.decode()
    index.title = "Sản phẩm tiêu biểu"
    index.save_revision().publish()
    html = client.get(url).content.decode()
    assert ">Sản phẩm tiêu biểu</a>" in html.split('class="breadcrumbs"')[1]
    translate(index, title="Products")
    english = client.get("/en" + url).content.decode()
    assert '<a href="/en/san-pham/">Products</a>' in english.split('class="breadcrumbs"')[1]
    assert 'hreflang="en"' not in english.split("</head>")[0]  # the product itself has no English version
    translate(product, title="Plei Oi pottery")
    english = client.get("/en" + url).content.decode()
    assert "Plei Oi pottery" in english and 'hreflang="en"' in english.split("</head>")[0]
    assert 'hreflang="en"' in client.get(url).content.decode().split("</head>")[0]


def test_a_restriction_added_or_removed_is_seen_by_the_next_request(client, home_page):
    product = ProductPageFactory(title="Thổ cẩm", slug="tho-cam")
    assert client.get(product.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(product.url).status_code == 302
    assert "Thổ cẩm" not in client.get("/san-pham/").content.decode()
    restriction.delete()
    assert client.get(product.url).status_code == 200


def test_editors_still_get_the_userbar_and_drafts_stay_private(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Trang mới", slug="trang-moi")
    editor = UserFactory(superuser=True)
    client.force_login(editor)
    assert "wagtail-userbar" in client.get(page.url).content.decode()
    client.logout()
    assert "wagtail-userbar" not in client.get(page.url).content.decode()
    draft = StandardPage(title="Bản nháp", slug="ban-nhap", live=False)
    home_page.add_child(instance=draft)
    assert client.get("/ban-nhap/").status_code == 404


def _header(client, url):
    return client.get(url).content.decode().split("</header>")[0]


def test_the_shared_header_and_footer_keep_what_is_this_requests_own(client, home_page):
    """The brand, menu and footer are rendered once per generation, language and section; the menu item of the
    section being visited, the language links of this address and the search box's text are each request's."""
    product = ProductPageFactory(title="Gốm", slug="gom")
    news_index()
    header = _header(client, "/san-pham/gom/")
    assert '<a href="/san-pham/" aria-current="page"' in header
    assert 'href="/en/san-pham/gom/" lang="en"' in header
    header = _header(client, "/tin-tuc/")
    assert '<a href="/tin-tuc/" aria-current="page"' in header and '<a href="/san-pham/" aria-current' not in header
    assert 'href="/en/tin-tuc/" lang="en"' in header
    assert 'value="lua"' in _header(client, "/tim-kiem/?q=lua")
    assert 'value="gao"' in _header(client, "/tim-kiem/?q=gao")
    english = _header(client, "/en" + "/san-pham/gom/")
    assert '<a href="/en/san-pham/" aria-current="page"' in english and 'href="/san-pham/gom/" lang="vi"' in english
    assert product.title


def test_the_shared_header_and_footer_follow_the_site_settings(client, home_page):
    settings_row = SiteSettings.load()
    settings_row.site_name = "Trung tâm Khuyến công Gia Lai"
    settings_row.save()
    html = client.get("/").content.decode()
    assert html.count("Trung tâm Khuyến công Gia Lai") >= 2  # header and footer
    settings_row.site_name = "Trung tâm Khuyến công và Tư vấn"
    settings_row.site_name_en = "Industrial Promotion Center"
    settings_row.save()
    html = client.get("/").content.decode()
    header, footer = html.split("</header>")[0], html.split("<footer")[1]
    assert "Trung tâm Khuyến công và Tư vấn" in header and "Trung tâm Khuyến công và Tư vấn" in footer
    assert "Trung tâm Khuyến công Gia Lai" not in html
    english = client.get("/en/").content.decode()
    assert "Industrial Promotion Center" in english.split("</header>")[0]
    assert "Industrial Promotion Center" in english.split("<footer")[1]


def test_what_a_product_page_shows_beside_its_text_is_read_once_and_follows_every_write(client, home_page):
    """Producer, pictures, certificates and linked pages are shared data (issue 14, item 2): the next request reads
    only the product itself, and a certificate revoked, a producer corrected or an artisan unpublished shows at
    once."""
    certificate = CertificateFactory(product=ProductPageFactory(title="Cà phê bột Đắk Đoa"))
    product, producer = certificate.product, certificate.product.producer
    artisan = ArtisanPageFactory(title="Rơ Châm H'Nhí")
    product.artisans.set([artisan])
    product.save_revision().publish()
    client.get(product.url)
    queries, html = _queries(client, product.url)
    assert "Còn hiệu lực" in html and producer.name in html and "Rơ Châm H&#x27;Nhí" in html
    assert len(queries) == 1 and 'FROM "catalogue_productpage"' in queries[0]

    certificate.revoke("Cơ sở ngừng sản xuất.")
    assert "Đã thu hồi" in _queries(client, product.url)[1]
    producer.name = "Hợp tác xã Cà phê Đắk Đoa"
    producer.save()
    assert "Hợp tác xã Cà phê Đắk Đoa" in _queries(client, product.url)[1]
    artisan.unpublish()
    assert "Rơ Châm" not in _queries(client, product.url)[1]


def test_what_a_village_page_shows_beside_its_text_is_read_once_and_follows_publishing(client, home_page):
    """A village's traditional trades, pictures, products and artisans are shared data too: the next request reads
    only the village, and the next publish shows its new trade at once."""
    village = CraftVillagePageFactory(title="Làng dệt thổ cẩm Ia Mơ Nông")
    village.traditional_trades.add(TraditionalTrade(name="Dệt thổ cẩm", years_present=120))
    village.save_revision().publish()
    ProductPageFactory(title="Khăn thổ cẩm Jrai", craft_village=village)
    client.get(village.url)
    queries, html = _queries(client, village.url)
    assert "Dệt thổ cẩm" in html and "Khăn thổ cẩm Jrai" in html
    assert len(queries) == 1 and 'FROM "catalogue_craftvillagepage"' in queries[0]

    village.traditional_trades.add(TraditionalTrade(name="Đan lát mây tre", years_present=60))
    village.save_revision().publish()
    assert "Đan lát mây tre" in _queries(client, village.url)[1]
