"""The home page: editor-arranged sections (highlights, latest news, featured recognized products, villages map,
open competitions, key figures) with data computed from the registry, rendered even when the registry is empty."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage
from home.sections import key_figures
from registry.competitions.choices import CompetitionStatus
from registry.competitions.models import Competition
from tests.factories import (
    AnnouncementPageFactory,
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    NewsPageFactory,
    ProductPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ALL_SECTIONS = [
    ("key_figures", {"heading": "Con số khuyến công"}),
    ("featured_products", {"heading": "Sản phẩm tiêu biểu", "count": 8, "products": []}),
    ("open_competitions", {"heading": "Bình chọn đang mở", "text": ""}),
    ("latest_news", {"heading": "Tin mới nhất", "count": 4, "category": None}),
    ("villages_map", {"heading": "Bản đồ làng nghề", "text": "Làng nghề Gia Lai.", "count": 3}),
]


def arrange(home, sections):
    home = HomePage.objects.get(pk=home.pk)  # fresh: the tree counters change as pages are added
    home.sections = sections
    home.save_revision().publish()
    return home


def test_home_renders_every_section_with_an_empty_registry(client, home_page):
    arrange(home_page, ALL_SECTIONS)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for _type, value in ALL_SECTIONS:
        assert value["heading"] in html
    assert "Chưa có sản phẩm được công nhận còn hiệu lực." in html
    assert "Hiện chưa có cuộc bình chọn nào đang nhận hồ sơ." in html
    assert "Chưa có tin bài nào." in html


def test_key_figures_count_only_recognized_records(client, home_page):
    CertificateFactory(product=ProductPageFactory(title="Cà phê còn hiệu lực"))
    CertificateFactory(product=ProductPageFactory(title="Cà phê còn hiệu lực 2"))
    CertificateFactory(product=ProductPageFactory(title="Hết hạn"), expired=True)
    CertificateFactory(product=ProductPageFactory(title="Thu hồi"), revoked=True)
    ProductPageFactory(title="Chưa công nhận")
    CraftVillagePageFactory(is_recognized=True)
    CraftVillagePageFactory(is_recognized=False)
    ArtisanPageFactory()
    # Recognized = a certificate that is not revoked; the expired one still counts (CertificateQuerySet.recognised).
    assert key_figures() == {"products": 3, "villages": 1, "artisans": 1, "competitions": 0}

    arrange(home_page, ALL_SECTIONS)
    html = client.get("/").content.decode()
    assert "Cà phê còn hiệu lực" in html
    assert "Hết hạn" not in html and "Thu hồi" not in html and "Chưa công nhận" not in html
    assert '<span class="figure__value">3</span>' in html


def test_open_competitions_show_deadline_and_call_for_entries(client, home_page):
    today = datetime.date.today()
    competition = Competition.objects.create(
        name="Bình chọn sản phẩm CNNT tiêu biểu 2026",
        slug="binh-chon-2026",
        year=today.year,
        status=CompetitionStatus.ENTRIES_OPEN,
        entries_open_from=today - datetime.timedelta(days=3),
        entries_open_until=today + datetime.timedelta(days=12),
    )
    Competition.objects.create(name="Bình chọn nháp", slug="nhap", year=today.year)
    call = AnnouncementPageFactory(competition=competition)
    arrange(home_page, ALL_SECTIONS)
    html = client.get("/").content.decode()
    assert "Bình chọn sản phẩm CNNT tiêu biểu 2026" in html
    assert "Bình chọn nháp" not in html
    assert competition.entries_open_until.strftime("%d/%m/%Y") in html
    assert "còn 12 ngày" in html
    assert f'href="{call.url}"' in html


def test_highlights_and_latest_news(client, home_page):
    picked = NewsPageFactory(title="Tin được chọn nổi bật", date=datetime.date(2025, 1, 1))
    for i in range(5):
        NewsPageFactory(title=f"Tin mới {i}", date=datetime.date(2026, 11, 1 + i))
    items = [{"page": picked, "title": "", "text": "Lời dẫn của biên tập viên.", "image": None}]
    arrange(home_page, [("highlights", {"heading": "Nổi bật", "items": items})] + ALL_SECTIONS)
    response = client.get("/")
    html = response.content.decode()
    assert "Tin được chọn nổi bật" in html and "Lời dẫn của biên tập viên." in html
    assert html.index("Tin mới 4") < html.index("Tin mới 1")
    assert "Tin mới 0" not in html  # four latest only
    assert html.index("Nổi bật") < html.index("Con số khuyến công")  # the editor's order


def test_editor_arranges_sections_in_the_admin(client, home_page):
    client.force_login(UserFactory(username="home-admin", superuser=True))
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "hero_title": "Tinh hoa nghề Việt",
            "sections": streamfield(
                [
                    ("key_figures", {"heading": "Số liệu"}),
                    (
                        "text",
                        {
                            "heading": "Lời chào",
                            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Xin chào", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
                        },
                    ),
                ]
            ),
            "action-publish": "1",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(home_page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    home = HomePage.objects.get(pk=home_page.pk)
    assert [block.block_type for block in home.sections] == ["key_figures", "text"]
    html = client.get("/").content.decode()
    assert "Số liệu" in html and "Xin chào" in html


def _registry(count, offset):
    for i in range(count):
        product = ProductPageFactory()
        CertificateFactory(product=product)
        CraftVillagePageFactory(is_recognized=True)
        ArtisanPageFactory()
        NewsPageFactory(date=datetime.date(2026, 1, 1) + datetime.timedelta(days=offset + i))


def _queries(client):
    client.get("/")  # renditions of new pictures are created on the first visit
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


def test_home_query_count_does_not_grow_with_the_registry(client, home_page):
    picked = NewsPageFactory(title="Nổi bật")
    items = [{"page": picked, "title": "", "text": "", "image": None}]
    arrange(home_page, [("highlights", {"heading": "Nổi bật", "items": items})] + ALL_SECTIONS)
    _registry(2, 0)
    small = _queries(client)
    _registry(18, 10)
    assert _queries(client) == small
