"""Shared fixtures: the site tree, demo accounts, Playwright pointed at Debian's Chromium, and the search engine's
(the live node's catalogue, an unreachable cluster)."""

import os
import shutil

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test body are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_terminal_summary(terminalreporter):
    """Say how many live search-engine tests ran (issue 17: CI prints their count; none may be skipped there)."""
    from tests.live_search import summary_line

    if line := summary_line(terminalreporter.stats):
        terminalreporter.write_line(line)


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium headless. Without it: skip locally, fail in CI (CI must run browser tests)."""
    path = chromium_path()
    if not path:
        reason = "Chromium not installed: apt-get install chromium, or set CHROMIUM_PATH"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set, so browser tests may not be skipped)")
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": path, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _serialized_rollback(django_db_serialized_rollback):
    """Transactional tests (live server, threads) restore the data that migrations create (groups, permissions,
    categories, rubrics, the page tree) instead of leaving a flushed database to the tests that follow."""


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Vietnamese, the site's default: a request under /en/ must not leak into the next test."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's HomePage (created by the home migration; rebuilt if a transactional test flushed it)."""
    from tests.factories import ensure_site

    return ensure_site()


@pytest.fixture
def demo_accounts(home_page):
    """The demo users of ``seed_demo`` in the groups of ``core.roles`` (password ``khuyencong2026``)."""
    from demo.context import SeedContext
    from demo.site import seed_accounts

    ctx = SeedContext(write=lambda *_: None)
    seed_accounts(ctx)
    return ctx.users


@pytest.fixture(scope="module")
def live(request, django_db_blocker):
    """The live search-engine modules (tests/test_search_live_*.py): the catalogue in the database (rolled back after
    the module) and in the engine's indices; skipped without ``ELASTICSEARCH_URL`` (tests/live_search.py)."""
    from tests.live_search import live_catalogue

    yield from live_catalogue(request, django_db_blocker)


@pytest.fixture
def engine_up(live):
    """Each live search test starts with the engine not marked down (the fallback case marks it)."""
    from tests.live_search import engine_marked_up

    yield from engine_marked_up()


@pytest.fixture
def unreachable(settings):
    """Elasticsearch configured at a port nobody listens on, with tiny timeouts (tests/test_search_elastic_*.py)."""
    from django.core.cache import cache

    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    settings.ELASTICSEARCH_INDEX_PREFIX = "khuyencong-offline"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


def pytest_report_header(config):
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return [f"database: {db}", f"chromium: {chromium_path() or 'not found'}"]
