"""``manage.py refresh_qr_codes``: redraw the QR codes stored on certificates that encode another address than
their verification page on the current ``SITE_URL`` (report t14, finding 7). Run by ``setup_site``; safe to run
again (a second run redraws nothing)."""

from django.core.management.base import BaseCommand

from registry.catalogue.models import Certificate


class Command(BaseCommand):
    help = (
        "Redraw the QR codes stored on certificates whose encoded address is not their verification page on the "
        "current SITE_URL (e.g. issued under the development address before deployment). Idempotent; run by "
        "setup_site."
    )

    def handle(self, *args, **options):
        redrawn, total = Certificate.objects.all().refresh_stored_qr()
        self.stdout.write(f"QR codes redrawn: {redrawn} of {total} certificates (the others already encode SITE_URL).")
