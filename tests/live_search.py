"""What the live search-engine tests (tests/test_search_live_*.py) need from the environment (issue 17): the
engine's URL, which engine it is, and the script that stops and starts the node (for the fallback case); and what
those modules share: the catalogue indexed once per module (the ``live`` fixture of tests/conftest.py is
:func:`live_catalogue`), the index prefix, and the helpers that read hits.

    ELASTICSEARCH_URL=http://127.0.0.1:9200   the node (Elasticsearch 8 or OpenSearch 2)
    SEARCH_ENGINE=opensearch                  which one (default elasticsearch)
    SEARCH_NODE_CONTROL=.ci/opensearch        `stop` / `start` it (the fallback case)

Without them the live tests are skipped with the reason printed (pytest -ra); with ``CI`` set they fail instead, as
the browser tests do: CI must run them (.ci/run starts an OpenSearch node and exports these variables).
"""

import html
import os
import subprocess
import time
import unicodedata
from types import SimpleNamespace

import pytest

URL = os.environ.get("ELASTICSEARCH_URL", "")
ENGINE = os.environ.get("SEARCH_ENGINE", "") or "elasticsearch"
CONTROL = os.environ.get("SEARCH_NODE_CONTROL", "")
LIVE_MODULES = "tests/test_search_live_"  # the start of every live module's path (summary_line counts them)
PREFIX = "khuyencong-live"  # the live tests' indices and template: <PREFIX>-*, deleted after each module
NFD = unicodedata.normalize


def required(reason):
    """Skip locally with ``reason``; fail when ``CI`` is set (CI may not skip the live tests)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the live search tests may not be skipped)")
    pytest.skip(reason)


def live_url():
    """The engine's URL, or skip/fail (see :func:`required`)."""
    if not URL:
        required("ELASTICSEARCH_URL is not set: no live search engine (Elasticsearch or OpenSearch) to test against")
    return URL


def control(action, timeout=300):
    """Run ``$SEARCH_NODE_CONTROL stop|start`` (start waits until the node's health is green or yellow)."""
    if not CONTROL:
        required("SEARCH_NODE_CONTROL is not set: the node cannot be stopped and started by the tests")
    done = subprocess.run([CONTROL, action], capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{CONTROL} {action} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def summary_line(stats):
    """ "live search tests (opensearch at URL): 60 passed" from pytest's terminal stats, or "" when none ran."""
    counts = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in stats.get(outcome, []):
            if report.nodeid.startswith(LIVE_MODULES):
                counts[outcome] = counts.get(outcome, 0) + 1
    if not counts:
        return ""
    where = f"{ENGINE} at {URL}" if URL else "no engine: ELASTICSEARCH_URL not set"
    return f"live search tests ({where}): " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items())


def stream(*blocks):
    """A StreamField value (JSON) of ``(block type, value)`` pairs."""
    import json

    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def build_pages():
    """Every indexed page type besides products, each with what the database backend searches filled in, bodies
    included: a StreamField with a heading and rich text (standard page, news), a StreamField of structs (bulletin),
    a rich text field (call for entries), artisans with Jrai names written with an apostrophe (ASCII and curly), a
    craft village, and a producer known by its address and representative. A rebuild once crashed on any non-empty
    StreamField body, and the live factories had none (issue 17, tester's finding 1). Returns them by a short key."""
    from tests.factories import ArtisanPageFactory, CraftVillagePageFactory, ProducerFactory
    from tests.factories.competitions import CompetitionFactory
    from tests.factories.home import StandardPageFactory, ensure_site
    from tests.factories.news import AnnouncementPageFactory, BulletinPageFactory, NewsPageFactory

    return {
        "producer": ProducerFactory(
            name="Hộ kinh doanh Mây tre Ia Băng",
            slug="ho-may-tre-ia-bang",
            representative="Lê Minh Tâm",
            address="12 Trần Phú, Pleiku",
            legacy_district="Thành phố Pleiku",
        ),
        "artisan": ArtisanPageFactory(
            title="Ksor H'Bia", slug="ksor-h-bia", trade="Dệt thổ cẩm", summary="Nghệ nhân dệt của làng Ia Mơ."
        ),
        "artisan_curly": ArtisanPageFactory(
            title="Rơ Châm H\u2019Lin", slug="ro-cham-h-lin", trade="Đan lát", summary="Đan gùi, đan nia."
        ),
        "village": CraftVillagePageFactory(
            title="Làng đan lát Ia Băng",
            slug="lang-dan-lat-ia-bang",
            main_trade="Đan lát mây tre",
            legacy_district="Đak Đoa",
            summary="Làng nghề truyền thống.",
        ),
        "news": NewsPageFactory(
            title="Hướng dẫn hồ sơ đề nghị hỗ trợ kinh phí",
            slug="huong-dan-ho-so",
            summary="Thủ tục năm 2026.",
            no_image=True,
            body=stream(
                (
                    "paragraph",
                    "<p>Các cơ sở nộp hồ sơ và <b>phí</b> thẩm định; mức hỗ trợ khuyến công tối đa 50 triệu đồng.</p>",
                ),
            ),
        ),
        "bulletin": BulletinPageFactory(
            title="Tập san làng nghề quý Ba",
            slug="tap-san-quy-ba",
            contents=stream(("entry", {"title": "Nghề rèn Tây Phương Danh giữ lửa", "page_number": 3})),
        ),
        "standard": StandardPageFactory(
            title="Quy chế hoạt động",
            slug="quy-che-hoat-dong",
            parent=ensure_site(),
            intro="Văn bản của đơn vị.",
            body=stream(("heading", "Điều 1"), ("paragraph", "<p>Chương trình <i>khuyến công</i> Quokkaword.</p>")),
        ),
        "announcement": AnnouncementPageFactory(
            title="Thông báo nhận hồ sơ bình chọn",
            slug="thong-bao-nhan-ho-so",
            competition=CompetitionFactory(),
            body="<p>Hồ sơ gửi về văn phòng trước ngày 30/4, <b>Zebrawort</b>.</p>",
        ),
    }


