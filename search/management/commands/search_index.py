"""``manage.py search_index --rebuild [--timeout SECONDS]``: rebuild every search-engine index (Elasticsearch or
OpenSearch) behind its alias, with a progress bar. Requests wait up to ``--timeout`` seconds (default
``ELASTICSEARCH_REBUILD_TIMEOUT``, 60). A failure prints one clear line (no traceback unless ``--traceback``), exits
with status 1, leaves the aliases that were not swapped on their old indices, and never marks the engine down for the
site's visitors."""

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from search.elastic.client import ElasticUnavailable, EngineRequestError, engine_name, rebuild_timeout
from search.elastic.indexing import rebuild as rebuild_indices


def progress_bar(stdout, width=30):
    """A callback drawing ``alias [#####-----] done/total`` lines (redrawn in place on a terminal)."""
    is_tty = hasattr(stdout, "isatty") and stdout.isatty()

    def draw(label, done, total):
        filled = width if not total else int(width * done / total)
        line = f"{label:<28} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}"
        if is_tty:
            stdout.write("\r" + line, ending="\n" if done >= total else "")
        elif done >= total:
            stdout.write(line)
        stdout.flush()

    return draw


# The clients log each failed request with its traceback (a warning): the command's one line says it all.
CLIENT_LOGGERS = ("opensearch", "elastic_transport", "elastic_transport.transport", "elasticsearch")


@contextmanager
def quiet_clients():
    loggers = [logging.getLogger(name) for name in CLIENT_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Manage the search-engine indices of the site search (Elasticsearch or OpenSearch, needs ELASTICSEARCH_URL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Build new indices from the database, then swap the aliases (search never goes empty).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Seconds each request to the engine may take (default: ELASTICSEARCH_REBUILD_TIMEOUT, 60).",
        )

    def handle(self, *args, rebuild=False, timeout=None, **options):
        if not rebuild:
            raise CommandError("Nothing to do: use --rebuild.")
        if timeout is not None and timeout <= 0:
            raise CommandError("--timeout must be a positive number of seconds.")
        seconds = timeout or rebuild_timeout()
        try:
            with quiet_clients():
                counts = rebuild_indices(
                    progress=progress_bar(self.stdout),
                    notice=lambda text: self.stdout.write(self.style.WARNING(text)),
                    timeout=seconds,
                )
        except EngineRequestError as error:
            raise CommandError(
                f"The search engine refused the rebuild (this index was not swapped): {error}"
            ) from error
        except ElasticUnavailable as error:
            raise CommandError(
                f"The search engine did not answer within {seconds:g} s or is unreachable, the rebuild stopped (the "
                f"site keeps searching the old indices; try again, or with a longer --timeout): {error}"
            ) from error
        except Exception as error:  # noqa: BLE001 - a document that cannot be built: one line, not a traceback
            raise CommandError(
                f"The rebuild stopped on an error while building the documents (the site keeps searching the old "
                f"indices; run with --traceback for details): {type(error).__name__}: {error}"
            ) from error
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {total} documents into {len(counts)} indices ({engine_name()}).")
        )
