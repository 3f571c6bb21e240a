"""Catalogue search backends: ``database`` (Wagtail's database search + ORM facets) and ``elasticsearch``."""
