"""Parallel dossier uploads on PostgreSQL (issue 15 leftover: the row lock of ``services.applications`` was only
tested on SQLite's file lock): several threads, each with its own connection, upload to the same application at
once — the file limit is never passed, and no file lands after a resubmission's version (every file the
application holds once resubmitted is in that version). Runs when ``DATABASE_URL`` is PostgreSQL (CI sets it)."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from registry.producers.choices import ApplicationStatus, DocumentKind
from registry.producers.models import Application
from registry.producers.services import review
from tests.factories import ProducerAccountFactory, ProductPageFactory
from tests.test_producer_applications import PDF, open_competition
from tests.test_producer_review import manager, submitted

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL; CI)"),
    pytest.mark.django_db(transaction=True),
]
THREADS = 6


def at_once(account, actions):
    """Run each ``action(client)`` in its own thread with its own signed-in client and database connection, all
    released together; return their responses."""
    barrier = threading.Barrier(len(actions))
    responses = [None] * len(actions)

    def run(index, action):
        client = Client()
        client.force_login(account.user)
        try:
            barrier.wait()
            responses[index] = action(client)
        finally:
            connection.close()  # the thread's own connection (``connection`` is per thread)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def uploader(application, number):
    def action(client):
        upload = SimpleUploadedFile(f"tep-{number}.pdf", PDF)
        url = reverse("producers:application", args=[application.pk])
        return client.post(url, {"action": "upload", "kind": DocumentKind.OTHER, "file": upload})

    return action


@pytest.fixture
def application(home_page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    account = ProducerAccountFactory()
    return submitted(account, open_competition(), ProductPageFactory(producer=account.producer)), account


def test_parallel_uploads_never_pass_the_file_limit(application, settings):
    record, account = application
    review.ask_more_info(record, manager(), "Bổ sung phiếu kiểm nghiệm.")
    held = record.documents.current().count()  # the photo and the business registration
    settings.PRODUCER_DOSSIER_MAX_FILES = held + 2
    responses = at_once(account, [uploader(record, number) for number in range(THREADS)])
    codes = sorted(response.status_code for response in responses)
    assert codes == [302, 302] + [409] * (THREADS - 2)
    refused = next(response for response in responses if response.status_code == 409)
    assert f"Mỗi hồ sơ có tối đa {held + 2} tệp." in refused.content.decode()
    assert record.documents.current().count() == held + 2


def test_no_upload_lands_after_a_resubmission_version(application):
    record, account = application
    review.ask_more_info(record, manager(), "Bổ sung phiếu kiểm nghiệm.")

    def resubmit(client):
        return client.post(reverse("producers:application", args=[record.pk]), {"action": "submit"})

    responses = at_once(account, [resubmit] + [uploader(record, number) for number in range(THREADS - 1)])
    assert responses[0].status_code == 302
    record = Application.objects.get(pk=record.pk)
    assert record.status == ApplicationStatus.SUBMITTED
    version = record.versions.order_by("-number").first()
    assert version.number == 2
    # every file the application holds is in the resubmitted version: none landed after it
    assert set(record.documents.current().values_list("pk", flat=True)) == set(
        version.documents.values_list("pk", flat=True)
    )
    landed = [response for response in responses[1:] if response.status_code == 302]
    assert record.documents.current().count() == 2 + len(landed)
    for response in responses[1:]:
        assert response.status_code in (302, 409)
