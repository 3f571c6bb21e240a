"""Local development: DEBUG on, SQLite by default, e-mail to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
