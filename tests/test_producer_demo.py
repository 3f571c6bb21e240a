"""seed_demo for the producers' portal (demo/producers.py): two producer accounts, printed with the others; one
producer holds a certificate expiring within 90 days, the other a draft application in the open 2027 competition;
re-running duplicates nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import seed
from demo.producers import PRODUCER_ACCOUNTS
from demo.site import DEMO_PASSWORD
from registry.producers.choices import ApplicationStatus
from registry.producers.models import Application, ProducerAccount

# The steps this feature needs (news and translations are slow and unrelated).
STEPS = ["demo.site", "demo.catalogue", "demo.competitions", "demo.producers"]


@pytest.mark.django_db
def test_seed_demo_makes_two_producer_accounts_once(client, home_page, monkeypatch):
    monkeypatch.setattr(seed, "STEPS", STEPS)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    (expiring, *_), (drafting, *_) = PRODUCER_ACCOUNTS
    assert expiring in printed and drafting in printed

    accounts = {account.user.email: account for account in ProducerAccount.objects.select_related("user", "producer")}
    assert set(accounts) == {expiring, drafting}
    draft = Application.objects.get(producer=accounts[drafting].producer)
    assert draft.status == ApplicationStatus.DRAFT and draft.competition.slug == "cap-tinh-2027"

    assert client.login(username=expiring, password=DEMO_PASSWORD)
    html = client.get(reverse("producers:home")).content.decode()
    assert "GL-2023-T-0901" in html and "Còn 45 ngày" in html
    client.logout()
    assert client.login(username=drafting, password=DEMO_PASSWORD)
    assert draft.product_name in client.get(reverse("producers:home")).content.decode()

    call_command("seed_demo", stdout=io.StringIO())
    assert ProducerAccount.objects.count() == 2 and Application.objects.count() == 1
