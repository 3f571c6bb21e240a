"""Local development: DEBUG on, SQLite by default, e-mail to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# `make run` serves with DEBUG off, as visitors see the site (our own 404 and 500 pages); media files are then
# served by Django itself, which only a development server should do.
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
