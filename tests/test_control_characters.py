"""Issue 14 (tester's report t14, item 6): a NUL byte (or another control character) in a URL path, a query-string
key or a cookie the site reads never reaches a database lookup (PostgreSQL refuses NUL in a string: a 500 there,
a 404 on SQLite). The answer is the site's own error page, before any view runs, on every URL and every database
(run this file with ``DATABASE_URL=postgres://…`` too)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CertificateFactory, EntryFactory, JurorFactory, ProductPageFactory

PATHS = [
    "/xac-minh/%00/",
    "/xac-minh/a%00b/",
    "/en/xac-minh/%00/",
    "/en/xac-minh/a%00b/",
    "/xac-minh/a%01b/",
    "/xac-minh/a%1Fb/",
    "/xac-minh/a%7Fb/",
    "/san-pham/%00/",
    "/san-pham/tieu%00/",
    "/co-so/a%00b/",
    "/tin-tuc/a%00b/",
    "/tim-kiem/%00",
    "/%00",
    "/a%0Ab/",
    "/en/%00/",
    "/api/v2/pages/%00/",
    "/documents/1/a%00b.pdf",
    "/binh-chon/a%00b/",
    "/sitemap-a%00b.xml",
]


@pytest.fixture
def certificate(home_page):
    return CertificateFactory(product=ProductPageFactory(title="Tiêu đen Chư Sê"))


@pytest.mark.parametrize("path", PATHS)
def test_a_control_character_in_the_path_is_not_found_before_any_query(client, certificate, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 404, path
    assert "error-panel" in response.content.decode()
    assert not [q for q in queries if "\x00" in q["sql"] or "\\x00" in q["sql"] or "\x00" in str(q)]


def test_the_not_found_page_of_a_control_character_is_the_sites_own_in_its_language(client, certificate):
    page = client.get("/xac-minh/a%00b/").content.decode()
    assert '<html lang="vi">' in page and "Không tìm thấy trang" in page
    assert '<html lang="en">' in client.get("/en/xac-minh/a%00b/").content.decode()


def test_a_control_character_in_a_jurors_dossier_address_is_not_found(client, home_page):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    client.force_login(juror.user)
    url = reverse("competitions:jury-entry", args=[entry.competition.slug, "placeholder"])
    for code in ("a%00b", "%00", "a%01b"):
        assert client.get(url.replace("placeholder", code)).status_code == 404, code


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "django_language"])
def test_a_control_character_in_a_cookie_the_site_reads_is_a_bad_request(client, certificate, cookie):
    client.cookies[cookie] = "abcdefgh\x00ijklmnop"
    response = client.get(certificate.product.url)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_control_character_in_an_unrelated_cookie_is_ignored(client, certificate):
    client.cookies["_ga"] = "abc\x00def"
    assert client.get(certificate.product.url).status_code == 200


@pytest.mark.parametrize("query", ["?a%00b=1", "?%00=1", "?q%00=gom&page%01=2", "?q=a%00b"])
def test_a_control_character_in_a_query_string_key_or_value_is_cleaned(client, certificate, query):
    for path in ("/san-pham/", "/tim-kiem/", f"/xac-minh/{certificate.verification_code}/", "/api/v2/pages/"):
        response = client.get(path + query)
        assert response.status_code in (200, 400), path + query
        assert "\x00" not in response.content.decode()
