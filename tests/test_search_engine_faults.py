"""The search engine's faults, offline (issue 17's attack): a request the engine refuses (4xx) never marks the
cluster down, pages are clamped to the engine's result window, index updates never create an unmapped index, a
rebuild replaces a plain index named like an alias and leaves no timestamped index behind when it fails, skipped
updates are logged as errors. The same cases against a real node are in tests/test_search_live_*.py."""

import logging
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import QueryDict

from search.elastic import client, indexing
from search.elastic.engines import OpenSearchEngine, caused_by_request, status_of
from search.text import MAX_PAGE, parse_page
from tests.search_data import build_catalogue


def opensearch_errors():
    from opensearchpy.exceptions import ConnectionError as OSConnectionError
    from opensearchpy.exceptions import ConnectionTimeout, NotFoundError, RequestError, TransportError

    return {
        "window": RequestError(400, "search_phase_execution_exception", {"error": "Result window is too large"}),
        "missing alias": NotFoundError(404, "index_not_found_exception", {}),
        "unreachable": OSConnectionError("N/A", "refused", None),
        "timeout": ConnectionTimeout("TIMEOUT", "timed out", None),
        "server": TransportError(503, "unavailable", {}),
        "overloaded": TransportError(429, "too many requests", {}),
    }


@pytest.mark.parametrize(
    ("name", "request_fault"),
    [
        ("window", True),
        ("missing alias", True),
        ("unreachable", False),
        ("timeout", False),
        ("server", False),
        ("overloaded", False),
    ],
)
def test_only_failures_of_the_engine_mark_it_down(settings, name, request_fault):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    cache.clear()
    error = opensearch_errors()[name]
    assert caused_by_request(error) is request_fault

    engine = OpenSearchEngine("http://127.0.0.1:9", 0.1, on_failure=client._failed)

    def refuse(index, body):
        raise error

    engine._search = refuse
    expected = client.EngineRequestError if request_fault else client.ElasticUnavailable
    with pytest.raises(expected):
        engine.search("kc-products", {})
    assert bool(cache.get(client.DOWN_KEY)) is not request_fault
    cache.clear()


def test_bulk_errors_take_the_worst_status():
    from opensearchpy.helpers import BulkIndexError

    rejected = BulkIndexError("1 document(s) failed", [{"index": {"status": 400, "error": "mapper_parsing"}}])
    assert status_of(rejected) == 400 and caused_by_request(rejected)
    failed = BulkIndexError("2 failed", [{"index": {"status": 400}}, {"index": {"status": 503}}])
    assert not caused_by_request(failed)


def test_the_elasticsearch_client_against_opensearch_says_so():
    from elastic_transport import ApiResponseMeta, HttpHeaders
    from elasticsearch import UnsupportedProductError

    from search.elastic.engines import ElasticsearchEngine

    meta = ApiResponseMeta(status=200, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=None)
    engine = ElasticsearchEngine("http://127.0.0.1:9", 0.1, on_failure=client._failed)

    def answer(index, body):
        raise UnsupportedProductError("The client noticed that the server is not Elasticsearch", meta, {})

    engine._search = answer
    with pytest.raises(client.ElasticUnavailable, match="looks like OpenSearch: set SEARCH_ENGINE=opensearch"):
        engine.search("kc-products", {})
    cache.clear()


@pytest.mark.parametrize(
    ("raw", "page"),
    [
        ("4", 4),
        ("1001", 1001),
        ("99999999999999999999", MAX_PAGE),  # past the last page, like page=4 of three: the last one is shown
        ("0999999999999", MAX_PAGE),
        ("0004", 4),
        ("0", 1),
        ("-5", 1),
        ("abc", 1),
        ("٣", 1),  # a digit, but not an ASCII one
        ("", 1),
    ],
)
def test_parse_page(raw, page):
    assert parse_page(QueryDict(f"page={raw}")) == page


def test_pages_are_clamped_to_the_result_window():
    assert client.last_window_page(10) == 1000
    assert client.clamp_page(1001, 10) == 1000
    assert client.clamp_page(MAX_PAGE, 12) == 833
    assert client.clamp_page(3, 12) == 3
    assert client.reachable_total(25_000, 12) == 833 * 12
    assert client.reachable_total(25, 12) == 25


