"""Issue 15, claiming a producer record: the account finds its producer (without diacritics or by tax code),
gives its tax code; registry staff approve in the admin after checking it (or reject with a reason); a request for
a new record; staff invitations by e-mail with a single-use link."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from core.roles import REGISTRY_STAFF, ensure_roles
from registry.catalogue.models import Producer
from registry.producers.choices import ClaimStatus
from registry.producers.models import ProducerAccount, ProducerClaim, ProducerInvitation
from tests.factories import ProducerAccountFactory, ProducerClaimFactory, ProducerFactory, UserFactory


@pytest.fixture
def registry_staff(home_page):
    """A member of the "Cán bộ sổ đăng ký" group as setup_site creates it."""
    ensure_roles()
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=REGISTRY_STAFF.name))
    return user


@pytest.fixture
def newcomer(db):
    """A verified account not yet acting for a producer."""
    return ProducerAccountFactory(producer=None, linked_at=None)


def test_claim_approval_flow(client, registry_staff, newcomer):
    producer = ProducerFactory(name="Hợp tác xã Dệt thổ cẩm Đăk Đoa", tax_code="5900123456")
    client.force_login(newcomer.user)
    found = client.get("/co-so-san-xuat/nhan-co-so/", {"q": "det tho cam dak doa"}).content.decode()
    assert "Hợp tác xã Dệt thổ cẩm Đăk Đoa" in found
    assert producer.name in client.get("/co-so-san-xuat/nhan-co-so/", {"q": "5900 123 456"}).content.decode()

    claim_url = reverse("producers:claim", args=[producer.slug])
    sent = client.post(claim_url, {"tax_code": "5900.123.456", "applicant_role": "Chủ nhiệm\x0b"})
    assert sent.status_code == 302
    claim = ProducerClaim.objects.get()
    assert (claim.status, claim.tax_code, claim.applicant_role) == (ClaimStatus.PENDING, "5900123456", "Chủ nhiệm")
    assert "Chờ duyệt" in client.get("/co-so-san-xuat/").content.decode()
    assert client.get(reverse("producers:home")).context["account"].producer is None

    client.force_login(registry_staff)
    queue = client.get("/admin/co-so-san-xuat/")
    assert queue.status_code == 200
    assert producer.name in queue.content.decode()
    detail = client.get(f"/admin/co-so-san-xuat/{claim.pk}/").content.decode()
    assert "khớp sổ đăng ký" in detail
    assert client.post(f"/admin/co-so-san-xuat/{claim.pk}/", {"decision": "approve"}).status_code == 302

    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ClaimStatus.APPROVED, registry_staff)
    assert ProducerAccount.objects.get(pk=newcomer.pk).producer == producer
    [message] = mail.outbox
    assert message.to == [newcomer.user.email]
    assert "Tài khoản của bạn đã được gắn với Hợp tác xã Dệt thổ cẩm Đăk Đoa." in message.body
    # A decided claim is not decided again.
    again = client.post(f"/admin/co-so-san-xuat/{claim.pk}/", {"decision": "reject", "reason": "nhầm"})
    assert again.status_code == 409

    client.force_login(newcomer.user)
    assert "Hợp tác xã Dệt thổ cẩm Đăk Đoa" in client.get("/co-so-san-xuat/").content.decode()


def test_a_wrong_tax_code_is_received_for_review_like_a_right_one(client, newcomer, registry_staff):
    # No oracle: the claimant learns nothing about whose tax code is whose; staff see the mismatch.
    producer = ProducerFactory(tax_code="5900123456")
    client.force_login(newcomer.user)
    answers = []
    for code in ("5900000000", "5900123456"):
        response = client.post(
            reverse("producers:claim", args=[producer.slug]), {"tax_code": code, "applicant_role": "Giám đốc"}
        )
        assert response.status_code == 302
        answers.append(client.get(response["Location"]).content.decode())
        ProducerClaim.objects.filter(account=newcomer).update(status=ClaimStatus.REJECTED, decision_reason="x")
    assert "Đã gửi yêu cầu. Cán bộ trung tâm sẽ kiểm tra và trả lời qua thư." in answers[0]
    assert all("khớp" not in answer for answer in answers)
    wrong = ProducerClaim.objects.get(tax_code="5900000000")
    client.force_login(registry_staff)
    assert "KHÔNG khớp sổ đăng ký" in client.get(f"/admin/co-so-san-xuat/{wrong.pk}/").content.decode()


def test_a_claim_needs_a_number_and_is_sent_once(client, newcomer):
    producer = ProducerFactory(tax_code="")
    client.force_login(newcomer.user)
    url = reverse("producers:claim", args=[producer.slug])
    empty = client.post(url, {"applicant_role": "Chủ hộ"})
    assert empty.status_code == 400
    assert "Cần mã số thuế hoặc số giấy chứng nhận đăng ký kinh doanh." in empty.content.decode()
    assert client.post(url, {"registration_number": "40A8001234", "applicant_role": "Chủ hộ"}).status_code == 302
    twice = client.post(url, {"registration_number": "40A8001234", "applicant_role": "Chủ hộ"})
    assert twice.status_code == 400
    assert "Bạn đã gửi yêu cầu nhận cơ sở này" in twice.content.decode()


def test_rejection_needs_a_reason_and_is_mailed(client, registry_staff):
    claim = ProducerClaimFactory()
    client.force_login(registry_staff)
    url = f"/admin/co-so-san-xuat/{claim.pk}/"
    assert client.post(url, {"decision": "reject", "reason": " "}).status_code == 409
    assert client.post(url, {"decision": "reject", "reason": "Mã số thuế thuộc cơ sở khác."}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert "Lý do: Mã số thuế thuộc cơ sở khác." in mail.outbox[0].body
    assert ProducerAccount.objects.get(pk=claim.account_id).producer is None


def test_a_request_for_a_new_producer_creates_it_on_approval(client, registry_staff, newcomer):
    client.force_login(newcomer.user)
    data = {
        "name": "Hộ kinh doanh Mật ong Kbang",
        "producer_kind": "household",
        "tax_code": "",
        "registration_number": "39K8000123",
        "representative": "Đinh Văn Hùng",
        "address": "Thôn 3, xã Kbang",
        "applicant_role": "Chủ hộ",
    }
    assert client.post(reverse("producers:request-new"), data).status_code == 302
    claim = ProducerClaim.objects.get()
    client.force_login(registry_staff)
    assert client.post(f"/admin/co-so-san-xuat/{claim.pk}/", {"decision": "approve"}).status_code == 302
    producer = Producer.objects.get(name="Hộ kinh doanh Mật ong Kbang")
    assert (producer.kind, producer.representative, producer.slug) == (
        "household",
        "Đinh Văn Hùng",
        "ho-kinh-doanh-mat-ong-kbang",
    )
    assert ProducerAccount.objects.get(pk=newcomer.pk).producer == producer


def test_only_reviewers_see_the_queue(client, home_page):
    client.force_login(UserFactory(staff=True))
    assert client.get("/admin/co-so-san-xuat/").status_code in (302, 403)


def test_staff_invite_a_producer_by_e_mail(client, registry_staff, settings):
    settings.SITE_URL = "https://khuyencong.example.vn"
    producer = ProducerFactory(name="Công ty TNHH Cà phê Ia Grai")
    client.force_login(registry_staff)
    sent = client.post("/admin/co-so-san-xuat/moi/", {"producer": producer.pk, "email": "GiamDoc@Example.org"})
    assert sent.status_code == 302
    [message] = mail.outbox
    assert message.to == ["giamdoc@example.org"]
    link = re.search(r"https://\S+", message.body).group(0).removeprefix(settings.SITE_URL)
    assert ProducerInvitation.objects.get().token_hash not in link  # only the digest is stored

    client.logout()
    form = client.get(link)
    assert "Lời mời đại diện cho Công ty TNHH Cà phê Ia Grai" in form.content.decode()
    password = "Ca-phe-Ia-Grai-2026"
    created = client.post(
        link, {"full_name": "Trần Văn Minh", "phone": "0912345678", "password1": password, "password2": password}
    )
    assert created.status_code == 302
    account = ProducerAccount.objects.get(user__email="giamdoc@example.org")
    assert account.producer == producer and account.is_verified and account.user.is_active
    assert "Công ty TNHH Cà phê Ia Grai" in client.get("/co-so-san-xuat/").content.decode()
    client.logout()
    assert client.get(link).status_code == 404  # single use


def test_an_invitation_opened_while_signed_in_with_another_address_is_refused(client, registry_staff):
    producer = ProducerFactory()
    client.force_login(registry_staff)
    client.post("/admin/co-so-san-xuat/moi/", {"producer": producer.pk, "email": "moi@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0).split("/co-so-san-xuat/", 1)[1]
    other = ProducerAccountFactory(producer=None, linked_at=None)
    client.force_login(other.user)
    response = client.get("/co-so-san-xuat/" + link)
    assert response.status_code == 403
    assert "Hãy đăng xuất rồi mở lại đường dẫn." in response.content.decode()
    assert ProducerAccount.objects.get(pk=other.pk).producer is None
