"""System checks (``manage.py check``) of the search settings: a misspelt engine or backend is not silent."""

from django.conf import settings
from django.core import checks


def check_search_settings(app_configs=None, **kwargs):
    """``SEARCH_ENGINE`` must be a known engine and ``CATALOGUE_SEARCH_BACKEND`` a known backend."""
    from .elastic.engines import ENGINES
    from .service import BACKENDS

    errors = []
    engine = (getattr(settings, "SEARCH_ENGINE", "") or "elasticsearch").strip().lower()
    if engine not in ENGINES:
        errors.append(
            checks.Error(
                f"SEARCH_ENGINE is {engine!r}, which is not a known search engine.",
                hint=f"Set it to one of: {', '.join(ENGINES)}.",
                id="search.E001",
            )
        )
    backend = getattr(settings, "CATALOGUE_SEARCH_BACKEND", "") or "database"
    if backend not in BACKENDS:
        errors.append(
            checks.Error(
                f"CATALOGUE_SEARCH_BACKEND is {backend!r}, which is not a known backend (the database would answer "
                "every search).",
                hint=f"Set it to one of: {', '.join(BACKENDS)}.",
                id="search.E002",
            )
        )
    elif backend == "elasticsearch" and not getattr(settings, "ELASTICSEARCH_URL", ""):
        errors.append(
            checks.Warning(
                "CATALOGUE_SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is empty: the database answers.",
                hint="Set ELASTICSEARCH_URL to the engine's address (e.g. http://127.0.0.1:9200).",
                id="search.W001",
            )
        )
    return errors


def register():
    """Called once from ``SearchConfig.ready()``."""
    checks.register(check_search_settings, checks.Tags.compatibility)