@pytest.mark.django_db
def test_database_listing_shows_the_last_page_for_any_page_past_it(client, home_page):
    build_catalogue()
    response = client.get("/tim-kiem/", {"q": "tay", "page": "99999999999999999999"})
    page = response.context["page_obj"]
    assert page.number == page.paginator.num_pages


def test_index_updates_require_the_alias():
    sent = {}

    class Client:
        def index(self, **kwargs):
            sent.update(kwargs)

    engine = OpenSearchEngine.__new__(OpenSearchEngine)
    engine.client = Client()
    engine._index_document("kc-products", 1, {"title": "x"})
    assert sent["params"] == {"require_alias": "true"}


@pytest.mark.django_db
def test_rebuild_replaces_a_plain_index_named_like_the_alias(home_page, settings):
    from tests.es_stub import StubCluster

    build_catalogue()
    settings.SEARCH_ENGINE = "opensearch"
    with StubCluster() as cluster:
        settings.ELASTICSEARCH_URL = cluster.url
        settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
        cache.clear()
        cluster.indices["kc-products"] = [{"title": "auto-created"}]
        out = StringIO()
        call_command("search_index", "--rebuild", stdout=out)
    assert "kc-products was a plain index" in out.getvalue()
    assert "kc-products" not in cluster.indices
    (new,) = cluster.aliases["kc-products"]
    swap = next(
        body["actions"]
        for method, path, body in cluster.requests
        if path == "/_aliases" and any(a.get("add", {}).get("alias") == "kc-products" for a in body["actions"])
    )
    assert swap == [{"remove_index": {"index": "kc-products"}}, {"add": {"index": new, "alias": "kc-products"}}]


@pytest.mark.django_db
def test_a_failed_rebuild_deletes_its_new_index(home_page, settings, monkeypatch):
    from tests.es_stub import StubCluster

    build_catalogue()
    settings.SEARCH_ENGINE = "opensearch"

    def broken(engine, document_class, index_name, progress=None):
        raise client.EngineRequestError("mapper_parsing_exception")

    monkeypatch.setattr(indexing, "fill", broken)
    with StubCluster() as cluster:
        settings.ELASTICSEARCH_URL = cluster.url
        settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
        cache.clear()
        with pytest.raises(client.EngineRequestError):
            indexing.rebuild()
    created = [path for method, path, _ in cluster.requests if method == "PUT" and path.startswith("/kc-products-")]
    assert created and ("DELETE", created[0]) in [(m, p) for m, p, _ in cluster.requests]
    assert not [name for name in cluster.indices if name.startswith("kc-")]
    assert not cache.get(client.DOWN_KEY)


@pytest.mark.django_db
def test_a_skipped_update_is_logged_as_an_error_asking_for_a_rebuild(home_page, settings, caplog):
    from search.elastic.tasks import update_search_document

    products = build_catalogue()
    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    cache.clear()
    client.mark_down("refused")
    caplog.set_level(logging.ERROR, logger="search")
    assert update_search_document.call("catalogue.productpage", products["honey"].pk) == "unavailable"
    (record,) = [r for r in caplog.records if r.name == "search"]
    assert record.levelno == logging.ERROR and "search_index --rebuild" in record.getMessage()
    cache.clear()


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("SEARCH_ENGINE", "opensarch", "search.E001"),
        ("CATALOGUE_SEARCH_BACKEND", "elastic", "search.E002"),
    ],
)
def test_system_checks_name_an_unknown_engine_or_backend(settings, setting, value, check_id):
    from search.checks import check_search_settings

    setattr(settings, setting, value)
    errors = check_search_settings()
    assert [error.id for error in errors] == [check_id]
    assert value in errors[0].msg


def test_system_checks_pass_with_the_known_settings(settings):
    from search.checks import check_search_settings

    settings.SEARCH_ENGINE = "opensearch"
    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    assert check_search_settings() == []
    settings.CATALOGUE_SEARCH_BACKEND = "database"
    assert check_search_settings() == []


