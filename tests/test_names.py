"""Names in Vietnamese order (family, middle, given) wherever a person is shown: the portal bar, the admin's juror
list, the audit log (PDFs and XLSX: tests/test_documents.py). One helper: core.text.person_name."""

import pytest
from django.urls import reverse

from core.roles import COMPETITION_MANAGERS, ensure_roles, role_group
from tests.factories import EntryFactory, JurorFactory, UserFactory, fill_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def juror(home_page):
    entry = EntryFactory()
    seat = JurorFactory(competition=entry.competition, user=UserFactory(last_name="Phạm Quốc", first_name="Bảo"))
    fill_sheet(seat, entry, [30, 30, 8, 8])
    return seat


def test_juror_display_name_and_portal_bar(client, juror):
    assert juror.display_name == "Phạm Quốc Bảo" and str(juror) == "Phạm Quốc Bảo"
    client.force_login(juror.user)
    page = client.get(reverse("competitions:jury-home")).content.decode()
    assert "Phạm Quốc Bảo" in page and "Bảo Phạm Quốc" not in page


def test_admin_juror_list_and_audit_log(client, juror):
    manager = UserFactory(username="quanly-ten", last_name="Đinh Thị", first_name="Mai")
    ensure_roles()
    manager.groups.add(role_group(COMPETITION_MANAGERS))
    client.force_login(manager)
    listing = client.get(reverse("competition_jurors:index")).content.decode()
    assert "Phạm Quốc Bảo" in listing and "Bảo Phạm Quốc" not in listing
    audit = client.get(reverse("competitions_admin:audit", args=[juror.competition.pk])).content.decode()
    assert "Phạm Quốc Bảo" in audit and "Bảo Phạm Quốc" not in audit


def test_wagtail_admin_user_list_shows_vietnamese_order(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri-ten", password="x-pass-123")
    UserFactory(username="giamkhao-ten", last_name="Phạm Quốc", first_name="Bảo")
    client.force_login(admin)
    listing = client.get("/admin/users/").content.decode()
    assert "Phạm Quốc Bảo" in listing and "Bảo Phạm Quốc" not in listing
