"""``manage.py seed_demo [--scale N]``: realistic Gia Lai demo content built in code, on top of ``setup_site``;
safe to run again (nothing is duplicated). Dev and benchmarks only."""

from django.core.management.base import BaseCommand, CommandError

from demo.context import SeedContext
from demo.seed import run
from demo.site import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create or refresh the demo data (site, accounts, registry, competitions, news)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply generated records (for benchmarks).")

    def handle(self, *args, scale, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more")
        run(SeedContext(scale=scale, write=self.stdout.write))
        self.stdout.write(self.style.SUCCESS("Demo data ready. Accounts (password: " + DEMO_PASSWORD + "):"))
        for username, full_name, role, roles, _superuser in DEMO_ACCOUNTS:
            groups = ", ".join(r.name for r in roles) or "–"
            self.stdout.write(f"  {username:<10} {full_name:<18} {groups:<18} {role}")
