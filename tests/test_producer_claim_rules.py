"""Issue 15 leftovers (tester's findings): a second account claiming a producer that other accounts already act for
is never linked by itself — staff see the existing links (who, since when), those accounts are e-mailed, approving
needs staff to confirm they checked with them, and until then the claimant sees nothing of the producer's
applications or files (404). Every step of a claim (requested, approved, rejected, revoked) is in the site's audit
log, as the applications' transitions are."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.roles import REGISTRY_STAFF, ensure_roles
from registry.producers.choices import ClaimStatus
from registry.producers.models import ProducerAccount, ProducerClaim
from registry.producers.services import claims
from tests.factories import ProducerAccountFactory, ProductPageFactory, UserFactory
from tests.test_producer_applications import open_competition
from tests.test_producer_review import submitted


@pytest.fixture
def registry_staff(home_page):
    ensure_roles()
    user = UserFactory(staff=True)
    user.groups.add(Group.objects.get(name=REGISTRY_STAFF.name))
    return user


@pytest.fixture
def first(home_page, settings, tmp_path):
    """An account acting for its producer, with a submitted application and its files."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    account = ProducerAccountFactory(producer__tax_code="5900765432", producer__name="HTX Dệt thổ cẩm Phung")
    product = ProductPageFactory(producer=account.producer, title="Khăn thổ cẩm Phung")
    application = submitted(account, open_competition(), product)
    mail.outbox.clear()
    return {"account": account, "producer": account.producer, "application": application}


def private_urls(application):
    document = application.documents.first()
    return [
        reverse("producers:application", args=[application.pk]),
        reverse("producers:document", args=[application.pk, document.pk]),
        reverse("producers:receipt", args=[application.pk]),
    ]


def actions():
    entries = ModelLogEntry.objects.filter(action__startswith="producers.claim.").order_by("timestamp", "id")
    return list(entries.values_list("action", flat=True))


def test_a_claim_of_a_producer_already_claimed_waits_for_staff_and_sees_nothing(client, first, registry_staff):
    second = ProducerAccountFactory(producer=None, linked_at=None)
    client.force_login(second.user)
    response = client.post(
        reverse("producers:claim", args=[first["producer"].slug]),
        {"tax_code": "5900 765 432", "applicant_role": "Kế toán"},
    )
    assert response.status_code == 302
    claim = ProducerClaim.objects.get(account=second)
    assert claim.status == ClaimStatus.PENDING
    second.refresh_from_db()
    assert second.producer_id is None  # never granted by itself, even with the right tax code
    # the account already acting for the producer is told, with who asks
    notice = [message for message in mail.outbox if message.to == [first["account"].user.email]]
    assert len(notice) == 1
    assert "HTX Dệt thổ cẩm Phung" in notice[0].subject and second.user.email in notice[0].body
    # until staff grant it, nothing of the producer's applications or files
    for url in private_urls(first["application"]):
        assert client.get(url).status_code == 404, url
    dashboard = client.get(reverse("producers:home")).content.decode()
    assert "Khăn thổ cẩm Phung" not in dashboard and first["application"].code not in dashboard

    # staff see who already acts for the producer, and since when
    client.force_login(registry_staff)
    page = client.get(reverse("producers_admin:claim", args=[claim.pk])).content.decode()
    assert first["account"].user.email in page
    assert first["account"].linked_at.strftime("%d/%m/%Y") in page
    assert "Đã có 1 tài khoản đại diện" in client.get(reverse("producers_admin:index")).content.decode()
    # approving without confirming they checked with the existing account is refused
    url = reverse("producers_admin:claim", args=[claim.pk])
    refused = client.post(url, {"decision": "approve"})
    assert refused.status_code == 409
    assert "Cơ sở này đã có tài khoản đại diện" in refused.content.decode()
    second.refresh_from_db()
    assert second.producer_id is None
    assert client.post(url, {"decision": "approve", "confirm_shared": "on"}).status_code == 302
    second.refresh_from_db()
    assert second.producer_id == first["producer"].pk
    client.force_login(second.user)
    assert client.get(private_urls(first["application"])[0]).status_code == 200
    assert actions() == ["producers.claim.request", "producers.claim.approve"]


def test_every_step_of_a_claim_is_in_the_audit_log(client, first, registry_staff):
    asking = ProducerAccountFactory(producer=None, linked_at=None)
    refused = claims.submit_claim(asking, first["producer"], tax_code="123", applicant_role="Khác")
    claims.reject(refused, registry_staff, "Không thuộc cơ sở.")
    granted = claims.submit_claim(asking, first["producer"], registration_number="40A8001234", applicant_role="Chủ")
    claims.approve(granted, registry_staff, confirm_shared=True)
    client.force_login(registry_staff)
    url = reverse("producers_admin:revoke", args=[asking.pk])
    assert client.post(url, {"reason": " "}).status_code == 400
    assert client.post(url, {"reason": "Đã nghỉ việc ở hợp tác xã."}).status_code == 302
    granted.refresh_from_db()
    asking.refresh_from_db()
    assert (granted.status, granted.decision_reason, asking.producer_id) == (
        ClaimStatus.REVOKED,
        "Đã nghỉ việc ở hợp tác xã.",
        None,
    )
    assert mail.outbox[-1].to == [asking.user.email] and "Đã nghỉ việc ở hợp tác xã." in mail.outbox[-1].body
    assert actions() == [
        "producers.claim.request",
        "producers.claim.reject",
        "producers.claim.request",
        "producers.claim.approve",
        "producers.claim.revoke",
    ]
    entries = ModelLogEntry.objects.filter(action="producers.claim.revoke")
    assert entries.get().user == registry_staff and entries.get().data["reason"] == "Đã nghỉ việc ở hợp tác xã."
    # a link made by an invitation (no claim) is revoked and audited on the account
    invited = ProducerAccountFactory(producer=first["producer"])
    claims.revoke(invited, registry_staff, "Lời mời gửi nhầm địa chỉ.")
    assert ProducerAccount.objects.get(pk=invited.pk).producer_id is None
    assert ModelLogEntry.objects.filter(action="producers.claim.revoke").count() == 2
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "thu hồi quyền đại diện cơ sở" in history and "từ chối yêu cầu nhận cơ sở" in history
    for url in private_urls(first["application"]):  # the revoked account sees nothing any more
        client.force_login(asking.user)
        assert client.get(url).status_code == 404


def test_claim_screens_queries_do_not_grow_with_the_claims(client, registry_staff):
    def claims_of(count):
        made = []
        for _ in range(count):
            holder = ProducerAccountFactory()
            ProducerAccountFactory(producer=holder.producer)  # two accounts already acting
            asking = ProducerAccountFactory(producer=None, linked_at=None)
            made.append(claims.submit_claim(asking, holder.producer, tax_code="1", applicant_role="Chủ"))
        return made

    client.force_login(registry_staff)
    client.get(reverse("producers_admin:index"))  # first request of the session: per-process caches warm up
    counts = []
    for count in (1, 9):  # 1× then 10× the claims
        made = claims_of(count)
        with CaptureQueriesContext(connection) as queue:
            html = client.get(reverse("producers_admin:index")).content.decode()
        assert html.count("Đã có 2 tài khoản đại diện") == len(ProducerClaim.objects.pending())
        with CaptureQueriesContext(connection) as detail:
            client.get(reverse("producers_admin:claim", args=[made[-1].pk]))
        counts.append((len(queue.captured_queries), len(detail.captured_queries)))
    assert counts[0] == counts[1]
