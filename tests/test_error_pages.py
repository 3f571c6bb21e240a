"""The site's own error pages on every error path, in Vietnamese, with no stack trace (issue 12)."""

import pytest
from django.db import OperationalError
from django.test import Client

from home.models import HomePage


@pytest.fixture
def failing_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_database_outage_shows_our_500_page(failing_client, home_page, monkeypatch):
    def unavailable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(HomePage, "serve", unavailable)
    response = failing_client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html and "/static/css/site.css" in html
    assert "Traceback" not in html and "Connection refused" not in html
    assert response["Cache-Control"] == "no-store"


def test_even_a_broken_500_template_gives_our_words(failing_client, home_page, monkeypatch):
    monkeypatch.setattr(HomePage, "serve", lambda *a, **k: 1 / 0)
    monkeypatch.setattr("core.views.loader.get_template", lambda name: (_ for _ in ()).throw(ValueError(name)))
    response = failing_client.get("/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
    assert "Server Error (500)" not in response.content.decode()


def test_csrf_failure_page_is_ours(home_page, db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/giam-khao/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_a_host_we_do_not_serve_gets_our_400_page(settings, db):
    settings.ALLOWED_HOSTS = ["khuyencong.example.org"]
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
