"""Build realistic demo content for Gia Lai in code; safe to run again (nothing is duplicated)."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.context import SeedContext
from home.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

# Each step is a module with ``seed(ctx)``; order matters (the registry before competitions and news).
SEED_STEPS = [
    "home.demo.seed",
    "registry.catalogue.demo",
    "registry.competitions.demo",
    "news.demo",
    "home.demo.menu",
]


class Command(BaseCommand):
    help = "Create or refresh the demo data (site, accounts, registry, competitions, news)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply generated records (for benchmarks).")

    def handle(self, *args, scale, **options):
        if scale < 1:
            self.stderr.write("--scale must be 1 or more")
            return
        ctx = SeedContext(scale=scale, write=self.stdout.write)
        for number, dotted in enumerate(SEED_STEPS, start=1):
            self.stdout.write(f"[{number}/{len(SEED_STEPS)}] {dotted}")
            with transaction.atomic():
                import_module(dotted).seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Accounts (password: " + DEMO_PASSWORD + "):"))
        for username, full_name, role, _groups, _su in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<10} {role:<24} {full_name}")