def live_catalogue(request, django_db_blocker):
    """The ``live`` fixture (tests/conftest.py, module scope): the catalogue of tests/search_data.py and every other
    indexed page type (:func:`build_pages`) in the database, inside a transaction rolled back after the module (each
    test runs in its own savepoint), and in the engine's indices, built once by ``rebuild()``. Yields the products,
    the pages, the rebuild's counts and its duration; the indices are deleted at the end (:func:`drop_live_indices`).
    """
    from django.db import transaction
    from django.test import override_settings

    from search.elastic import client as engine_client
    from search.elastic.indexing import rebuild
    from tests.factories.home import ensure_site
    from tests.search_data import build_catalogue

    url = live_url()  # skip (or fail under CI) before the test database is even created
    request.getfixturevalue("django_db_setup")
    with (
        override_settings(
            CATALOGUE_SEARCH_BACKEND="elasticsearch",
            SEARCH_ENGINE=ENGINE,
            ELASTICSEARCH_URL=url,
            ELASTICSEARCH_INDEX_PREFIX=PREFIX,
            ELASTICSEARCH_TIMEOUT=30,  # a real node on a busy CI machine; the fallback case sets its own
        ),
        django_db_blocker.unblock(),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            ensure_site()
            products = build_catalogue()
            pages = build_pages()  # every other indexed type, with bodies (StreamField, rich text)
            engine_client.mark_up()
            started = time.monotonic()
            counts = rebuild()
            yield SimpleNamespace(
                products=products, pages=pages, counts=counts, rebuild_seconds=time.monotonic() - started
            )
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            drop_live_indices()


def engine_marked_up():
    """The ``engine_up`` fixture (tests/conftest.py; every live module uses it): each test starts with the engine
    not marked down (the fallback case marks it)."""
    from search.elastic import client as engine_client

    engine_client.mark_up()
    yield
    engine_client.mark_up()


def drop_live_indices(prefix=PREFIX):
    """Delete the indices and the template the live tests made (``<prefix>-*``): the node is left as found."""
    from search.elastic import client as engine_client

    engine = engine_client.get_client(check_down=False)
    indices = engine.client.indices
    names = [name for name in indices.get(index=f"{prefix}-*") if name.startswith(f"{prefix}-")]
    for name in names:
        indices.delete(index=name)
    if indices.exists_index_template(name=f"{prefix}-template"):
        indices.delete_index_template(name=f"{prefix}-template")


def titles(results):
    return [hit.object.title for hit in results.hits]


def refresh_all():
    from search.elastic import client as engine_client

    engine_client.get_client(check_down=False).refresh(f"{PREFIX}-*")


def site_hits(query, backend=None, settings=None):
    """Every hit of the site search for ``query`` as the view sees it (search.text.clean_text first), all pages:
    [(title without marks, url, kind)]; ``backend`` "database" switches the backend for this call."""
    from django.utils.html import strip_tags

    from search.site import site_search
    from search.text import clean_text

    previous = settings.CATALOGUE_SEARCH_BACKEND if settings is not None else None
    if backend and settings is not None:
        settings.CATALOGUE_SEARCH_BACKEND = backend
    try:
        text = clean_text(query)
        first = site_search(text, 1)
        hits = list(first.object_list)
        for number in range(2, first.paginator.num_pages + 1):
            hits += list(site_search(text, number).object_list)
        return [(html.unescape(strip_tags(hit.title)), hit.url, hit.kind, hit.lang) for hit in hits]
    finally:
        if settings is not None:
            settings.CATALOGUE_SEARCH_BACKEND = previous
