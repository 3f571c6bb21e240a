"""Header and footer context: the main navigation and the language switcher."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Site


def _nav_items(request):
    """Live, public children of the site's root page that editors marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    items = []
    for page in site.root_page.get_children().live().public().in_menu():
        url = page.get_url(request)
        if url:
            items.append({"title": page.title, "url": url, "current": request.path.startswith(url)})
    return items


def site_chrome(request):
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == get_language()}
        for code, name in settings.LANGUAGES
    ]
    return {"nav_items": _nav_items(request), "language_links": languages, "SITE_URL": settings.SITE_URL}
