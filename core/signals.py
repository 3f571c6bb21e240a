"""Receivers of the core app, connected in ``CoreConfig.ready()``.

Every text a model of the project or of Wagtail saves is cleaned first (``clean_saved_text``: NFC, no control
characters but tab and newline; see core/cleaning.py).

The anonymous page cache (core/page_cache.py) serves stored copies of public pages; it must never serve a page
that a write has made stale. Rather than knowing which page shows which row, every write that can reach a public
page starts a new cache generation.
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save

from .canonical import sync_default_site
from .cleaning import clean_instance
from .page_cache import invalidate, is_public_write
from .translation import forget_locales


def clean_saved_text(sender, instance, update_fields=None, **kwargs):
    """Before any save of a model of the project or of Wagtail (a form, the admin, the API, an import, the shell):
    its text fields, stream fields and JSON fields in NFC without control characters (``core.cleaning``)."""
    clean_instance(instance, update_fields)


def sync_site_after_migrate(sender, **kwargs):
    """After ``migrate`` (once, for the core app): the default Wagtail ``Site`` takes ``SITE_URL``'s hostname and
    port, so page URLs (sitemap, API, e-mails) follow a changed ``SITE_URL`` at the next deployment."""
    if sender.name == "core":
        sync_default_site()


def invalidate_page_cache(sender, **kwargs):
    """Any row saved, deleted or re-linked (many-to-many) in a model that can appear on a public page — a product,
    a certificate, a news page, site settings, a page publish (which saves the page) — invalidates every cached
    page. Sessions, admin logs and task rows are ignored (they never change a public page)."""
    if is_public_write(sender):
        invalidate()


def connect():
    """Connect the receivers (called once from ``CoreConfig.ready()``)."""
    pre_save.connect(clean_saved_text, dispatch_uid="clean-saved-text")
    post_migrate.connect(sync_site_after_migrate, dispatch_uid="sync-site-after-migrate")
    post_save.connect(invalidate_page_cache, dispatch_uid="pagecache-save")
    post_delete.connect(invalidate_page_cache, dispatch_uid="pagecache-delete")
    m2m_changed.connect(invalidate_page_cache, dispatch_uid="pagecache-m2m")
    # The language of each locale is remembered per process (core/translation.py): forget it when locales change.
    post_save.connect(forget_locales, sender="wagtailcore.Locale", dispatch_uid="forget-locales-save")
    post_delete.connect(forget_locales, sender="wagtailcore.Locale", dispatch_uid="forget-locales-delete")
