"""One meaning of "recognized product" and one certificate status rule, seen from every page that counts them."""

import datetime
import re

import pytest

from home.models import HomePage
from registry.catalogue.choices import CertificateStatus, Level
from registry.catalogue.models import Certificate, ProductPage
from registry.catalogue.models.certificates import certificate_status
from tests.factories import CertificateFactory, ProductPageFactory, product_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_certificates(home_page):
    """A valid, an expired and a revoked certificate (one product each, all provincial), and a product without."""
    product_index()
    CertificateFactory(product=ProductPageFactory(title="Còn hiệu lực"), level=Level.PROVINCIAL, year=2024)
    CertificateFactory(product=ProductPageFactory(title="Hết hạn"), level=Level.PROVINCIAL, expired=True)
    CertificateFactory(product=ProductPageFactory(title="Thu hồi"), level=Level.PROVINCIAL, revoked=True)
    ProductPageFactory(title="Chưa công nhận")


def _facet_counts(html, name):
    block = re.search(rf'data-facet="{name}">(.*?)</fieldset>', html, re.S).group(1)
    return [int(n) for n in re.findall(r'class="facet__count"[^>]*>(\d+)<', block)]


def test_home_key_figures_and_catalogue_facets_count_recognized_products_alike(client, three_certificates):
    home = HomePage.objects.get()
    home.sections = [("key_figures", {"heading": "Con số"})]
    home.save_revision().publish()

    home_html = client.get("/").content.decode()
    home_products = int(re.search(r'class="figure__value">([\d.]+)<', home_html).group(1).replace(".", ""))
    catalogue_html = client.get("/san-pham/").content.decode()
    level_total = sum(_facet_counts(catalogue_html, "level"))
    year_total = sum(_facet_counts(catalogue_html, "year"))

    # The valid and the expired certificate make their products recognized; the revoked one does not.
    assert home_products == level_total == year_total == 2
    assert ProductPage.objects.live().recognised().count() == 2
    filtered = client.get("/san-pham/?level=provincial").content.decode()
    assert "Còn hiệu lực" in filtered and "Hết hạn" in filtered
    assert "Thu hồi" not in filtered and "Chưa công nhận" not in filtered


TODAY = datetime.date(2026, 6, 1)
STATUS_CASES = [
    # (valid_until, revoked_at, expected status on TODAY)
    (None, None, CertificateStatus.VALID),
    (TODAY, None, CertificateStatus.VALID),  # the last day of validity is still valid
    (TODAY + datetime.timedelta(days=1), None, CertificateStatus.VALID),
    (TODAY - datetime.timedelta(days=1), None, CertificateStatus.EXPIRED),
    (None, datetime.date(2025, 1, 1), CertificateStatus.REVOKED),
    (TODAY - datetime.timedelta(days=1), datetime.date(2025, 1, 1), CertificateStatus.REVOKED),  # revoked wins
    (TODAY + datetime.timedelta(days=9), datetime.date(2025, 1, 1), CertificateStatus.REVOKED),
]


def test_status_in_python_and_in_sql_agree_on_a_table_of_cases(home_page):
    certificates = {}
    for i, (valid_until, revoked_at, expected) in enumerate(STATUS_CASES):
        certificate = CertificateFactory(
            serial=f"CASE-{i}",
            valid_from=datetime.date(2020, 1, 1),
            valid_until=valid_until,
            revoked_at=revoked_at,
            revoked_reason="Lý do." if revoked_at else "",
        )
        certificates[certificate.pk] = expected
        assert certificate_status(revoked_at, valid_until, TODAY) == expected
        assert certificate.status_on(TODAY) == expected

    in_sql = dict(Certificate.objects.with_status(TODAY).values_list("pk", "current_status"))
    assert in_sql == certificates
    valid = set(Certificate.objects.valid(TODAY).values_list("pk", flat=True))
    assert valid == {pk for pk, status in certificates.items() if status == CertificateStatus.VALID}
    recognised = set(Certificate.objects.recognised().values_list("pk", flat=True))
    assert recognised == {pk for pk, status in certificates.items() if status != CertificateStatus.REVOKED}


def test_status_of_an_annotated_certificate_follows_its_revocation(home_page):
    certificate = Certificate.objects.with_status().get(pk=CertificateFactory().pk)
    assert certificate.status == CertificateStatus.VALID
    certificate.revoke("Cơ sở ngừng sản xuất.")
    assert certificate.status == CertificateStatus.REVOKED
