"""Links from a registry page to other pages (a product's village and artisans, an artisan's village): loaded as base
``Page`` objects with only the columns a link needs."""

from functools import cache

from wagtail.models import Page

from core.translation import overlay_field_names

LINK_FIELDS = ("id", "path", "depth", "url_path", "live", "locale_id", "translation_key", "content_type_id")


@cache
def linked_page_fields():
    """Columns of a linked page: its address (``url_path``, tree position), language (``locale_id``,
    ``translation_key``) and the ``Page`` text fields ``core.translation.show_in_language`` lays an English
    translation over (title, SEO title, description), so that nothing deferred is read again. Read once per
    process (the models must be loaded)."""
    return (*LINK_FIELDS, *overlay_field_names(Page))


def live_public_pages(condition):
    """Live, public base ``Page`` objects matching ``condition`` (a ``Q``), tree order, with ``linked_page_fields``
    only (a queryset)."""
    return Page.objects.live().public().filter(condition).only(*linked_page_fields()).order_by("path")
