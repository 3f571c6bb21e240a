"""Receivers of the core app, connected in ``CoreConfig.ready()``.

Every text a model of the project or of Wagtail saves is cleaned first (``clean_saved_text``: NFC, no control
characters but tab and newline; see core/cleaning.py).

The anonymous page cache (core/page_cache.py) serves stored copies of public pages; it must never serve a page
that a write has made stale. Rather than knowing which page shows which row, every write that can reach a public
page starts a new cache generation; writes that change no public content (drafts, locks, uploads) do not
(core/page_cache_rules.py).
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_finished

from .canonical import sync_default_site
from .cleaning import clean_instance
from .page_cache import invalidate
from .page_cache_rules import (
    deleted_changes_public_content,
    linked_changes_public_content,
    remember_draft_state,
    saved_changes_public_content,
)


def clean_saved_text(sender, instance, update_fields=None, **kwargs):
    """Before any save of a model of the project or of Wagtail (a form, the admin, the API, an import, the shell):
    its text fields, stream fields and JSON fields in NFC without control characters (``core.cleaning``)."""
    clean_instance(instance, update_fields)


def sync_site_after_migrate(sender, **kwargs):
    """After ``migrate`` (once, for the core app): the default Wagtail ``Site`` takes ``SITE_URL``'s hostname and
    port, so page URLs (sitemap, API, e-mails) follow a changed ``SITE_URL`` at the next deployment; and the page
    cache starts a new generation, so no page rendered by the previous release's templates is served after it."""
    if sender.name == "core":
        sync_default_site()
        invalidate()


def note_draft_pages(sender, instance, raw=False, **kwargs):
    """Before a page is saved: remember whether it is a draft no public page shows (core/page_cache_rules.py)."""
    if not raw:
        remember_draft_state(instance)


def invalidate_on_save(sender, instance, created=False, update_fields=None, **kwargs):
    """A row saved in a model that can appear on a public page — a product, a certificate, a published news page,
    site settings — invalidates every cached page; a draft saved, a page locked, an upload does not."""
    if saved_changes_public_content(sender, instance, created=created, update_fields=update_fields):
        invalidate()


def invalidate_on_delete(sender, instance, **kwargs):
    """A public row deleted (a live page, a certificate, a producer) invalidates every cached page."""
    if deleted_changes_public_content(sender, instance):
        invalidate()


def invalidate_on_link(sender, instance, action, **kwargs):
    """Rows linked or unlinked (many-to-many) in a public model invalidate every cached page."""
    if linked_changes_public_content(sender, instance, action):
        invalidate()


# Tasks that change what a search shows: Wagtail's database index (modelsearch) and the search engine's documents.
SEARCH_INDEX_TASKS = ("modelsearch.tasks.", "search.elastic.tasks.")


def invalidate_after_index_task(sender, task_result, **kwargs):
    """A search-index update run by a task worker (any backend but the in-process one, whose updates run before the
    write's own new generation): a new generation, so that no node keeps serving a search page it stored between
    the write and the index update (it would list the old text until the page expires)."""
    if isinstance(sender, type) and issubclass(sender, ImmediateBackend):
        return
    if task_result.task.module_path.startswith(SEARCH_INDEX_TASKS):
        invalidate()


def connect():
    """Connect the receivers (called once from ``CoreConfig.ready()``)."""
    pre_save.connect(clean_saved_text, dispatch_uid="clean-saved-text")
    post_migrate.connect(sync_site_after_migrate, dispatch_uid="sync-site-after-migrate")
    pre_save.connect(note_draft_pages, dispatch_uid="pagecache-drafts")
    post_save.connect(invalidate_on_save, dispatch_uid="pagecache-save")
    post_delete.connect(invalidate_on_delete, dispatch_uid="pagecache-delete")
    m2m_changed.connect(invalidate_on_link, dispatch_uid="pagecache-m2m")
    task_finished.connect(invalidate_after_index_task, dispatch_uid="pagecache-index-task")
