"""Issue 15, the producer's dashboard: its own products, certificates (validity, expiring soon) and entries;
never another producer's data (404), never the admin, and a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from registry.competitions.choices import CompetitionStatus
from tests.factories import (
    CertificateFactory,
    CompetitionFactory,
    EntryFactory,
    ProducerAccountFactory,
    ProductPageFactory,
    UserFactory,
)


@pytest.fixture
def two_producers(home_page):
    """Two linked accounts, each with a product, a certificate and an entry."""
    mine, theirs = ProducerAccountFactory(), ProducerAccountFactory()
    data = {}
    for key, account in (("mine", mine), ("theirs", theirs)):
        product = ProductPageFactory(producer=account.producer, title=f"Cà phê {key}")
        certificate = CertificateFactory(product=product, serial=f"GL-2024-{key}")
        entry = EntryFactory(product=product, competition=CompetitionFactory(status=CompetitionStatus.ENTRIES_OPEN))
        data[key] = {"account": account, "product": product, "certificate": certificate, "entry": entry}
    return data


def test_the_dashboard_shows_only_the_producers_own_records(client, two_producers):
    mine, theirs = two_producers["mine"], two_producers["theirs"]
    client.force_login(mine["account"].user)
    html = client.get("/co-so-san-xuat/").content.decode()
    assert mine["account"].producer.name in html
    assert "Cà phê mine" in html and "GL-2024-mine" in html and mine["entry"].code in html
    assert "Cà phê theirs" not in html and "GL-2024-theirs" not in html
    assert theirs["account"].producer.name not in html


@pytest.mark.parametrize("kind", ["product", "entry"])
def test_another_producers_record_answers_404(client, two_producers, kind):
    client.force_login(two_producers["mine"]["account"].user)
    own = client.get(reverse(f"producers:{kind}", args=[two_producers["mine"][kind].pk]))
    other = client.get(reverse(f"producers:{kind}", args=[two_producers["theirs"][kind].pk]))
    assert own.status_code == 200
    assert other.status_code == 404


def test_anonymous_visitors_are_sent_to_the_portal_sign_in(client, two_producers):
    response = client.get(reverse("producers:product", args=[two_producers["mine"]["product"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/co-so-san-xuat/dang-nhap/?next=")


def test_staff_without_a_producer_account_get_403(client, two_producers):
    client.force_login(UserFactory(staff=True))
    response = client.get(reverse("producers:product", args=[two_producers["mine"]["product"].pk]))
    assert response.status_code == 403
    assert "Tài khoản này không phải tài khoản cơ sở sản xuất." in response.content.decode()


def test_an_account_not_yet_linked_sees_nothing_of_a_producer(client, two_producers):
    account = ProducerAccountFactory(producer=None)
    client.force_login(account.user)
    assert client.get(reverse("producers:entry", args=[two_producers["mine"]["entry"].pk])).status_code == 404
    assert "Tìm và nhận cơ sở" in client.get("/co-so-san-xuat/").content.decode()


ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/binh-chon/",
    "/admin/co-so-san-xuat/",
    "/admin/co-so-san-xuat/moi/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_a_producer_account_never_gets_an_admin_page(client, two_producers, url):
    client.force_login(two_producers["mine"]["account"].user)
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


def test_certificate_validity_and_expiring_soon(client, home_page):
    account = ProducerAccountFactory()
    product = ProductPageFactory(producer=account.producer)
    soon = datetime.date.today() + datetime.timedelta(days=30)
    CertificateFactory(product=product, serial="GL-SAP-HET", valid_until=soon)
    CertificateFactory(product=product, serial="GL-HET", expired=True)
    client.force_login(account.user)
    html = client.get("/co-so-san-xuat/").content.decode()
    assert f"Hiệu lực đến {soon:%d/%m/%Y}" in html
    assert "Còn 30 ngày" in html
    assert "Hết hiệu lực" in html
    english = client.get("/en/co-so-san-xuat/").content.decode()
    assert "30 days left" in english and "Your products" in english


def test_published_results_show_recognition(client, home_page):
    account = ProducerAccountFactory()
    product = ProductPageFactory(producer=account.producer)
    entry = EntryFactory(product=product, competition=CompetitionFactory(status=CompetitionStatus.PUBLISHED))
    type(entry).objects.filter(pk=entry.pk).update(recognized=True)
    client.force_login(account.user)
    assert "Được công nhận" in client.get(reverse("producers:entry", args=[entry.pk])).content.decode()


def test_dashboard_queries_do_not_grow_with_the_records(client, home_page, django_assert_max_num_queries):
    account = ProducerAccountFactory()
    client.force_login(account.user)

    def add(count):
        for _ in range(count):
            product = ProductPageFactory(producer=account.producer)
            CertificateFactory(product=product)
            EntryFactory(product=product)

    add(1)
    with django_assert_max_num_queries(30) as small:
        assert client.get("/co-so-san-xuat/").status_code == 200
    add(9)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/co-so-san-xuat/").status_code == 200
