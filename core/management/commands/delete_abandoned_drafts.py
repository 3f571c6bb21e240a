"""Delete the draft pages an abandoned "Viết tin mới" left behind before the create view stopped autosaving
(``core/admin_create.py``): never published, never submitted for approval, saved once, without children, and older
than ``--days`` (7). ``--dry-run`` lists them only."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import Page, Revision


def abandoned_drafts(days=7, now=None):
    """The pages that are abandoned drafts (see the module docstring), oldest first."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    candidates = (
        Page.objects.filter(live=False, first_published_at__isnull=True, numchild=0, depth__gt=2)
        .filter(_workflow_states__isnull=True, go_live_at__isnull=True, locked=False)
        .filter(latest_revision_created_at__lt=cutoff)
        .order_by("latest_revision_created_at")
    )
    return [page for page in candidates if Revision.page_revisions.filter(object_id=str(page.pk)).count() <= 1]


class Command(BaseCommand):
    help = "Delete never-published, never-submitted drafts saved once and older than --days (abandoned new pages)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        drafts = abandoned_drafts(days)
        for page in drafts:
            self.stdout.write(f"{page.pk}\t{page.url_path}\t{page.title}")
            if not dry_run:
                page.delete()
        self.stdout.write(f"{len(drafts)} abandoned drafts" + (" (dry run)" if dry_run else " deleted"))
