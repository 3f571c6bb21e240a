"""Issue 16, item 5: the collaborator network — the directory by commune, its public "who to contact in my
commune" lookup (folded: "ia grai" finds "Ia Grai"), contacts shown only with recorded consent, the box on the
map (craft village) page and on the contact page, constant query counts and the page cache."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StandardPageFactory, village_index
from tests.factories.catalogue import CommuneFactory
from tests.factories.training import CollaboratorFactory

pytestmark = pytest.mark.django_db

URL = "/cong-tac-vien/"


@pytest.fixture
def communes(home_page):
    return {
        "ia_grai": CommuneFactory(code="71001", name="Ia Grai"),
        "dak_doa": CommuneFactory(code="71002", name="Đak Đoa"),
        "pleiku": CommuneFactory(code="71003", name="Pleiku", kind="phuong"),
    }


@pytest.mark.parametrize(
    "typed", ["ia grai", "IA GRAI", "Ia Grai", "ía grải", "grai", "xa ia grai", "ia-grai", "iagrai", "Ia  Grai"]
)
def test_folded_lookup_finds_the_commune(client, communes, typed):
    CollaboratorFactory(full_name="Rơ Mah Tuấn", commune=communes["ia_grai"])
    CollaboratorFactory(full_name="Bùi Văn Khánh", commune=communes["dak_doa"])
    page = client.get(URL, {"xa": typed}).content.decode()
    assert "Rơ Mah Tuấn" in page and "Bùi Văn Khánh" not in page


def test_dak_doa_without_marks_finds_dak_doa(client, communes):
    CollaboratorFactory(full_name="Bùi Văn Khánh", commune=communes["dak_doa"])
    assert "Bùi Văn Khánh" in client.get(URL, {"xa": "dak doa"}).content.decode()


def test_no_query_lists_every_commune_and_an_unknown_one_says_so(client, communes):
    CollaboratorFactory(full_name="Rơ Mah Tuấn", commune=communes["ia_grai"])
    CollaboratorFactory(full_name="Trần Thị Hà", commune=communes["pleiku"])
    everything = client.get(URL).content.decode()
    assert "Rơ Mah Tuấn" in everything and "Trần Thị Hà" in everything
    unknown = client.get(URL, {"xa": "Hà Nội"})
    assert unknown.status_code == 200
    assert "Chưa có cộng tác viên ở xã/phường này" in unknown.content.decode()


def test_inactive_collaborators_are_not_listed(client, communes):
    CollaboratorFactory(full_name="Người Đã Nghỉ", commune=communes["ia_grai"], active=False)
    assert "Người Đã Nghỉ" not in client.get(URL, {"xa": "ia grai"}).content.decode()


def test_contact_shown_only_with_recorded_consent(client, communes):
    CollaboratorFactory(
        full_name="Có Đồng Ý",
        commune=communes["ia_grai"],
        phone="0905222301",
        email="a@example.org",
        contact_public=True,
        consent_date=datetime.date(2026, 9, 15),
    )
    CollaboratorFactory(full_name="Chưa Đồng Ý", commune=communes["ia_grai"], phone="0905222302", email="b@example.org")
    page = client.get(URL, {"xa": "ia grai"}).content.decode()
    assert "0905222301" in page and "a@example.org" in page
    assert "Chưa Đồng Ý" in page and "0905222302" not in page and "b@example.org" not in page
    assert "Liên hệ qua Trung tâm Khuyến công" in page


def test_public_contact_without_a_consent_date_is_refused_by_the_database(communes):
    with pytest.raises(IntegrityError):
        CollaboratorFactory(commune=communes["ia_grai"], contact_public=True, consent_date=None)


def test_a_query_too_long_gets_a_vietnamese_message_and_400(client, communes):
    response = client.get(URL, {"xa": "x" * 81})
    assert response.status_code == 400
    assert "tối đa 80 kí tự" in response.content.decode()


def test_lookup_queries_do_not_grow_with_the_directory(client, communes, settings):
    settings.PAGE_CACHE_SECONDS = 0
    CollaboratorFactory(commune=communes["ia_grai"])
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for _ in range(10):
        commune = CommuneFactory()
        for _ in range(3):
            CollaboratorFactory(commune=commune)
        CollaboratorFactory(commune=communes["ia_grai"])
    client.get(URL)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)
    assert response.content.decode().count('class="collaborator-group"') == 11
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_lookup_is_page_cached_and_a_directory_change_refreshes_it(client, communes):
    CollaboratorFactory(full_name="Rơ Mah Tuấn", commune=communes["ia_grai"])
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"
    CollaboratorFactory(full_name="Người Mới", commune=communes["ia_grai"])
    assert "Người Mới" in client.get(URL).content.decode()


def test_the_lookup_box_is_on_the_map_page_and_the_contact_page(client, home_page):
    village_page = client.get(village_index().url).content.decode()
    contact = StandardPageFactory(title="Liên hệ", slug="lien-he", parent=home_page)
    about = StandardPageFactory(title="Giới thiệu", slug="gioi-thieu", parent=home_page)
    for page in (village_page, client.get(contact.url).content.decode()):
        assert 'action="/cong-tac-vien/"' in page and "Liên hệ khuyến công ở xã/phường của bạn" in page
    assert 'action="/cong-tac-vien/"' not in client.get(about.url).content.decode()


def test_staff_roles_own_courses_and_collaborators(demo_accounts, django_user_model):
    """After ``setup_site`` an editor writes course pages and an approver publishes them (the news section's roles), and
    the registry staff keep the collaborator directory: not only administrators (a tester found no role owning them)."""
    from core.roles import REGISTRY_STAFF
    from home.setup import setup_site
    from programmes.training.models import CourseIndexPage

    setup_site(write=lambda *_: None)
    courses = CourseIndexPage.objects.get()
    assert courses.permissions_for_user(demo_accounts["bientap"]).can_add_subpage()
    assert not courses.permissions_for_user(demo_accounts["bientap"]).can_publish_subpage()
    assert courses.permissions_for_user(demo_accounts["duyet"]).can_publish_subpage()
    clerk = django_user_model.objects.create_user("sodangky", password="x")
    clerk.groups.add(Group.objects.get(name=REGISTRY_STAFF.name))
    clerk = django_user_model.objects.get(pk=clerk.pk)
    assert all(clerk.has_perm(f"training.{action}_collaborator") for action in ("add", "change", "delete", "view"))
    assert not demo_accounts["bientap"].has_perm("training.add_collaborator")
