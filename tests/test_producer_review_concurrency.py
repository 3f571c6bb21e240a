"""A double click on "Tiếp nhận hồ sơ" on PostgreSQL: two requests accept the same application at once, in two
threads with their own connections; the row lock (``select_for_update`` in ``services.review.accept``) lets one
create the entry and the other answers 409 with the Vietnamese refusal. (SQLite's file locking is tested in
tests/test_producer_review.py.)"""

import threading

import pytest
from django.db import connection
from django.test import Client

from registry.competitions.models import Entry
from registry.producers.choices import ApplicationStatus
from registry.producers.models import Application
from tests.factories import ProducerAccountFactory, ProductPageFactory
from tests.test_producer_applications import open_competition
from tests.test_producer_review import detail_url, manager, submitted


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (run in CI)")
@pytest.mark.django_db(transaction=True)
def test_two_accepts_at_once_give_one_entry_and_one_409(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    account = ProducerAccountFactory()
    application = submitted(account, open_competition(), ProductPageFactory(producer=account.producer))
    staff = manager()
    clients = [Client(), Client()]
    for one in clients:
        one.force_login(staff)
    barrier = threading.Barrier(2)
    responses = []

    def accept(one):
        from django.db import connection as conn

        try:
            barrier.wait()
            responses.append(one.post(detail_url(application), {"action": "accept"}))
        finally:
            conn.close()

    threads = [threading.Thread(target=accept, args=(one,)) for one in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "Hồ sơ đang ở trạng thái “Đã tiếp nhận”" in refused.content.decode()
    assert Entry.objects.count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.entry == Entry.objects.get()
    assert Application.objects.get().events.filter(action="accept").count() == 1
