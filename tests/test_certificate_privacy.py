"""Privacy follows the page (issue 11, item 8): a certificate of a product whose page is not public (unpublished,
private, password) is in no certificate output, and its verification page gives only the verdict."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from registry.catalogue.models import Certificate, ProductIndexPage
from tests.factories import CertificateFactory, ProductPageFactory

pytestmark = pytest.mark.django_db


def _unpublished(product):
    product.unpublish()


def _password(product):
    PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.PASSWORD, password="bí-mật")


def _login(product):
    PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.LOGIN)


def _groups(product):
    restriction = PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.first())


def _private_parent(product):
    """A restriction on an ancestor hides the product too."""
    PageViewRestriction.objects.create(page=product.get_parent(), restriction_type=PageViewRestriction.LOGIN)


def _under_own_index(home_page):
    """A second product index, so that restricting it leaves the first one public."""
    index = ProductIndexPage(title="Sản phẩm nội bộ", slug="san-pham-noi-bo")
    home_page.add_child(instance=index)
    return index


HIDING = {
    "unpublished": _unpublished,
    "password": _password,
    "login": _login,
    "groups": _groups,
    "private-parent": _private_parent,
}


@pytest.fixture(params=list(HIDING))
def hidden(request, home_page):
    """A certificate of a hidden product (title "Rượu cần bí mật", serial GL-HIDDEN-1) and one of a public one."""
    public = CertificateFactory(serial="GL-PUBLIC-1", product=ProductPageFactory(title="Cà phê công khai"))
    parent = _under_own_index(home_page) if request.param == "private-parent" else None
    secret = CertificateFactory(
        serial="GL-HIDDEN-1",
        issuer="UBND huyện Bí Mật",
        product=ProductPageFactory(title="Rượu cần bí mật", producer__name="Cơ sở Bí Mật", parent=parent),
    )
    HIDING[request.param](secret.product)
    return public, secret


def test_publicly_visible_is_the_rule(hidden):
    public, secret = hidden
    assert list(Certificate.objects.publicly_visible()) == [public]
    assert public.product_is_public and not secret.product_is_public


def test_api_certificates_leaves_the_hidden_product_out(client, hidden):
    response = client.get("/api/v2/certificates/?fields=*")
    assert response.status_code == 200
    body = response.content.decode()
    assert "GL-PUBLIC-1" in body and "Cà phê công khai" in body
    assert "GL-HIDDEN-1" not in body and "bí mật" not in body.lower()
    assert response.json()["meta"]["total_count"] == 1
    # nor is it reachable by its id
    assert client.get(f"/api/v2/certificates/{hidden[1].pk}/").status_code == 404


def test_open_data_csv_leaves_the_hidden_product_out(client, hidden):
    response = client.get("/du-lieu-mo/certificates.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "GL-PUBLIC-1" in body
    assert "GL-HIDDEN-1" not in body and "Bí Mật" not in body and "bí mật" not in body


def test_open_data_json_leaves_the_hidden_product_out(client, hidden):
    response = client.get("/du-lieu-mo/certificates.json")
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    data = json.loads(raw)
    text = json.dumps(data, ensure_ascii=False)
    assert "GL-PUBLIC-1" in text
    assert "GL-HIDDEN-1" not in text and "Bí Mật" not in text


def test_verification_of_a_hidden_product_gives_only_the_verdict(client, hidden):
    _public, secret = hidden
    response = client.get(secret.get_verification_path())
    assert response.status_code == 200
    html = response.content.decode()
    assert "là thật và còn hiệu lực" in html
    assert 'data-status="valid"' in html
    assert "không được công khai" in html
    assert "Rượu cần bí mật" not in html
    assert "Cơ sở Bí Mật" not in html
    assert "UBND huyện Bí Mật" not in html


def test_verification_of_a_revoked_hidden_certificate_says_revoked(client, home_page):
    secret = CertificateFactory(revoked=True, product=ProductPageFactory(title="Rượu cần bí mật"))
    _password(secret.product)
    html = client.get(secret.get_verification_path()).content.decode()
    assert "đã bị thu hồi ngày 01/03/2025" in html
    assert "Rượu cần bí mật" not in html
    assert "Cơ sở ngừng sản xuất." not in html


def test_verification_of_a_public_product_keeps_its_details(client, home_page):
    cert = CertificateFactory(product=ProductPageFactory(title="Cà phê công khai"))
    html = client.get(cert.get_verification_path()).content.decode()
    assert "Cà phê công khai" in html and cert.product.producer.name in html
    assert "không được công khai" not in html
