"""Demo content for development and benchmarks: ``manage.py seed_demo`` (realistic Gia Lai data built in code).

Every step is a module of this package exposing ``seed(ctx)`` (``ctx`` is a ``context.SeedContext``); ``seed.py``
lists them in order and runs them on top of the tree ``manage.py setup_site`` creates. ``demo`` may import every
app; nothing imports ``demo`` except the tests.
"""
