"""Registry admin: listings with filters, search, export, inspect; revocation; Decree 52 warnings for editors."""

import pytest

from registry.catalogue.models import Certificate
from tests.factories import CertificateFactory, CraftVillagePageFactory, ProducerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(UserFactory(username="quantri", superuser=True))
    return client


def test_registry_menu_lists_producers_with_filter_search_export_and_inspect(admin_client):
    producer = ProducerFactory(name="Hợp tác xã Mật ong Kbang", tax_code="5901100103")
    ProducerFactory(name="Cơ sở Nón ngựa Phú Gia", kind="household")
    base = "/admin/snippets/catalogue/producer/"
    html = admin_client.get(base).content.decode()
    assert "Mật ong Kbang" in html
    searched = admin_client.get(base + "?q=5901100103").content.decode()
    assert "Mật ong Kbang" in searched and "Nón ngựa" not in searched
    filtered = admin_client.get(base + "?kind=household").content.decode()
    assert "Nón ngựa" in filtered and "Mật ong Kbang" not in filtered
    export = admin_client.get(base + "?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export.status_code == 200 and "Mật ong Kbang" in body
    assert admin_client.get(f"{base}inspect/{producer.pk}/").status_code == 200


def test_certificate_status_filter_and_inspect_hides_code(admin_client):
    valid = CertificateFactory(serial="GL-2024-0001")
    CertificateFactory(serial="GL-2019-0002", expired=True)
    base = "/admin/snippets/catalogue/certificate/"
    html = admin_client.get(base + "?status=expired").content.decode()
    assert "GL-2019-0002" in html and "GL-2024-0001" not in html
    inspect = admin_client.get(f"{base}inspect/{valid.pk}/").content.decode()
    assert valid.verification_code not in inspect


def test_revoke_certificate_from_admin(admin_client):
    cert = CertificateFactory()
    url = f"/admin/snippets/catalogue/certificate/revoke/{cert.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"reason": "", "revoked_at": "2025-09-01"})
    assert response.status_code == 200  # the form shows the missing reason
    response = admin_client.post(url, {"reason": "Sai hồ sơ.", "revoked_at": "2025-09-01"})
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.status == "revoked" and cert.revoked_reason == "Sai hồ sơ."
    assert admin_client.get(cert.get_verification_path()).status_code == 200


def test_revoke_needs_permission(client, home_page):
    cert = CertificateFactory()
    client.force_login(UserFactory(username="khach", staff=True))
    response = client.post(f"/admin/snippets/catalogue/certificate/revoke/{cert.pk}/", {"reason": "x"})
    assert response.status_code in (302, 403)
    assert Certificate.objects.get(pk=cert.pk).revoked_at is None
    assert client.post("/admin/snippets/catalogue/certificate/revoke/999999/", {"reason": "x"}).status_code in (
        302,
        403,
        404,
    )


def test_editor_sees_decree_52_warnings_on_a_village(admin_client):
    village = CraftVillagePageFactory(households_total=200, households_in_trade=10, stable_production_years=1)
    html = admin_client.get(f"/admin/pages/{village.pk}/edit/").content.decode()
    assert "data-decree52-warnings" in html
    assert "5,0%" in html or "5.0%" in html
