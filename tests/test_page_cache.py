"""The anonymous page cache: hits cost no query, every write invalidates, signed-in staff never get cached copies."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CertificateFactory, ProductPageFactory


def test_second_anonymous_visit_is_served_from_cache_without_queries(client, home_page):
    product = ProductPageFactory(title="Mật ong Kbang")
    first = client.get(product.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(product.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_revoking_a_certificate_invalidates_the_cached_page(client, home_page):
    certificate = CertificateFactory(product=ProductPageFactory(title="Rượu Bàu Đá"))
    url = certificate.product.url
    assert "Còn hiệu lực" in client.get(url).content.decode()
    certificate.revoke("Cơ sở ngừng sản xuất.")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Đã thu hồi" in response.content.decode()


def test_languages_and_query_strings_are_cached_separately(client, home_page):
    ProductPageFactory(title="Cà phê Chư Sê")
    client.get("/san-pham/")
    assert client.get("/en/san-pham/")["X-Page-Cache"] == "miss"
    assert client.get("/san-pham/?q=ca+phe")["X-Page-Cache"] == "miss"
    assert client.get("/san-pham/?q=ca+phe")["X-Page-Cache"] == "hit"
    assert '<html lang="en">' in client.get("/en/san-pham/").content.decode()


def test_signed_in_users_never_get_cached_pages(client, demo_accounts):
    product = ProductPageFactory(title="Thổ cẩm Jrai")
    client.get(product.url)
    client.force_login(demo_accounts["bientap"])
    response = client.get(product.url)
    assert "X-Page-Cache" not in response
