"""``manage.py seed_demo [--scale N]``: realistic Gia Lai demo content built in code, on top of ``setup_site``;
safe to run again (nothing is duplicated). Dev and benchmarks only.

Under production settings (``settings.IS_PRODUCTION``) it refuses to run, unless given
``--i-know-this-is-production``; even then the demo accounts get no usable password (the demo password is public).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.context import SeedContext
from demo.producers import account_lines
from demo.seed import run
from demo.site import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create or refresh the demo data (site, accounts, registry, competitions, news)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply generated records (for benchmarks).")
        parser.add_argument(
            "--i-know-this-is-production",
            action="store_true",
            dest="production_confirmed",
            help="Run under production settings anyway (demo accounts then get no usable password).",
        )

    def handle(self, *args, scale, production_confirmed, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more")
        production = getattr(settings, "IS_PRODUCTION", False)
        if production and not production_confirmed:
            raise CommandError(
                "seed_demo refuses to run with production settings: it would fill the public site with demo content "
                "and create accounts. Use --i-know-this-is-production if you really mean it."
            )
        run(SeedContext(scale=scale, write=self.stdout.write, known_passwords=not production))
        if production:
            self.stdout.write(self.style.WARNING("Demo data ready. Demo accounts have no usable password: set them."))
            return
        self.stdout.write(self.style.SUCCESS("Demo data ready. Accounts (password: " + DEMO_PASSWORD + "):"))
        for username, full_name, role, roles, _superuser in DEMO_ACCOUNTS:
            groups = ", ".join(r.name for r in roles) or "–"
            self.stdout.write(f"  {username:<10} {full_name:<18} {groups:<18} {role}")
        self.stdout.write("\n".join(["Producer accounts (/co-so-san-xuat/, same password):", *account_lines()]))
