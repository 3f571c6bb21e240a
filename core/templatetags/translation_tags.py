"""``{% load translation_tags %}``: which language the content of a page is in, and its other-language addresses.

- ``{% content_lang page %}`` writes `` lang="vi"`` on an element holding the page's own text when that text is
  not in the visitor's language (an untranslated page on the English site); nothing otherwise.
- ``{% value_lang page value %}`` writes `` lang="vi"`` on an element holding one of the page's texts (a field, a
  stream block, a specification) when that text is shown in Vietnamese on the English site: the page is not
  translated, or the text is identical to the Vietnamese source's (an untranslated segment; a block compares by
  its id). Related records that are never translated (crafts, honours, communes, gallery captions) take
  ``{% source_lang %}``. Put the mark on content elements, never on ``<main>``: the interface stays English.
- ``{% source_lang %}`` writes `` lang="vi"`` on the English site, for text that is never translated (producer,
  commune and village names, cards of the registry): nothing on the Vietnamese site.
- ``{% untranslated page as notice %}``: True when the page is shown in Vietnamese on the English site (for a view
  that is not a page, when its context says ``content_language`` "vi": a producer's profile).
- ``{% untranslated_label page %}``: the visible label of a card, search hit or record whose text is shown in
  Vietnamese on the English site (one label for every list: cards, hits, feeds' pages); without a page, the label
  of registry records that are only ever written in Vietnamese.
- ``{% alternate_links page as links %}``: the hreflang alternates of the page, only in languages it exists in
  (none for a view whose context says its content is only in Vietnamese: ``content_language``).
- ``{% site_text "address" as address %}``: ``{"value", "lang"}`` of a site setting in the visitor's language
  (``SiteSettings.text``); ``lang`` is "vi" when the English text is missing on the English site.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.shared_data import instance_of, row_of, shared
from core.translation import (
    active_language,
    default_language,
    has_translation,
    language_of,
    shown_untranslated,
    translated_keys,
    translated_url,
)

register = template.Library()


def _content_language(page):
    return getattr(page, "content_language", None) or language_of(page)


@register.simple_tag
def content_lang(page):
    """`` lang="vi"`` when ``page``'s text is not in the active language (no query once the locales are known)."""
    if page is None or not hasattr(page, "locale_id"):
        return ""
    language = _content_language(page)
    if language == active_language():
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
def value_lang(page, value):
    """`` lang="vi"`` when ``value`` shown on ``page`` is Vietnamese on the English site
    (``core.translation.shown_untranslated``); nothing otherwise."""
    if shown_untranslated(page, value):
        return mark_safe(f' lang="{default_language()}"')  # noqa: S308  (a language code from settings)
    return ""


@register.simple_tag
def source_lang():
    """`` lang="vi"`` on the English site, for registry text that is only ever written in Vietnamese."""
    if active_language() == default_language():
        return ""
    return mark_safe(f' lang="{default_language()}"')  # noqa: S308  (a language code from settings)


@register.simple_tag(takes_context=True)
def untranslated(context, page):
    """Whether ``page`` (or, for a view that is not a page, the content its context declares with
    ``content_language``) is shown in another language than the visitor's (the notice above the content)."""
    if page is None or not hasattr(page, "locale_id"):
        declared = context.get("content_language")
        return bool(declared) and declared != active_language()
    return _content_language(page) != active_language()


@register.simple_tag
def untranslated_label(page=None):
    """``<span class="badge badge--lang" lang="en">In Vietnamese, not translated yet</span>`` after the title of a
    card or hit whose ``page`` is shown untranslated on the English site (``content_language``, set by
    ``core.translation.show_in_language``), or, without ``page``, after registry text that is only ever written in
    Vietnamese; nothing otherwise. The label is in the visitor's language, marked as such inside Vietnamese text."""
    language = active_language()
    if page is not None:
        if not hasattr(page, "locale_id") or _content_language(page) == language:
            return ""
    elif language == default_language():
        return ""
    return format_html('<span class="badge badge--lang" lang="{}">{}</span>', language, _("Bằng tiếng Việt, chưa dịch"))


@register.simple_tag(takes_context=True)
def alternate_links(context, page=None):
    """``[{"code", "url"}]``: the page in Vietnamese and in each language it has a live translation in (made with
    wagtail-localize; one or two queries); for a view that is not a page (search, verification, open data), the
    current address in every language, since its whole text is translated."""
    request = context.get("request")
    if request is None:
        return []
    if page is None or not hasattr(page, "translation_key"):
        if context.get("content_language"):  # a record written in one language only: no other version
            return []
        path, current = request.get_full_path(), translation.get_language()
        return [{"code": code, "url": translated_url(path, current, code)} for code, _name in settings.LANGUAGES]
    source_language = default_language()
    others = [code for code, _name in settings.LANGUAGES if code != source_language]
    links = []
    with translation.override(source_language):
        url = page.get_url(request)
    if url:
        links.append({"code": source_language, "url": url})
    for code in others:
        if _content_language(page) == code or has_translation(page.translation_key, code):
            with translation.override(code):
                url = page.get_url(request)
            if url:
                links.append({"code": code, "url": url})
    return links if len(links) > 1 else []


@register.simple_tag(takes_context=True)
def site_text(context, name):
    """``{"value", "lang"}`` of the site setting ``name`` in the visitor's language; ``lang`` is set only when the
    text shown is not in the visitor's language."""
    site_settings = context.get("settings")
    try:
        holder = site_settings["core"]["SiteSettings"]
    except (KeyError, TypeError, LookupError):
        holder = None
    if holder is None:
        return {"value": "", "lang": None}
    language = active_language()
    value, in_language = holder.text(name, language)
    return {"value": value, "lang": None if in_language == language else in_language}


@register.simple_tag
def translated_ancestors(page):
    """``[{"page", "title", "lang"}]``: the ancestors of ``page`` below the root (breadcrumbs), with their English
    titles on the English site where they are translated, else ``lang`` "vi". Read once per process and generation
    for each page and language (one query, two on the English site); each call gets new ``Page`` instances."""
    if page is None or not hasattr(page, "get_ancestors") or page.pk is None:
        return _ancestor_crumbs(page)
    key = (page.pk, page.path, active_language())
    crumbs = shared(
        "ancestors", key, lambda: tuple((row_of(c["page"]), c["title"], c["lang"]) for c in _ancestor_crumbs(page))
    )
    return [{"page": instance_of(Page, row), "title": title, "lang": lang} for row, title, lang in crumbs]


def _ancestor_crumbs(page):
    if page is None or not hasattr(page, "get_ancestors"):
        return []
    ancestors = [ancestor for ancestor in page.get_ancestors() if not ancestor.is_root()]
    language = active_language()
    if language == default_language():
        return [{"page": ancestor, "title": ancestor.title, "lang": None} for ancestor in ancestors]
    english = translated_keys([ancestor.translation_key for ancestor in ancestors], language)
    crumbs = []
    for ancestor in ancestors:
        found = english.get(ancestor.translation_key)
        crumbs.append(
            {
                "page": ancestor,
                "title": found.title if found else ancestor.title,
                "lang": None if found else language_of(ancestor),
            }
        )
    return crumbs
