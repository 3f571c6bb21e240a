"""Login throttling (django-axes) on every login form: the admin's and the judges' portal's."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

LOGIN_URLS = ["/admin/login/", "/giam-khao/dang-nhap/"]


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 6  # LOGIN_FAILURE_LIMIT = 5 wrong passwords answered normally
    return settings


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("bientap", password="dung-mat-khau-2026", is_staff=True)


def post(client, url, password, username="bientap", ip="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_sixth_wrong_password_is_refused_with_429_and_the_right_one_waits(client, throttled, staff_user, url):
    for _ in range(5):
        assert post(client, url, "sai").status_code == 200  # the form again, with its error
    sixth = post(client, url, "sai")
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "Vui lòng thử lại sau 15 phút" in html
    assert sixth["Retry-After"] == "900"
    # The right password is refused from that address while the lockout lasts (this account from this address).
    assert post(client, url, "dung-mat-khau-2026").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_the_cool_off(client, throttled, staff_user):
    for _ in range(6):
        post(client, "/admin/login/", "sai")
    assert post(client, "/admin/login/", "dung-mat-khau-2026").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = post(client, "/admin/login/", "dung-mat-khau-2026")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_one_address_trying_many_accounts_is_locked_per_ip(client, throttled, db):
    for number in range(throttled.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert post(client, "/admin/login/", "sai", username=f"khong-co-{number}").status_code == 200
    assert post(client, "/admin/login/", "sai", username="nguoi-khac").status_code == 429


def test_a_successful_login_resets_the_count(client, throttled, staff_user):
    for _ in range(5):
        post(client, "/admin/login/", "sai")
    assert post(client, "/admin/login/", "dung-mat-khau-2026").status_code == 302
    client.logout()
    for _ in range(5):
        assert post(client, "/admin/login/", "sai").status_code == 200


def test_staff_unlock_in_the_admin(client, throttled, staff_user):
    for _ in range(6):
        post(client, "/admin/login/", "sai")
    admin = get_user_model().objects.create_superuser("admin", password="quan-tri-2026")
    client.force_login(admin)
    index = client.get(reverse("khoa-dang-nhap:index"))
    assert index.status_code == 200
    assert "bientap" in index.content.decode()
    attempt = AccessAttempt.objects.get(username="bientap")
    assert client.post(reverse("khoa-dang-nhap:delete", args=[attempt.pk])).status_code == 302
    client.logout()
    assert post(client, "/admin/login/", "dung-mat-khau-2026").status_code == 302


def test_lockouts_cannot_be_added_or_edited_in_the_admin(client, throttled, staff_user):
    admin = get_user_model().objects.create_superuser("admin", password="quan-tri-2026")
    client.force_login(admin)
    assert client.get(reverse("khoa-dang-nhap:add")).status_code in (302, 403)


def test_behind_a_proxy_each_visitor_is_locked_on_their_own_address(client, throttled, staff_user):
    """With PROXY_COUNT=1 the address is the one the proxy appended: a visitor forging X-Forwarded-For entries to
    its left neither dodges the lock nor locks out the others (who all arrive from the proxy's REMOTE_ADDR)."""
    throttled.PROXY_COUNT = 1
    for number in range(throttled.LOGIN_ADDRESS_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": f"khong-co-{number}", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 203.0.113.66",
        )
    forged = client.post(
        "/admin/login/",
        {"username": "nguoi-khac", "password": "sai"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.66",
    )
    assert forged.status_code == 429
    colleague = client.post(
        "/admin/login/",
        {"username": "bientap", "password": "dung-mat-khau-2026"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert colleague.status_code == 302
