"""The search engine for real (issue 17), failure handling: the database answers while the node is stopped and
the engine again once it is back, refused requests and pages past the result window never mark the engine down,
a failed rebuild leaves no half-made index, and an update right after a search timeout is still written.

The catalogue of tests/search_data.py and every other indexed page type are built once for the module inside a
transaction rolled back at the end (each test runs in its own savepoint), and indexed once by ``rebuild()``
(the ``live`` fixture: tests/conftest.py, tests/live_search.py); tests that change the index use their own
product and leave the index as they found it. CI (.ci/run) starts an OpenSearch node; without
``ELASTICSEARCH_URL`` these tests are skipped locally and fail under ``CI`` (tests/live_search.py).
"""

import logging
import time

import pytest
from django.core.management import call_command

from registry.catalogue.product_search.service import catalogue_search
from search.elastic import client as engine_client
from search.site import site_search
from tests import live_search
from tests.live_search import PREFIX, titles

# The catalogue is built and indexed once for the module by the ``live`` fixture (tests/conftest.py,
# tests/live_search.py); ``engine_up`` starts each test with the engine not marked down.
pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db, pytest.mark.usefixtures("engine_up")]


def test_fallback_to_the_database_when_the_node_stops(live, settings, caplog):
    """Stop the node mid-run, search (the database answers, a warning is logged), start it, search again (the
    engine answers once the remembered failure has expired). The node is started again whatever happens."""
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.ELASTICSEARCH_RETRY_AFTER = 1
    caplog.set_level(logging.WARNING, logger="search")
    assert catalogue_search("tho cam").backend == "elasticsearch"
    live_search.control("stop")
    try:
        down = catalogue_search("tho cam")
        assert down.backend == "database"
        assert titles(down) == ["Thổ cẩm Jrai dệt tay"]
        assert "unavailable, the database backend answers" in caplog.text
        assert [hit.title for hit in site_search("tho cam", 1).object_list]  # the site search too
    finally:
        live_search.control("start")
    # The first searches of a node just started (cold JVM, queries compiled anew) can exceed 2 s on a busy CI machine:
    # that is a timeout, and a fallback again, not what this case checks (seen once with the ranking clauses).
    settings.ELASTICSEARCH_TIMEOUT = 30
    time.sleep(1.2)  # ELASTICSEARCH_RETRY_AFTER
    again = catalogue_search("tho cam")
    assert again.backend == "elasticsearch"
    assert titles(again) == ["Thổ cẩm Jrai dệt tay"]


@pytest.mark.parametrize("url", ["/tim-kiem/", "/san-pham/"])
@pytest.mark.parametrize("page", ["1001", "99999999999999999999"])
def test_a_page_past_the_result_window_never_marks_the_engine_down(live, client, url, page):
    """Issue: ``page=1001`` sent ``from=10000`` (400 "Result window is too large") and marked the cluster down for
    everyone. Pages are clamped before sending; a page past the last shows the last one."""
    response = client.get(url, {"q": "tay", "page": page})
    assert response.status_code == 200
    assert not engine_client.cache.get(engine_client.DOWN_KEY)
    assert catalogue_search("tay", page=int(page[:7])).backend == "elasticsearch"
    last = catalogue_search("tay")
    assert titles(catalogue_search("tay", page=int(page[:7]))) == titles(last)  # one page of hits: the last


def test_hits_past_the_result_window_are_said_to_be_more(live, client, monkeypatch):
    """report-t18 M3 on the engine: when the pages cannot reach every hit (the result window), the count says
    "more than" as on the database backend; a count the pages reach does not."""
    assert not site_search("d", 1).more_results
    total = site_search("d", 1).paginator.count
    assert total > 10
    monkeypatch.setattr(engine_client, "MAX_RESULT_WINDOW", 2)  # the first page (10 hits) only is reachable
    response = client.get("/tim-kiem/", {"q": "d", "page": "1"}, HTTP_ACCEPT_LANGUAGE="vi")
    page = response.context["page_obj"]
    assert page.more_results
    assert "Hơn " in response.content.decode()


def test_a_refused_request_does_not_mark_the_engine_down(live):
    engine = engine_client.get_client()
    with pytest.raises(engine_client.EngineRequestError, match="too large|result window"):
        engine.search(f"{PREFIX}-products", {"from": 10_000, "size": 10, "query": {"match_all": {}}})
    assert not engine_client.cache.get(engine_client.DOWN_KEY)


def test_a_failed_rebuild_leaves_no_index_and_never_marks_the_engine_down(live, monkeypatch):
    """Finding 6: the rebuild waits ``ELASTICSEARCH_REBUILD_TIMEOUT`` (60 s, not the searches' timeout); when a
    request times out after the node created the new index, that index is deleted; visitors keep the engine; the
    command says so in one line and exits non-zero."""
    from django.core.management.base import CommandError

    from search.elastic import engines

    original = engines.Engine.create_index
    timeouts = []

    def create_then_time_out(self, name, body):
        timeouts.append(self.timeout)
        original(self, name, body)
        if "-news-" in name:  # the node made it, but the answer came too late
            self.on_failure(self, TimeoutError("read timeout (simulated)"), True)

    monkeypatch.setattr(engines.Engine, "create_index", create_then_time_out)
    engine = engine_client.get_client(check_down=False)
    (before,) = engine.alias_targets(f"{PREFIX}-news")
    with pytest.raises(CommandError, match=r"did not answer within 60 s or is unreachable"):
        call_command("search_index", "--rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(timeouts) == {60.0}
    names = set(engine.client.indices.get(index=f"{PREFIX}-news-*"))
    assert names == {before}, names  # the half-made index is gone, the alias still names the old one
    assert not engine_client.cache.get(engine_client.DOWN_KEY)
    assert site_search("huong dan", 1).object_list and catalogue_search("tho cam").backend == "elasticsearch"


def test_an_update_right_after_a_search_timeout_is_applied(live, django_capture_on_commit_callbacks):
    """Finding 7: a search timeout marks the engine down for the searches only; an edit published right after it
    is written to the index (it was skipped for 30 s and logged as stale)."""
    producer = live.pages["producer"]
    engine_client.mark_down("ReadTimeout: a slow search (simulated)")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            producer.name = "Hộ kinh doanh Mây tre Ia Băng Quokka"
            producer.save()
        engine = engine_client.get_client(check_down=False)
        engine.refresh(f"{PREFIX}-producers")
        found = engine.search(f"{PREFIX}-producers", {"query": {"match": {"title": "quokka"}}})
        assert [hit["_id"] for hit in found["hits"]["hits"]] == [str(producer.pk)]
        assert engine_client.cache.get(engine_client.DOWN_KEY)  # the searches still wait for the retry window
    finally:
        engine_client.mark_up()
        with django_capture_on_commit_callbacks(execute=True):
            producer.name = "Hộ kinh doanh Mây tre Ia Băng"
            producer.save()
