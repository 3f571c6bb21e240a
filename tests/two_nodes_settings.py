"""Settings of the processes of the two-node drill (tests/two_nodes.py): production's, with three changes that only a
drill on one machine over plain HTTP needs. Never used to serve the site."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES, env

# Static files from the source tree (no collectstatic manifest to build for a drill of a minute).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
# The drill's browser talks plain HTTP to 127.0.0.1: session and CSRF cookies without the Secure flag.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# E-mails the worker sends are files the drill can read.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
