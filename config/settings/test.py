"""Test runs: fast hashing, in-memory e-mail and cache, tasks run immediately."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: tests that run management commands in another process (page cache, backups) share it.
    # One file per test run (runs side by side never share it); Django deletes it when the run ends.
    DATABASES["default"]["TEST"] = {"NAME": f"/tmp/khuyencong-test-{os.getpid()}.sqlite3"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    # The test database has the task table: tests/test_two_nodes.py runs web nodes and a db_worker on it.
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CATALOGUE_SEARCH_BACKEND = "database"

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Login throttling is tested on its own (tests/test_login_throttling.py); elsewhere client.login() has no request.
AXES_ENABLED = False
