"""Elasticsearch/OpenSearch backend, offline: index updates — publishing, unpublishing, moving and deleting pages
and editing a producer enqueue the index tasks (none with the database backend), and the tasks log and return when
the cluster is unreachable (the ``unreachable`` fixture: tests/conftest.py)."""

import logging

import pytest

from tests.search_data import build_catalogue


class Recorder:
    def __init__(self, action, calls):
        self.action, self.calls = action, calls

    def enqueue(self, *args):
        self.calls.append((self.action, *args))


@pytest.mark.django_db
def test_publish_unpublish_move_delete_enqueue_index_tasks(
    home_page, unreachable, monkeypatch, django_capture_on_commit_callbacks
):
    from search.elastic import tasks
    from tests.factories import ProductPageFactory

    products = build_catalogue()
    calls = []
    monkeypatch.setattr(tasks, "update_search_document", Recorder("update", calls))
    monkeypatch.setattr(tasks, "delete_search_document", Recorder("delete", calls))
    monkeypatch.setattr(tasks, "update_search_subtree", Recorder("subtree", calls))
    honey = products["honey"]
    with django_capture_on_commit_callbacks(execute=True):
        honey.save_revision().publish()
    assert calls == [("update", "catalogue.productpage", honey.pk)]
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        honey.unpublish()
    assert ("delete", "catalogue.productpage", honey.pk) in calls
    calls.clear()
    spare = ProductPageFactory(title="Tiêu đen", slug="tieu-den")
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spare.move(spare.get_parent(), pos="first-child")
    assert calls == [("subtree", spare.pk)]  # one task: the page and the pages under it (tasks.index_subtree)
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spare.delete()
    assert ("delete", "catalogue.productpage", spare.pk) in calls
    calls.clear()
    producer = products["brocade"].producer
    with django_capture_on_commit_callbacks(execute=True):
        producer.save()
    assert ("update", "catalogue.producer", producer.pk) in calls
    assert ("update", "catalogue.productpage", products["brocade"].pk) in calls


@pytest.mark.django_db
def test_index_tasks_log_and_return_when_cluster_is_down(home_page, unreachable, caplog):
    from search.elastic.tasks import delete_search_document, update_search_document

    products = build_catalogue()
    caplog.set_level(logging.WARNING, logger="search")
    assert update_search_document.call("catalogue.productpage", products["honey"].pk) == "unavailable"
    assert "Search index update of catalogue.productpage" in caplog.text
    assert delete_search_document.call("catalogue.productpage", 999) == "unavailable"
    assert update_search_document.call("catalogue.certificate", 1) == "ignored"


@pytest.mark.django_db
def test_nothing_is_enqueued_with_the_database_backend(home_page, settings, django_capture_on_commit_callbacks):
    settings.CATALOGUE_SEARCH_BACKEND = "database"
    products = build_catalogue()
    with django_capture_on_commit_callbacks() as callbacks:
        products["honey"].save_revision().publish()
    assert not [c for c in callbacks if "enqueue" in repr(c)]
