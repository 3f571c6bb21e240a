"""Issue 16, tester's findings on the public side of projects: a reason is published only for a cancelled project;
the folded search finds a project by its beneficiaries' names, its commune and its decision number; a shared
project's amount is never shown as if each beneficiary received all of it."""

import re

import pytest

from programmes.choices import ProjectStatus
from programmes.models import ProjectPage
from tests.factories import CommuneFactory, ProducerFactory, ProjectPageFactory
from tests.factories.training import CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("core.page_cache.")]


def test_a_reason_is_never_stored_nor_published_unless_cancelled(client, home_page):
    project = ProjectPageFactory(cancelled=True, cancellation_reason="Lý do riêng của cơ sở")
    project.status = ProjectStatus.IN_PROGRESS
    project.save_revision().publish()
    assert ProjectPage.objects.get(pk=project.pk).cancellation_reason == ""
    for url in ("/du-lieu-mo/projects.csv", "/du-lieu-mo/projects.json"):
        response = client.get(url)
        assert response.status_code == 200 and "Lý do riêng" not in response.getvalue().decode()
    api = client.get("/api/v2/pages/?type=programmes.ProjectPage&fields=cancellation_reason")
    assert "Lý do riêng" not in api.content.decode()


@pytest.mark.parametrize("query", ["Liên hiệp", "lien hiep", "Pleiku", "215/QĐ-SCT", "215/QD-SCT"])
def test_the_project_search_finds_beneficiaries_communes_and_decisions(client, home_page, query):
    producer = ProducerFactory(name="Liên hiệp HTX cà phê Gia Lai")
    ProjectPageFactory(
        title="Hỗ trợ máy rang",
        decision_number="215/QĐ-SCT",
        commune=CommuneFactory(name="Pleiku", code="21000"),
        producers=[producer],
    )
    ProjectPageFactory(title="Đề án khác", decision_number="9/QĐ-UBND")
    html = client.get("/de-an-khuyen-cong/", {"q": query}).content.decode()
    assert "Hỗ trợ máy rang" in html and "Đề án khác" not in html


def test_a_shared_project_says_it_is_shared_on_each_beneficiary_page(client, home_page):
    producers = [ProducerFactory(name=f"Cơ sở chung {i}") for i in range(3)]
    ProjectPageFactory(title="Hội chợ chung", support_amount=210_000_000, producers=producers)
    alone = ProducerFactory(name="Cơ sở riêng")
    ProjectPageFactory(title="Máy riêng", support_amount=50_000_000, producers=[alone])
    shared_html = client.get(f"/co-so/{producers[0].slug}/").content.decode()
    assert "210.000.000" in shared_html and "(đề án chung 3 đơn vị thụ hưởng)" in shared_html
    assert "tổng kinh phí các đề án" in shared_html
    assert "đề án chung" not in client.get(f"/co-so/{alone.slug}/").content.decode()


def test_every_described_by_of_the_registration_form_names_an_element(client, home_page):
    html = client.get(CoursePageFactory().url).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described
    for ids in described:
        for element_id in ids.split():
            assert f'id="{element_id}"' in html, element_id


def test_search_forms_of_the_contact_and_collaborator_pages_are_named(client, home_page):
    html = client.get("/cong-tac-vien/").content.decode()
    forms = re.findall(r"<form[^>]*role=\"search\"[^>]*>", html)
    assert forms and all("aria-label=" in form for form in forms)
