"""Production defaults that keep a request cheap: persistent database connections, the cached template loader,
cached staff sessions and a rendition cache of its own (issue 14)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.template import engines

PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 64 + "-production-test-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "khuyencong.example.org",
    "DATABASE_URL": "postgres://khuyencong:secret@127.0.0.1:5432/khuyencong",
    "SITE_URL": "https://khuyencong.example.org",
    "EMAIL_URL": "smtp+tls://khuyencong:secret@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "Trung tâm Khuyến công <khuyencong@example.org>",
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
}
PRINT_SETTINGS = """
import json
from django.conf import settings
from django.template import engines
print(json.dumps({
    "db": {k: settings.DATABASES["default"].get(k) for k in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
    "loaders": [str(loader) for loader in engines["django"].engine.loaders],
    "debug": settings.DEBUG,
    "session": settings.SESSION_ENGINE,
    "caches": settings.CACHES,
}))
"""
OVERRIDABLE = ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "SESSION_ENGINE", "CACHE_URL", "RENDITIONS_CACHE_URL")


def production_settings(**extra):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in OVERRIDABLE}
    env.update(PRODUCTION_ENV, **extra)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_SETTINGS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def defaults():
    return production_settings()


def test_production_keeps_database_connections_and_checks_them(defaults):
    assert defaults["db"] == {"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}


def test_connection_lifetime_comes_from_the_environment():
    assert production_settings(CONN_MAX_AGE="0", CONN_HEALTH_CHECKS="false")["db"] == {
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }


def test_production_reads_templates_once_per_worker(defaults):
    assert defaults["debug"] is False
    assert len(defaults["loaders"]) == 1 and "cached.Loader" in defaults["loaders"][0]


def test_staff_sessions_come_from_the_cache(defaults):
    assert defaults["session"] == "django.contrib.sessions.backends.cached_db"


def test_renditions_have_a_cache_of_their_own_that_never_expires(defaults):
    default, renditions = defaults["caches"]["default"], defaults["caches"]["renditions"]
    assert renditions["BACKEND"] == "core.cache.RenditionFileCache"
    assert renditions["LOCATION"] == default["LOCATION"] + "/renditions"
    assert renditions["TIMEOUT"] is None


def test_a_shared_cache_server_keeps_renditions_under_their_own_prefix():
    caches = production_settings(CACHE_URL="redis://127.0.0.1:6379/1")["caches"]
    assert caches["renditions"]["LOCATION"] == caches["default"]["LOCATION"]
    assert caches["renditions"]["KEY_PREFIX"] == "renditions"


def test_tests_and_development_open_a_connection_per_request():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 0
    assert "cached.Loader" in str(engines["django"].engine.loaders[0])
