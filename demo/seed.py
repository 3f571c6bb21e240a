"""The demo steps in order and the runner ``seed_demo`` calls. Each step is a module with ``seed(ctx)``; the
registry comes before competitions (entries are products) and news (articles link products and competitions)."""

from importlib import import_module

from django.db import transaction

from home.setup import setup_site

STEPS = [
    "demo.site",
    "demo.catalogue",
    "demo.competitions",
    "demo.producers",  # producer accounts for the portal (needs the open competition)
    "demo.news",
    "demo.projects",  # support projects (đề án khuyến công): after the registry and the news they link
    "demo.training",
    "demo.translations",  # after every page exists: English versions of a handful of them
]


def run(ctx):
    """Run ``setup_site`` (the page tree, groups, workflow) then every step, each in its own transaction, printing
    ``[n/N] step`` lines through ``ctx.write``."""
    ctx.write(f"[0/{len(STEPS)}] setup_site")
    with transaction.atomic():
        setup_site(write=ctx.write)
    for number, dotted in enumerate(STEPS, start=1):
        ctx.write(f"[{number}/{len(STEPS)}] {dotted}")
        with transaction.atomic():
            import_module(dotted).seed(ctx)
