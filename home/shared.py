"""Data of the home page that every visitor sees alike (what its sections load from the registry: key figures,
featured products, latest news, open competitions, the craft villages of the map), computed once per page-cache
generation instead of on every request.

A value is stored in the page cache's backend (``core.page_cache.cache``) under a key made of its name, the current
generation (any write that can change a public page starts a new one: ``core.page_cache.invalidate``), today's date
(certificates expire and calls for entries close at midnight), the visitor's language and the site. So a write is
seen on the next request, exactly as with the page cache. Only data is stored (numbers, texts, addresses, the model
instances of the cards with their pictures' renditions), never HTML: the page is rendered on every request.
"""

from django.utils import timezone
from wagtail.models import Site

from core.page_cache import cache, generation
from core.translation import active_language

TIMEOUT = 24 * 3600  # a day at most: the date in the key changes then anyway


def _generation(request):
    """The page-cache generation, read once per request (stored on ``request``; read each time without one)."""
    if request is None:
        return generation()
    if not hasattr(request, "home_generation"):
        request.home_generation = generation()
    return request.home_generation


def shared_value(name, compute, request=None):
    """``compute()`` (plain, picklable data, the same for every visitor of the site in the active language), or its
    value stored for the current generation, date, language and site. ``name`` says what it is (``key_figures``).
    A value of None is recomputed on every call: return an empty container instead."""
    site = Site.find_for_request(request) if request is not None else None
    key = ":".join(
        (
            "home",
            name,
            str(_generation(request)),
            timezone.localdate().isoformat(),
            active_language(),
            str(site.pk if site else 0),
        )
    )
    value = cache().get(key)
    if value is None:
        value = compute()
        cache().set(key, value, TIMEOUT)
    return value
