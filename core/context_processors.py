"""Header and footer context: the main navigation, the language switcher and the site settings.

The menu (one query, and one more for its English titles on the English site) and the site settings with their logo
(one query) are the same for every visitor: they are read once per process and page-cache generation
(core/shared_data.py), so a request normally sends none of these queries and the first one after a public write
(an editor publishing, settings saved) reads them again. ``{{ settings.core.SiteSettings }}`` reads the settings
attached to the request.
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Site

from .models import SiteSettings
from .shared_data import instance_of, row_of, shared
from .translation import active_language, default_language, source_pages, translated_keys, translated_url


def _menu(request, site):
    """``[{"title", "url", "lang"}]``: live, public children of the site's root page that editors marked "show in
    menus", with their English titles on the English site where the page is translated (two more queries), else
    ``lang`` "vi"."""
    pages = list(source_pages(site.root_page.get_children().live().public().in_menu()))
    language = active_language()
    english = (
        translated_keys([page.translation_key for page in pages], language) if language != default_language() else {}
    )
    items = []
    for page in pages:
        url = page.get_url(request)
        if url:
            found = english.get(page.translation_key)
            items.append(
                {
                    "title": found.title if found else page.title,
                    "url": url,
                    "lang": None if found or language == default_language() else default_language(),
                }
            )
    return items


def _nav_items(request):
    """The menu of the request's site in the active language (kept per generation), each item marked ``current``
    when the request is in its section."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    menu = shared("menu", (site.pk, active_language()), lambda: tuple(_menu(request, site)))
    return [{**item, "current": request.path.startswith(item["url"])} for item in menu]


def _site_settings_rows():
    found = SiteSettings.base_queryset().select_related("logo").first()
    if found is None:
        return None
    return row_of(found), row_of(found.logo) if found.logo_id else None


def _attach_site_settings(request):
    """Give ``request`` the site settings with their logo (what ``{{ settings.core.SiteSettings }}`` and
    ``SiteSettings.load(request)`` read): new instances built from the values read once per generation (one query
    for both), or unsaved defaults before any settings were saved (a view writes nothing)."""
    attr = SiteSettings.get_cache_attr_name()
    if not hasattr(request, attr):
        rows = shared("site_settings", None, _site_settings_rows)
        if rows is None:
            found = SiteSettings()
        else:
            found = instance_of(SiteSettings, rows[0])
            found.logo = instance_of(get_image_model(), rows[1]) if rows[1] is not None else None
        setattr(request, attr, found)


def site_chrome(request):
    """The header's and footer's context: ``nav_items``, ``current_section`` (the address of the menu item the
    request is in, or ""), ``language_links`` (this address in each language) and ``SITE_URL``; attaches the site
    settings to the request."""
    path = request.get_full_path()
    current = get_language()
    languages = [
        {"code": code, "name": name, "url": translated_url(path, current, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    _attach_site_settings(request)
    nav_items = _nav_items(request)
    section = next((item["url"] for item in nav_items if item["current"]), "")
    return {
        "nav_items": nav_items,
        "current_section": section,
        "language_links": languages,
        "SITE_URL": settings.SITE_URL,
    }
