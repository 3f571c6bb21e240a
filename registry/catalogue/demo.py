"""Demo data for this app, called by ``manage.py seed_demo`` (see home/management/commands/seed_demo.py)."""


def seed(ctx):
    """Filled in by the feature that owns this app."""
