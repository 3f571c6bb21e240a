"""RSS 2.0 and Atom feeds of the news, for all articles and per category."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from news.models import NewsCategory
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles():
    villages = NewsCategory.objects.get(slug="lang-nghe")
    NewsPageFactory(title="Làng gốm hồi sinh", slug="lang-gom", category=villages, date=datetime.date(2026, 11, 20))
    NewsPageFactory(title="Tập huấn sản xuất sạch hơn", slug="tap-huan", date=datetime.date(2026, 11, 10))
    NewsPageFactory(title="Bài chưa duyệt", slug="chua-duyet", live=False)


def test_rss_feed_of_all_news(client, articles, settings):
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title").startswith("Tin tức")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Làng gốm hồi sinh", "Tập huấn sản xuất sạch hơn"]
    first = items[0]
    assert first.findtext("link") == settings.SITE_URL + "/tin-tuc/lang-gom/"
    assert first.findtext("description") == "Trung tâm Khuyến công hỗ trợ cơ sở công nghiệp nông thôn."
    assert first.findtext("category") == "Làng nghề"
    assert "20 Nov 2026" in first.findtext("pubDate")


def test_atom_feed_of_all_news(client, articles, settings):
    response = client.get("/tin-tuc/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == ATOM + "feed"
    entries = root.findall(ATOM + "entry")
    assert [e.findtext(ATOM + "title") for e in entries] == ["Làng gốm hồi sinh", "Tập huấn sản xuất sạch hơn"]
    assert entries[0].find(ATOM + "link").get("href") == settings.SITE_URL + "/tin-tuc/lang-gom/"
    assert entries[0].findtext(ATOM + "updated")
    assert root.findtext(ATOM + "updated")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feeds_contain_only_that_category(client, articles, kind):
    response = client.get(f"/tin-tuc/chuyen-muc/lang-nghe/{kind}/")
    root = ET.fromstring(response.content)
    if kind == "rss":
        titles = [item.findtext("title") for item in root.find("channel").findall("item")]
        assert root.find("channel").findtext("title").startswith("Làng nghề")
    else:
        titles = [entry.findtext(ATOM + "title") for entry in root.findall(ATOM + "entry")]
    assert titles == ["Làng gốm hồi sinh"]


def test_listing_advertises_its_feeds(client, articles):
    html = client.get("/tin-tuc/chuyen-muc/lang-nghe/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/tin-tuc/chuyen-muc/lang-nghe/rss/"' in html
    assert 'href="/tin-tuc/atom/"' in html
