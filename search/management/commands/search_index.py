"""``manage.py search_index --rebuild``: rebuild every search-engine index (Elasticsearch or OpenSearch) behind its
alias, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError

from search.elastic.client import ElasticUnavailable, EngineRequestError, engine_name
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


class Command(BaseCommand):
    help = "Manage the search-engine indices of the site search (Elasticsearch or OpenSearch, needs ELASTICSEARCH_URL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Build new indices from the database, then swap the aliases (search never goes empty).",
        )

    def handle(self, *args, rebuild=False, **options):
        if not rebuild:
            raise CommandError("Nothing to do: use --rebuild.")
        try:
            counts = rebuild_indices(
                progress=progress_bar(self.stdout), notice=lambda text: self.stdout.write(self.style.WARNING(text))
            )
        except EngineRequestError as error:
            raise CommandError(f"The search engine refused the rebuild (nothing was swapped): {error}") from error
        except ElasticUnavailable as error:
            raise CommandError(f"The search engine is unavailable: {error}") from error
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {total} documents into {len(counts)} indices ({engine_name()}).")
        )
