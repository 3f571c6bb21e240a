"""Issue 15, producer accounts: sign-up with e-mail and phone, the verification link from the mailbox, sign-in
and out, password reset, throttling (429) and the honeypot, Vietnamese input as typed in Word."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from registry.producers.models import ProducerAccount

SIGN_UP = "/co-so-san-xuat/dang-ky/"
LOGIN = "/co-so-san-xuat/dang-nhap/"
RESET = "/co-so-san-xuat/quen-mat-khau/"
PASSWORD = "Ca-phe-Dak-Doa-2026"


def sign_up(client, ip="203.0.113.5", **changes):
    data = {
        "email": "lan.nguyen@example.org",
        "full_name": "Nguyễn Thị Lan",
        "phone": "0905 123 456",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
        **changes,
    }
    return client.post(SIGN_UP, data, REMOTE_ADDR=ip)


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.django_db
def test_sign_up_mails_a_verification_link_that_activates_the_account_then_login(client, settings):
    settings.SITE_URL = "https://khuyencong.example.vn"
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/co-so-san-xuat/dang-ky/da-gui/"
    page = client.get(response["Location"]).content.decode()
    assert "Chúng tôi đã gửi đường dẫn xác nhận tới lan.nguyen@example.org" in page

    user = get_user_model().objects.get(email="lan.nguyen@example.org")
    assert not user.is_active
    assert (user.last_name, user.first_name) == ("Nguyễn Thị", "Lan")
    assert user.producer_account.phone == "0905123456"
    # Before verifying: the right password gets its own message, not "wrong password".
    early = client.post(LOGIN, {"username": "lan.nguyen@example.org", "password": PASSWORD})
    assert "Bạn chưa xác nhận thư điện tử" in early.content.decode()
    assert "_auth_user_id" not in client.session

    [message] = mail.outbox
    assert message.to == ["lan.nguyen@example.org"]
    assert message.subject == "Xác nhận thư điện tử của tài khoản cơ sở sản xuất"
    link = link_in(message)
    assert link.startswith("https://khuyencong.example.vn/co-so-san-xuat/xac-nhan/")
    verified = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert verified.redirect_chain[-1][0] == LOGIN
    assert "Đã xác nhận thư điện tử. Mời bạn đăng nhập." in verified.content.decode()
    assert ProducerAccount.objects.get(user=user).is_verified
    # The link works once.
    assert client.get(link.removeprefix(settings.SITE_URL)).status_code == 400

    logged_in = client.post(LOGIN, {"username": "Lan.Nguyen@Example.org", "password": PASSWORD})
    assert logged_in.status_code == 302
    assert logged_in["Location"] == "/co-so-san-xuat/"
    home = client.get("/co-so-san-xuat/").content.decode()
    assert "chưa được gắn với cơ sở sản xuất nào" in home

    assert client.post("/co-so-san-xuat/dang-xuat/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/co-so-san-xuat/")["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_the_english_portal_lives_under_en(client):
    page = client.get("/en" + SIGN_UP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Producer account sign-up" in html
    assert 'lang="en"' in html


@pytest.mark.django_db
def test_an_address_is_registered_once_whatever_its_case(client):
    sign_up(client)
    again = sign_up(client, email="LAN.NGUYEN@example.org")
    assert again.status_code == 400
    assert "Thư điện tử này đã được đăng ký" in again.content.decode()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_vietnamese_input_from_word_is_stored_clean(client):
    nfd_name = "Nguye\u0302\u0303n Thi\u0323 \u0110a\u0300o\u200b\x0b"  # NFD marks, Đ, a zero-width space, a VT
    response = sign_up(client, full_name=nfd_name, phone="+84 905.123.456", email="dao@example.org\x07")
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert (user.last_name, user.first_name) == ("Nguyễn Thị", "Đào")
    assert user.email == "dao@example.org"
    assert user.producer_account.phone == "0905123456"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Số điện thoại cần 10 hoặc 11 chữ số"),
        ("password2", "khac-hoan-toan-2026", "Hai mật khẩu không giống nhau."),
        ("full_name", "\u200b\x07", "This field is required."),
    ],
)
def test_bad_input_gets_a_message_and_400(client, field, value, message):
    response = sign_up(client, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode() or "Trường này là bắt buộc." in response.content.decode()
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_filled_honeypot_saves_and_sends_nothing(client):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 400
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_sign_up_is_throttled_per_address_with_429(client, settings):
    settings.PRODUCER_FORM_RATE_IP = "3/h"
    for number in range(3):
        assert sign_up(client, email=f"a{number}@example.org").status_code == 302
    fourth = sign_up(client, email="a9@example.org")
    assert fourth.status_code == 429
    assert "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau" in fourth.content.decode()
    assert int(fourth["Retry-After"]) > 0
    assert not get_user_model().objects.filter(email="a9@example.org").exists()
    # Another address is not affected.
    assert sign_up(client, ip="198.51.100.2", email="b@example.org").status_code == 302


@pytest.mark.django_db
def test_password_reset_is_throttled_per_account_across_addresses(client, settings):
    settings.PRODUCER_FORM_RATE_ACCOUNT = "2/h"
    for number in range(2):
        assert client.post(RESET, {"email": "x@example.org"}, REMOTE_ADDR=f"203.0.113.{number}").status_code == 302
    third = client.post(RESET, {"email": "X@example.org"}, REMOTE_ADDR="203.0.113.99")
    assert third.status_code == 429


@pytest.mark.django_db
def test_login_is_throttled_by_axes_with_429(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 6
    sign_up(client)
    for _ in range(5):
        assert client.post(LOGIN, {"username": "lan.nguyen@example.org", "password": "sai"}).status_code == 200
    sixth = client.post(LOGIN, {"username": "lan.nguyen@example.org", "password": "sai"})
    assert sixth.status_code == 429
    assert "Vui lòng thử lại sau 15 phút" in sixth.content.decode()


@pytest.mark.django_db
def test_password_reset_by_mail(client, settings):
    settings.SITE_URL = "https://khuyencong.example.vn"
    sign_up(client)
    client.get(link_in(mail.outbox[0]).removeprefix(settings.SITE_URL))
    mail.outbox.clear()
    assert client.post(RESET, {"email": "lan.nguyen@example.org"}).status_code == 302
    [message] = mail.outbox
    assert message.subject == "Đặt lại mật khẩu tài khoản cơ sở sản xuất"
    link = link_in(message).removeprefix(settings.SITE_URL)
    form = client.get(link, follow=True)
    new = "Mat-khau-moi-Pleiku-2027"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.post(LOGIN, {"username": "lan.nguyen@example.org", "password": new}).status_code == 302


@pytest.mark.django_db
def test_the_portal_resets_only_producer_passwords(client):
    get_user_model().objects.create_user("bientap", email="bientap@example.org", password="x-Mat-khau-2026")
    assert client.post(RESET, {"email": "bientap@example.org"}).status_code == 302
    assert mail.outbox == []  # staff reset theirs in the admin; the answer does not say whether the address exists


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("0905123456", "0905123456"),
        ("+84 905.123.456", "0905123456"),
        ("84905123456", "0905123456"),
        ("0269 3822 000", "02693822000"),
        ("0000000000", None),
        ("00905123456", None),
        ("090512345", None),
    ],
)
def test_vietnamese_phone_numbers(typed, stored):
    """10 or 11 digits, 0 then 1–9 (mobile 03/05/07/08/09, landline 02x); a tester's 0000000000 was accepted."""
    from django.core.exceptions import ValidationError

    from registry.producers.forms import normalize_phone

    if stored is None:
        with pytest.raises(ValidationError):
            normalize_phone(typed)
    else:
        assert normalize_phone(typed) == stored
