"""Header and footer context: the main navigation and the language switcher."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Site

from .translation import active_language, default_language, source_pages, translated_keys


def _nav_items(request):
    """Live, public children of the site's root page that editors marked "show in menus", with their English
    titles on the English site where the page is translated (two more queries), else ``lang`` "vi"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
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
                    "current": request.path.startswith(url),
                    "lang": None if found or language == default_language() else default_language(),
                }
            )
    return items


def site_chrome(request):
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == get_language()}
        for code, name in settings.LANGUAGES
    ]
    return {"nav_items": _nav_items(request), "language_links": languages, "SITE_URL": settings.SITE_URL}
