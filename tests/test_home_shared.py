"""The home page's sections load their registry data once per page-cache generation (home/sections.py,
core/shared_data.py): with the page cache off, a second visit renders the page again without asking the database
for the sections, and any write that changes a public page is seen on the next request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CertificateFactory, NewsPageFactory, ProductPageFactory, news_index
from tests.test_home import ALL_SECTIONS, arrange
from tests.translating import translate

pytestmark = pytest.mark.django_db

SECTION_TABLES = ("news_newspage", "catalogue_certificate", "competitions_competition", "catalogue_craftvillagepage")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def figure(html, label):
    """The number shown before ``label`` in the key figures."""
    return html.split(label)[0].rsplit('<span class="figure__value">', 1)[1].split("<")[0]


def test_a_second_visit_renders_the_sections_without_their_queries(client, home_page):
    NewsPageFactory(title="Tin đầu tiên")
    CertificateFactory(product=ProductPageFactory(title="Cà phê Chư Sê"))
    arrange(home_page, ALL_SECTIONS)
    first = client.get("/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert "X-Page-Cache" not in second  # rendered, not served from the page cache
    assert second.content == first.content
    assert not [q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in SECTION_TABLES)]


def test_a_publication_or_a_revocation_is_seen_on_the_next_visit(client, home_page):
    certificate = CertificateFactory(product=ProductPageFactory(title="Cà phê Chư Sê"))
    arrange(home_page, ALL_SECTIONS)
    html = client.get("/").content.decode()
    assert "Cà phê Chư Sê" in html and figure(html, "sản phẩm CNNT") == "1"

    NewsPageFactory(title="Khai mạc hội chợ", date=datetime.date.today())
    certificate.revoked_at = datetime.date.today()
    certificate.revoked_reason = "Sai thông tin"
    certificate.save()
    html = client.get("/").content.decode()
    assert "Khai mạc hội chợ" in html
    assert "Cà phê Chư Sê" not in html and figure(html, "sản phẩm CNNT") == "0"


def test_each_language_has_its_own_sections(client, home_page):
    story = NewsPageFactory(title="Tin tiếng Việt")
    translate(news_index(), title="News")
    arrange(home_page, ALL_SECTIONS)
    assert "Tin tiếng Việt" in client.get("/").content.decode()
    translate(story, title="Story in English")
    assert "Story in English" in client.get("/en/").content.decode()
    vietnamese = client.get("/").content.decode()
    assert "Tin tiếng Việt" in vietnamese and "Story in English" not in vietnamese
