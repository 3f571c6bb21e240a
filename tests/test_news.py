"""News: creating each page type in the admin, the listing (category filter, month archive, pagination, bad
input), article pages with sharing metadata, bulletins, calls for entries, and constant query counts."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import (
    AnnouncementPage,
    BulletinIndexPage,
    BulletinPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsRelatedProduct,
)
from registry.competitions.choices import CompetitionStatus
from registry.competitions.models import Competition
from tests.factories import (
    AnnouncementPageFactory,
    BulletinPageFactory,
    ImageFactory,
    NewsPageFactory,
    ProductPageFactory,
    UserFactory,
    bulletin_index,
    ensure_site,
    news_index,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def open_competition(**kwargs):
    today = datetime.date.today()
    defaults = {
        "name": "Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh 2026",
        "slug": "binh-chon-2026",
        "year": today.year,
        "status": CompetitionStatus.ENTRIES_OPEN,
        "entries_open_from": today - datetime.timedelta(days=10),
        "entries_open_until": today + datetime.timedelta(days=20),
    }
    return Competition.objects.create(**{**defaults, **kwargs})


class TestCreateInAdmin(WagtailPageTestCase):
    """Each page type can be created through the admin's add-page form."""

    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_site()
        cls.user = UserFactory(username="admin-news", superuser=True)

    def setUp(self):
        self.client.force_login(self.user)

    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage, AnnouncementPage})
        self.assertAllowedSubpageTypes(BulletinIndexPage, {BulletinPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_create_news_index_and_article(self):
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "Tin tức", "slug": "tin-tuc", "intro": "Tin mới."})
        )
        index = NewsIndexPage.objects.get()
        image = ImageFactory()
        category = NewsCategory.objects.get(slug="chinh-sach")
        product = ProductPageFactory()
        data = nested_form_data(
            {
                "title": "Chính sách khuyến công mới",
                "slug": "chinh-sach-khuyen-cong-moi",
                "date": "2026-03-15",
                "authors": "Nguyễn Thị Hoa, Trần Văn Minh",
                "category": category.pk,
                "featured_image": image.pk,
                "featured_image_caption": "Hội nghị phổ biến chính sách.",
                "summary": "Những điểm mới của Nghị định 235/2025/NĐ-CP.",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Nghị định mở rộng đối tượng thụ hưởng.</p>")),
                        ("quote", {"text": "Khuyến công đồng hành cùng cơ sở.", "attribution": "Giám đốc"}),
                    ]
                ),
                "related_product_links": inline_formset([{"product": product.pk}]),
                "related_village_links": inline_formset([]),
                "related_artisan_links": inline_formset([]),
            }
        )
        data["programme_contents"] = [1, 2]
        self.assertCanCreate(index, NewsPage, data)
        article = NewsPage.objects.get(slug="chinh-sach-khuyen-cong-moi")
        assert article.category == category
        assert article.author_list == ["Nguyễn Thị Hoa", "Trần Văn Minh"]
        assert [block.block_type for block in article.body] == ["paragraph", "quote"]
        assert article.programme_contents.count() == 2
        assert [link.product for link in article.related_product_links.all()] == [product]

    def test_create_bulletin_and_announcement(self):
        bulletins = bulletin_index()
        data = nested_form_data(
            {
                "title": "Bản tin tháng 3/2026",
                "slug": "ban-tin-2026-03",
                "issue_number": 3,
                "issue_date": "2026-03-01",
                "summary": "Tin tháng ba.",
                "contents": streamfield([("entry", {"title": "Hội chợ sản phẩm", "page_number": 2})]),
            }
        )
        self.assertCanCreate(bulletins, BulletinPage, data)
        assert BulletinPage.objects.get().contents[0].value["title"] == "Hội chợ sản phẩm"

        competition = open_competition()
        data = nested_form_data(
            {
                "title": "Thông báo nhận hồ sơ bình chọn 2026",
                "slug": "thong-bao-2026",
                "competition": competition.pk,
                "date": "2026-03-01",
                "summary": "Nhận hồ sơ đến hết tháng.",
                "body": rich_text("<p>Hồ sơ gồm phiếu đăng ký.</p>"),
            }
        )
        self.assertCanCreate(news_index(), AnnouncementPage, data)
        assert AnnouncementPage.objects.get().competition == competition


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_listing_category_filter_and_month_archive(client):
    policy = NewsCategory.objects.get(slug="chinh-sach")
    NewsPageFactory(title="Tin chính sách tháng 3", category=policy, date=datetime.date(2026, 3, 10))
    NewsPageFactory(title="Tin hoạt động tháng 3", date=datetime.date(2026, 3, 2))
    NewsPageFactory(title="Tin hoạt động tháng 2", date=datetime.date(2026, 2, 20))
    NewsPageFactory(title="Bản nháp", live=False)

    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert titles(response) == ["Tin chính sách tháng 3", "Tin hoạt động tháng 3", "Tin hoạt động tháng 2"]
    assert "Bản nháp" not in response.content.decode()

    response = client.get("/tin-tuc/chuyen-muc/chinh-sach/")
    assert titles(response) == ["Tin chính sách tháng 3"]
    assert "<h1>Chính sách</h1>" in response.content.decode()

    response = client.get("/tin-tuc/2026/3/")
    assert titles(response) == ["Tin chính sách tháng 3", "Tin hoạt động tháng 3"]
    assert "Tin tháng 03/2026" in response.content.decode()
    assert titles(client.get("/tin-tuc/2026/")) == [
        "Tin chính sách tháng 3",
        "Tin hoạt động tháng 3",
        "Tin hoạt động tháng 2",
    ]
    archive = [(m["year"], m["month"], m["count"]) for m in response.context["archive"]]
    assert archive == [(2026, 3, 2), (2026, 2, 1)]


