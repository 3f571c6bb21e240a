"""Issue 15 leftover (tester's finding): the jurors' portal is for jurors only. Every URL of it answers a signed-in
account that is neither a juror (a council seat or the "Giám khảo" group) nor a competition manager 403 with a
Vietnamese page; anonymous visitors go to the portal's login."""

import pytest
from django.urls import reverse

from core.roles import JURORS, ensure_roles, role_group
from tests.factories import EntryFactory, JurorFactory, ProducerAccountFactory, UserFactory


@pytest.fixture
def entry(home_page):
    return EntryFactory()


def portal_urls(entry):
    slug, code = entry.competition.slug, entry.code
    return [
        ("GET", reverse("competitions:jury-home")),
        ("GET", reverse("competitions:jury-competition", args=[slug])),
        ("GET", reverse("competitions:jury-council", args=[slug])),
        ("GET", reverse("competitions:jury-entry", args=[slug, code])),
        ("POST", reverse("competitions:jury-entry", args=[slug, code])),
        ("POST", reverse("competitions:jury-conflict", args=[slug, code])),
        ("POST", reverse("competitions:jury-no-conflict", args=[slug, code])),
        ("POST", reverse("competitions:jury-reopen", args=[slug, 1])),
        ("GET", reverse("competitions:jury-competition", args=["khong-co"])),
    ]


def test_a_producer_account_is_refused_every_portal_url_with_a_vietnamese_page(client, entry):
    client.force_login(ProducerAccountFactory().user)
    for method, url in portal_urls(entry):
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code == 403, url
        page = response.content.decode()
        assert "Cổng giám khảo chỉ dành cho thành viên hội đồng bình chọn." in page, url
        assert "Bạn chưa được mời chấm" not in page and entry.competition.name not in page


def test_anonymous_visitors_go_to_the_portal_login(client, entry):
    for method, url in portal_urls(entry):
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code == 302 and "/giam-khao/dang-nhap/?next=" in response["Location"], url


def test_jurors_invited_or_seated_and_managers_enter(client, entry):
    ensure_roles()
    invited = UserFactory()
    invited.groups.add(role_group(JURORS))
    client.force_login(invited)
    page = client.get(reverse("competitions:jury-home"))
    assert page.status_code == 200 and "Bạn chưa được mời chấm" in page.content.decode()
    seat = JurorFactory(competition=entry.competition, user=UserFactory())
    client.force_login(seat.user)
    page = client.get(reverse("competitions:jury-home"))
    assert page.status_code == 200 and entry.competition.name in page.content.decode()
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(reverse("competitions:jury-home")).status_code == 200
