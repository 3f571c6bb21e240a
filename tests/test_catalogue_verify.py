"""Certificate verification at /xac-minh/<code>/: what a QR code on a certificate points to."""

import pytest

from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_valid_certificate(client, home_page):
    cert = CertificateFactory(serial="GL-2024-0042")
    response = client.get(cert.get_verification_path())
    html = response.content.decode()
    assert response.status_code == 200
    assert "là thật và còn hiệu lực" in html
    assert cert.product.title in html
    assert cert.product.producer.name in html
    assert "GL-2024-0042" in html and "Cấp tỉnh" in html and "2024" in html
    assert "<svg" in html  # the QR code
    assert 'content="noindex"' in html


def test_expired_certificate(client, home_page):
    cert = CertificateFactory(expired=True)
    html = client.get(cert.get_verification_path()).content.decode()
    assert "đã hết hiệu lực từ ngày 01/06/2022" in html
    assert 'data-status="expired"' in html


def test_revoked_certificate_shows_reason(client, home_page):
    cert = CertificateFactory(revoked=True)
    html = client.get(cert.get_verification_path()).content.decode()
    assert "đã bị thu hồi ngày 01/03/2025" in html
    assert "Cơ sở ngừng sản xuất." in html
    assert 'data-status="revoked"' in html


@pytest.mark.parametrize("code", ["khong-co-ma-nay", "x" * 300, "%3Cscript%3E"])
def test_unknown_code_is_a_404_with_a_clear_message(client, home_page, code):
    response = client.get(f"/xac-minh/{code}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy giấy chứng nhận" in html
    assert "<script>" not in html


def test_verification_page_in_english(client, home_page):
    cert = CertificateFactory()
    response = client.get("/en" + cert.get_verification_path())
    assert response.status_code == 200
