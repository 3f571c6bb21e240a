"""Header and footer context: the main navigation, the language switcher and the site settings.

What every page shows around its content is the same for every request of a site in a language until something
public changes: the menu (live, public pages marked "show in menus", with their English titles) and the site settings
(Settings → Thông tin trung tâm) are read once per process and page-cache generation (``per_generation``: any write
that can change a public page starts a new generation, core/page_cache.py), not once per request.
"""

import copy
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Site

from .models import SiteSettings
from .page_cache import generation
from .translation import active_language, default_language, source_pages, translated_keys

MEMO_TOKEN_KEY = "core:site-memo-token"
_memo = {}
_memo_lock = threading.Lock()


def _memo_version():
    """What the remembered values are valid for: the page-cache generation, and a token kept in the shared cache,
    so that clearing the cache (a deployment, a restore, each test) forgets them too."""
    token = cache.get(MEMO_TOKEN_KEY)
    if token is None:
        cache.add(MEMO_TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(MEMO_TOKEN_KEY)
    return generation(), token


def per_generation(key, compute):
    """``compute()``, remembered in this process under ``key`` until the page-cache generation changes (the value
    must not depend on the request beyond what ``key`` says)."""
    current = _memo_version()
    with _memo_lock:
        if _memo.get("generation") != current:
            _memo.clear()
            _memo["generation"] = current
        if key in _memo:
            return _memo[key]
    value = compute()
    with _memo_lock:
        if _memo.get("generation") == current:
            _memo[key] = value
    return value


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
    key = ("menu", site.pk, active_language(), request.get_host() if len(Site.get_site_root_paths()) > 1 else "")
    return [
        {**item, "current": request.path.startswith(item["url"])}
        for item in per_generation(key, lambda: _menu(request, site))
    ]


def _attach_site_settings(request):
    """Give ``request`` the site settings (what ``{{ settings.core.SiteSettings }}`` and ``SiteSettings.load(request)``
    read, with the logo), from the per-generation copy: no query."""
    attr = SiteSettings.get_cache_attr_name()
    if not hasattr(request, attr):
        stored = per_generation(("site-settings",), _load_site_settings)
        setattr(request, attr, copy.copy(stored))


def _load_site_settings():
    found = SiteSettings.base_queryset().select_related("logo").first()
    return found if found is not None else SiteSettings.load()


def site_chrome(request):
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == get_language()}
        for code, name in settings.LANGUAGES
    ]
    _attach_site_settings(request)
    return {"nav_items": _nav_items(request), "language_links": languages, "SITE_URL": settings.SITE_URL}
