"""Logging out happens only by POST, everywhere; a GET changes nothing (issue 12)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("admin", password="quan-tri-2026")
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", ["/admin/logout/", "/giam-khao/dang-xuat/"])
def test_get_logout_changes_nothing(client, staff, url):
    session_key = client.session.session_key
    response = client.get(url)
    assert response.status_code == 405
    assert "sessionid" not in response.cookies  # no deletion, no new cookie
    assert not list(get_messages(response.wsgi_request))
    assert client.session.session_key == session_key
    assert client.get("/admin/").status_code == 200  # still signed in


@pytest.mark.parametrize("url", ["/admin/logout/", "/giam-khao/dang-xuat/"])
def test_post_logout_signs_out(client, staff, url):
    response = client.post(url)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302  # back to the login page
