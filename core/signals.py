"""Receivers of the core app, connected in ``CoreConfig.ready()``.

The anonymous page cache (core/page_cache.py) serves stored copies of public pages; it must never serve a page
that a write has made stale. Rather than knowing which page shows which row, every write that can reach a public
page starts a new cache generation.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .page_cache import invalidate, is_public_write


def invalidate_page_cache(sender, **kwargs):
    """Any row saved, deleted or re-linked (many-to-many) in a model that can appear on a public page — a product,
    a certificate, a news page, site settings, a page publish (which saves the page) — invalidates every cached
    page. Sessions, admin logs and task rows are ignored (they never change a public page)."""
    if is_public_write(sender):
        invalidate()


def connect():
    """Connect the receivers (called once from ``CoreConfig.ready()``)."""
    post_save.connect(invalidate_page_cache, dispatch_uid="pagecache-save")
    post_delete.connect(invalidate_page_cache, dispatch_uid="pagecache-delete")
    m2m_changed.connect(invalidate_page_cache, dispatch_uid="pagecache-m2m")
