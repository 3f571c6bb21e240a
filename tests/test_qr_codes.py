"""QR codes are drawn once per certificate, not on every page view, and still point at the right address."""

import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
import segno

from registry.catalogue import qr
from registry.catalogue.models import Certificate
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

URLS = ["https://khuyencong.gialai.gov.vn/xac-minh/abc/", "http://127.0.0.1:8000/en/xac-minh/" + "x" * 32 + "/"]


@contextmanager
def no_encoder():
    """Forget every QR code memoized in this process, then fail any call of the encoder."""
    qr.unit_qr_svg.cache_clear()
    with mock.patch.object(qr.segno, "make", side_effect=AssertionError("QR code encoded again")) as make:
        yield make
    qr.unit_qr_svg.cache_clear()


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("scale", [1, 2, 3, 4, 5])
def test_a_stored_code_is_drawn_at_any_scale_exactly_as_segno_draws_it(url, scale):
    direct = segno.make(url, error="m").svg_inline(scale=scale, dark=qr.DARK, light=qr.LIGHT)
    assert qr.scaled_svg(qr.encode_svg(url), scale) == direct
    assert qr.qr_svg(url, scale=scale) == direct


def test_a_new_certificate_stores_the_code_of_its_vietnamese_verification_page(settings, home_page):
    cert = CertificateFactory()
    stored = Certificate.objects.get(pk=cert.pk)
    assert stored.qr_code_url == settings.SITE_URL + f"/xac-minh/{cert.verification_code}/"
    assert stored.qr_code_svg == qr.encode_svg(stored.qr_code_url)


def test_product_page_renders_the_stored_codes_without_encoding(client, home_page):
    valid = CertificateFactory()
    revoked = CertificateFactory(product=valid.product, revoked=True, year=2023)
    expected = {c.pk: qr.scaled_svg(c.qr_code_svg, 3) for c in (valid, revoked)}
    with no_encoder() as make:
        html = client.get(valid.product.url).content.decode()
    make.assert_not_called()
    for cert in (valid, revoked):
        assert expected[cert.pk] in html
        assert cert.get_verification_path() in html
    assert html.count('class="certificate__qr"') == 2
    assert html.count("badge--bad") == 1 and html.count("badge--ok") == 1


def test_a_revoked_then_reissued_certificate_shows_its_status_beside_its_own_code(client, home_page):
    old = CertificateFactory(year=2023)
    product_url = old.product.url
    old.revoke("Cấp lại theo quyết định mới.", on=datetime.date(2025, 3, 1))
    new = CertificateFactory(product=old.product, year=2025)
    assert new.qr_code_svg != old.qr_code_svg  # each code encodes its own certificate's address
    with no_encoder() as make:
        html = client.get(product_url).content.decode()
        verify_old = client.get(old.get_verification_path()).content.decode()
    make.assert_not_called()
    blocks = html.split('<div class="certificate">')[1:]
    assert len(blocks) == 2
    new_block, old_block = blocks  # newest first
    assert qr.scaled_svg(new.qr_code_svg, 3) in new_block and new.get_verification_path() in new_block
    assert qr.scaled_svg(old.qr_code_svg, 3) in old_block and old.get_verification_path() in old_block
    assert "badge--bad" in old_block and "badge--bad" not in new_block and "badge--ok" in new_block
    assert 'data-status="revoked"' in verify_old and qr.scaled_svg(old.qr_code_svg, 4) in verify_old


def test_verification_page_renders_the_stored_code_without_encoding(client, home_page):
    cert = CertificateFactory()
    with no_encoder() as make:
        html = client.get(cert.get_verification_path()).content.decode()
    make.assert_not_called()
    assert qr.scaled_svg(cert.qr_code_svg, 4) in html


def test_the_english_page_encodes_its_own_address_once_per_process(client, home_page, settings):
    cert = CertificateFactory()
    qr.unit_qr_svg.cache_clear()
    english_url = settings.SITE_URL + "/en" + cert.get_verification_path()
    product_url = "/en" + cert.product.url
    with mock.patch.object(qr.segno, "make", wraps=segno.make) as make:
        for _ in range(2):
            html = client.get(product_url).content.decode()
            assert qr.qr_svg(english_url, scale=3) in html
    assert make.call_count == 1
    qr.unit_qr_svg.cache_clear()


def test_a_code_stored_under_another_site_address_is_not_shown(client, home_page, settings):
    cert = CertificateFactory()
    settings.SITE_URL = "https://khuyencong.example.vn"
    html = client.get(cert.get_verification_path()).content.decode()
    assert qr.qr_svg("https://khuyencong.example.vn" + cert.get_verification_path(), scale=4) in html
    assert qr.scaled_svg(cert.qr_code_svg, 4) not in html
    cert.save()  # the next save stores the code of the new address
    assert Certificate.objects.get(pk=cert.pk).qr_code_url.startswith("https://khuyencong.example.vn/")
