"""Issue 15 leftover (tester's finding): django-axes locked a whole IP address after 5 wrong passwords, so one
person locked out a cooperative's office (one address behind NAT). Now a lockout is per user name *and* address;
one address trying many user names, and one user name tried from many addresses, are still locked (wider limits,
counted from axes' own records). Every lockout answers 429 with a Vietnamese page."""

import pytest
from django.contrib.auth import get_user_model

from tests.test_login_throttling import LOGIN_URLS, post

OFFICE = "203.0.113.50"  # the cooperative's office: everyone behind one address


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 6
    return settings


@pytest.fixture
def colleagues(db):
    users = get_user_model().objects
    return [
        users.create_user("bientap", password="dung-mat-khau-2026", is_staff=True),
        users.create_user("ketoan", password="mat-khau-ke-toan-2026", is_staff=True),
    ]


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_one_person_locked_out_does_not_lock_the_office(client, throttled, colleagues, url):
    for _ in range(5):
        assert post(client, url, "sai", ip=OFFICE).status_code == 200
    locked = post(client, url, "sai", ip=OFFICE)
    assert locked.status_code == 429
    assert "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút." in locked.content.decode()
    assert locked["Retry-After"] == "900"
    # a colleague behind the same address signs in
    colleague = post(client, url, "mat-khau-ke-toan-2026", username="ketoan", ip=OFFICE)
    assert colleague.status_code == 302
    assert client.session["_auth_user_id"] == str(colleagues[1].pk)
    client.logout()
    # and the locked person, from home, too (the lock is this user name from this address)
    assert post(client, url, "dung-mat-khau-2026", ip="198.51.100.7").status_code == 302


def test_one_account_guessed_from_many_addresses_is_locked(client, throttled, colleagues):
    limit = throttled.LOGIN_ACCOUNT_FAILURE_LIMIT
    for number in range(limit):
        ip = f"198.51.100.{number // 4 + 1}"  # four guesses per address: never a pair's lockout
        assert post(client, "/admin/login/", "sai", ip=ip).status_code == 200
    assert post(client, "/admin/login/", "sai", ip="192.0.2.1").status_code == 429  # one failure more: locked
    assert post(client, "/admin/login/", "dung-mat-khau-2026", ip="192.0.2.2").status_code == 429
    # other accounts are not touched
    assert post(client, "/admin/login/", "mat-khau-ke-toan-2026", username="ketoan", ip="192.0.2.1").status_code == 302
