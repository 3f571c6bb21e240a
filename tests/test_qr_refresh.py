"""Report t14, finding 7: QR codes stored on certificates under another ``SITE_URL`` (seeded under the development
address) are redrawn for the real one by ``manage.py refresh_qr_codes`` — only those whose address differs, saying
how many, idempotent — and ``setup_site`` runs the same step."""

import io

import pytest
from django.core.management import call_command

from registry.catalogue import qr
from registry.catalogue.models import Certificate
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db
DEV, REAL = "http://127.0.0.1:8000", "https://khuyencong.example"


def run(*command):
    out = io.StringIO()
    call_command(*command, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded_under_dev(home_page, settings):
    """Three certificates stored while SITE_URL was the development address, then SITE_URL set for production; a
    fourth one issued after the change."""
    settings.SITE_URL = DEV
    old = [CertificateFactory() for _ in range(3)]
    settings.SITE_URL = REAL
    new = CertificateFactory()
    return old, new


def stored(certificate):
    return Certificate.objects.values_list("qr_code_url", "qr_code_svg").get(pk=certificate.pk)


def test_refresh_qr_codes_redraws_only_the_codes_of_another_address(seeded_under_dev):
    old, new = seeded_under_dev
    assert all(stored(c)[0].startswith(DEV + "/xac-minh/") for c in old)
    untouched = stored(new)
    assert untouched[0] == f"{REAL}/xac-minh/{new.verification_code}/"

    assert "QR codes redrawn: 3 of 4 certificates" in run("refresh_qr_codes")
    for certificate in old:
        url, svg = stored(certificate)
        assert url == f"{REAL}/xac-minh/{certificate.verification_code}/"
        assert svg == qr.encode_svg(url)  # what a fresh save would store
    assert stored(new) == untouched

    assert "QR codes redrawn: 0 of 4 certificates" in run("refresh_qr_codes")  # idempotent


def test_the_verification_page_then_draws_the_stored_code_without_encoding(client, seeded_under_dev):
    old, _new = seeded_under_dev
    run("refresh_qr_codes")
    qr.unit_qr_svg.cache_clear()
    certificate = Certificate.objects.get(pk=old[0].pk)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(qr.segno, "make", lambda *a, **k: pytest.fail("QR code encoded again"))
        html = client.get(certificate.get_verification_path()).content.decode()
    assert qr.scaled_svg(certificate.qr_code_svg, 4) in html


def test_setup_site_redraws_the_stored_codes(seeded_under_dev):
    old, _new = seeded_under_dev
    output = run("setup_site")
    assert "QR codes of certificates: 3 of 4 redrawn" in output
    assert all(stored(c)[0].startswith(REAL) for c in old)
    assert "QR codes of certificates: 0 of 4 redrawn" in run("setup_site")