@pytest.mark.parametrize(
    "url, status",
    [
        ("/tin-tuc/?page=abc", 200),
        ("/tin-tuc/?page=-1", 200),
        ("/tin-tuc/?page=99999", 200),
        ("/tin-tuc/?page=%00%27", 200),
        ("/tin-tuc/chuyen-muc/khong-co/", 404),
        ("/tin-tuc/chuyen-muc/khong-co/rss/", 404),
        ("/tin-tuc/2026/13/", 404),
        ("/tin-tuc/0/", 404),
        ("/tin-tuc/99999/1/", 404),
    ],
)
def test_bad_listing_input_is_a_clear_4xx_or_a_normal_page(client, url, status):
    NewsPageFactory()
    assert client.get(url).status_code == status


def test_pagination_clamps_and_links(client):
    for i in range(14):
        NewsPageFactory(date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i))
    first = client.get("/tin-tuc/")
    assert len(first.context["articles"]) == 12
    assert 'href="?page=2"' in first.content.decode()
    last = client.get("/tin-tuc/?page=999")
    assert last.context["page_obj"].number == 2 and len(last.context["articles"]) == 2
    assert client.get("/tin-tuc/?page=abc").context["page_obj"].number == 1


def test_article_page_shows_content_and_sharing_metadata(client):
    product = ProductPageFactory(title="Cà phê bột Chư Sê")
    article = NewsPageFactory(
        title="Hỗ trợ máy rang cà phê",
        featured_image_caption="Máy rang mới của hợp tác xã.",
        body=[("paragraph", "<p>Dây chuyền rang xay 500 kg mỗi ngày.</p>")],
    )
    NewsRelatedProduct.objects.create(page=article, product=product)
    html = client.get(article.url).content.decode()
    assert "<h1>Hỗ trợ máy rang cà phê</h1>" in html
    assert "Dây chuyền rang xay 500 kg mỗi ngày." in html
    assert "Máy rang mới của hợp tác xã." in html
    assert "Cà phê bột Chư Sê" in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="http[^"]+\.jpg">', html)
    assert '<meta name="twitter:image"' in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(ld)["headline"] == "Hỗ trợ máy rang cà phê"


def test_bulletins_listing_and_issue(client):
    BulletinPageFactory(title="Bản tin tháng 10", issue_date=datetime.date(2026, 10, 1), contents=[])
    BulletinPageFactory(
        title="Bản tin tháng 11",
        issue_date=datetime.date(2026, 11, 1),
        contents=[("entry", {"title": "Hội chợ sản phẩm tiêu biểu", "page_number": 3})],
    )
    response = client.get("/ban-tin/")
    assert [issue.title for issue in response.context["page_obj"]] == ["Bản tin tháng 11", "Bản tin tháng 10"]
    issue = BulletinPage.objects.get(title="Bản tin tháng 11")
    html = client.get(issue.url).content.decode()
    assert "Hội chợ sản phẩm tiêu biểu" in html and "tr. 3" in html
    assert client.get("/ban-tin/?page=zzz").status_code == 200


def test_call_for_entries_shown_only_while_entries_are_open(client):
    competition = open_competition()
    call = AnnouncementPageFactory(title="Thông báo nhận hồ sơ 2026", competition=competition)
    NewsPageFactory()
    assert "Thông báo nhận hồ sơ 2026" in client.get("/tin-tuc/").content.decode()
    assert "Đang nhận hồ sơ" in client.get(call.url).content.decode()

    competition.status = CompetitionStatus.SCORING
    competition.save()
    assert "Thông báo nhận hồ sơ 2026" not in client.get("/tin-tuc/").content.decode()
    assert "Đã hết hạn nhận hồ sơ" in client.get(call.url).content.decode()
    assert list(AnnouncementPage.objects.open_for_entries()) == []


def test_news_pages_are_in_the_sitemap(client):
    article = NewsPageFactory(slug="tin-trong-sitemap")
    sitemap = sitemap_text(client)
    assert article.url in sitemap
    assert "/tin-tuc/chuyen-muc/hoat-dong-khuyen-cong/</loc>" in sitemap
    assert "/tin-tuc/chuyen-muc/chinh-sach/</loc>" not in sitemap  # no articles in it


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _articles(count, category):
    for i in range(count):
        NewsPageFactory(category=category, date=datetime.date(2026, 1 + i % 12, 1 + i % 27))


@pytest.mark.parametrize("url", ["/tin-tuc/", "/tin-tuc/chuyen-muc/lang-nghe/", "/tin-tuc/2026/1/", "/tin-tuc/rss/"])
def test_listing_query_count_does_not_grow_with_articles(client, url, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache off: count what rendering the listing costs
    category = NewsCategory.objects.get(slug="lang-nghe")
    competition = open_competition()
    AnnouncementPageFactory(competition=competition)
    _articles(3, category)
    client.get(url)  # warm caches (site root, settings); a feed's first visit may create the settings row
    client.get(url)  # and so start a new generation: the shared site data is read again once
    small = _queries(client, url)
    _articles(27, category)
    client.get(url)  # the first visit creates the new pictures' renditions
    assert _queries(client, url) == small


def test_index_pages_are_unique():
    news_index()
    assert not NewsIndexPage.can_create_at(Page.objects.get(pk=ensure_site().pk))
