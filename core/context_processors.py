"""Header and footer context: the main navigation, the language switcher and the site settings, each read once per
request: the menu in one query (with the English titles in two more on the English site), the site settings with
their logo in one (``{{ settings.core.SiteSettings }}`` then reads them from the request).

(Keeping them across requests until the next public write would save these queries too, but makes the first request
after any write cost more than the next ones: query counts would depend on what happened before.)
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Site

from .models import SiteSettings
from .translation import active_language, default_language, source_pages, translated_keys


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
    """The menu of the request's site in the active language, each item marked ``current`` when the request is in
    its section."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return [{**item, "current": request.path.startswith(item["url"])} for item in _menu(request, site)]


def _attach_site_settings(request):
    """Give ``request`` the site settings with their logo (what ``{{ settings.core.SiteSettings }}`` and
    ``SiteSettings.load(request)`` read) in one query, instead of one for the settings and one for the logo."""
    attr = SiteSettings.get_cache_attr_name()
    if not hasattr(request, attr):
        found = SiteSettings.base_queryset().select_related("logo").first()
        setattr(request, attr, found if found is not None else SiteSettings())  # defaults: a view writes nothing


def site_chrome(request):
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == get_language()}
        for code, name in settings.LANGUAGES
    ]
    _attach_site_settings(request)
    return {"nav_items": _nav_items(request), "language_links": languages, "SITE_URL": settings.SITE_URL}
