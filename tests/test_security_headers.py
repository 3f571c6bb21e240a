"""Security headers: a Content-Security-Policy on every HTML page, Permissions-Policy, private caching (issue 12)."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import ProductPageFactory


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


@pytest.mark.parametrize("path", ["/", "/san-pham/", "/tim-kiem/?q=gom", "/giam-khao/dang-nhap/", "/khong-co/"])
def test_public_pages_allow_only_our_origin(client, home_page, path):
    ProductPageFactory(title="Bình gốm Phú Hội")
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_keeps_working_with_inline_code_allowed_there_only(client, db):
    admin = get_user_model().objects.create_superuser("admin", password="quan-tri-2026")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"] and "'self'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_pages_for_signed_in_users_are_not_stored_by_caches(client, home_page, db):
    user = get_user_model().objects.create_user("giamkhao", password="x")
    client.force_login(user)
    response = client.get("/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_anonymous_public_pages_stay_cacheable(client, home_page):
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")