def test_manage_py_check_reports_an_unknown_engine(settings):
    from django.core.management.base import SystemCheckError

    settings.SEARCH_ENGINE = "solr"
    with pytest.raises(SystemCheckError, match="search.E001"):
        call_command("check", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_a_page_of_a_type_without_its_own_document_goes_to_the_pages_index(
    home_page, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from search.elastic import tasks
    from tests.factories.news import BulletinPageFactory

    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    calls = []

    class Recorder:
        def __init__(self, action):
            self.action = action

        def enqueue(self, label, pk):
            calls.append((self.action, label, pk))

    monkeypatch.setattr(tasks, "update_search_document", Recorder("update"))
    monkeypatch.setattr(tasks, "delete_search_document", Recorder("delete"))
    bulletin = BulletinPageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.save_revision().publish()
    assert ("update", "wagtailcore.page", bulletin.pk) in calls
    document = indexing.document_for("wagtailcore.page")
    assert bulletin.pk in set(document.source_queryset().values_list("pk", flat=True))
    body = document.from_object(bulletin).to_dict()
    assert body["page_type"] == "news.bulletinpage" and body["kind"] == "page"


def test_the_opensearch_client_keeps_a_pool_of_connections():
    """Issue: opensearch-py's default pool holds one connection ("Connection pool is full … size: 1" logged 92
    times under two concurrent clients)."""
    engine = OpenSearchEngine("http://127.0.0.1:9", 0.1, on_failure=client._failed, pool_size=10)
    (connection,) = engine.client.transport.connection_pool.connections
    assert connection.pool.pool.maxsize == 10  # urllib3: the queue of idle connections


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tim-kiem/", "/san-pham/", "/tim-kiem/goi-y/"])
def test_an_answer_of_the_database_fallback_is_never_page_cached(client, home_page, settings, url):
    """Tester's finding 8: while the engine was down, the database's answer (here "no result" for a product that
    only the engine would have found) was stored and served after the engine came back. It is never stored; the
    engine's own answers still are."""
    from search.elastic.client import mark_down

    build_catalogue()
    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nobody listens: every search falls back
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    mark_down("refused")
    for _ in range(3):  # a URL with a query string is stored on its second request, served on the third
        response = client.get(url, {"q": "tho cam"})
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
    settings.CATALOGUE_SEARCH_BACKEND = "database"  # the same URLs answered by the configured database: cached
    for _ in range(3):
        last = client.get(url, {"q": "tho cam"})
    assert last["X-Page-Cache"] == "hit"
    cache.clear()


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("thổ\u200bcẩm", "thổ cẩm"),  # zero-width space: a word boundary
        ("thổ\u200ccẩm", "thổ cẩm"),  # zero-width non-joiner
        ("thổ\u2060cẩm", "thổ cẩm"),  # word joiner
        # a soft hyphen between two syllables (each a word in Vietnamese) separates them in a query (tester's L3 of
        # 30 Nov): "Gia Lai" is what the index holds, "GiaLai" matched nothing; saved text still drops it
        ("Gia\u00adLai", "Gia Lai"),
        ("\ufeffthổ cẩm", "thổ cẩm"),
    ],
)
def test_zero_width_characters_in_a_query_are_read_the_same_by_every_backend(typed, cleaned):
    """Tester's finding 11: "thổ\u200bcẩm" found nothing on either backend (the space was dropped). Both
    backends get the query from search.text.clean_text; the live parity test runs it through both."""
    from search.text import clean_text, query_tokens

    assert clean_text(typed) == cleaned
    assert query_tokens(clean_text(typed)) == query_tokens(cleaned)


def test_the_rebuild_has_its_own_long_timeout_and_never_marks_the_engine_down(settings):
    """Tester's finding 6: the rebuild used the searches' 2 s timeout; its failures marked the engine down."""
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 2
    cache.clear()
    assert client.rebuild_timeout() == 60
    settings.ELASTICSEARCH_REBUILD_TIMEOUT = 90
    engine = client.maintenance_client(client.rebuild_timeout())
    assert engine.timeout == 90 and client.get_client().timeout == 2
    client.mark_down("a slow search")
    assert client.maintenance_client() is not None  # maintenance ignores the searches' memory of a failure
    client.mark_up()
    with pytest.raises(client.ElasticUnavailable):
        engine.search("kc-products", {})
    assert not cache.get(client.DOWN_KEY)


@pytest.mark.django_db
def test_the_rebuild_command_fails_in_one_line_and_non_zero(home_page, settings):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "manage.py", "search_index", "--rebuild", "--timeout", "0.5"],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **__import__("os").environ,
            "CATALOGUE_SEARCH_BACKEND": "elasticsearch",
            "ELASTICSEARCH_URL": "http://127.0.0.1:9",
            "SEARCH_ENGINE": "opensearch",
        },
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "did not answer within 0.5 s or is unreachable" in done.stderr
