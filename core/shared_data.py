"""Data that every visitor of a page sees alike, computed once per page-cache generation instead of on every request:
what the home page's sections load from the registry (key figures, featured products, latest news, open
competitions, the craft villages of the map: home/sections.py), what a news article, a bulletin or a call for
entries shows beside its text (related products, villages and artisans, more news of its category, its picture,
breadcrumb: news/models/), the news index's sidebar (categories, archive months, open calls).

A value is stored in the page cache's backend (``core.page_cache.cache``) under a key made of its name, the current
generation (any write that can change a public page starts a new one: ``core.page_cache.invalidate``), today's date
(certificates expire and calls for entries close at midnight), the visitor's language and the site. So a write is
seen on the next request, exactly as with the page cache. Only data is stored (numbers, texts, addresses, the model
instances of the cards with their pictures' renditions), never HTML: the page is rendered on every request.
"""

import logging

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from .page_cache import cache, generation
from .pictures import PRESETS, rendition_filter
from .translation import active_language

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 3600  # a day at most: the date in the key changes then anyway
# Where Wagtail looks for prefetched renditions besides the relation's own cache (``Image._get_prefetched_renditions``).
# Only some sizes are prefetched here, so they must not stand in for the relation: a size missing from them is then
# looked up (or made) in the database by Wagtail, instead of being created a second time.
PREFETCHED = "prefetched_renditions"


def _generation(request):
    """The page-cache generation, read once per request (stored on ``request``; read each time without one)."""
    if request is None:
        return generation()
    if not hasattr(request, "shared_generation"):
        request.shared_generation = generation()
    return request.shared_generation


def shared_value(name, compute, request=None):
    """``compute()`` (picklable data, the same for every visitor of the site in the active language), or its value
    stored for the current generation, date, language and site; computed each time for a preview. ``name`` says what
    it is, in which shape and for which page (``news-beside-v2:42:…``): give the shape a new version whenever
    the code changes what it stores, so that a deployment never reads a value of the previous shape. A value of None
    is recomputed on every call: return an empty container instead."""
    if request is not None and getattr(request, "is_preview", False):
        return compute()  # a preview shows a draft: never stored, never served from the store
    site = Site.find_for_request(request) if request is not None else None
    key = ":".join(
        (
            "shared",
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
        try:
            cache().set(key, value, TIMEOUT)
        except Exception:  # a value that cannot be pickled is served as computed, and computed again next time
            logger.warning("shared data: could not store %s", name, exc_info=True)
    return value


def with_renditions(images, *presets):
    """Load the renditions that the pictures ``presets`` (names in ``core.pictures.PRESETS``) draw of ``images``
    (Wagtail images; None is skipped) in one query, creating the missing ones: cards stored with their images
    (``shared_value``) then draw them without a query or a cache lookup."""
    images = [image for image in images if image is not None]
    if not images:
        return
    specs = sorted({spec for name in presets for *_, spec in PRESETS[name].specs()})
    prefetch_related_objects(images, Prefetch("renditions", queryset=_renditions(specs), to_attr=PREFETCHED))
    for image in images:
        image.get_renditions(*specs)


def rendition_prefetch(lookup, *presets):
    """A ``Prefetch`` of the renditions of the image ``lookup`` (``"featured_image"``) that the pictures ``presets``
    draw (names in ``core.pictures.PRESETS``): one query for a whole listing, without the other sizes and formats the
    images have."""
    specs = sorted({spec for name in presets for *_, spec in PRESETS[name].specs()})
    return Prefetch(f"{lookup}__renditions", queryset=_renditions(specs), to_attr=PREFETCHED)


def shared_rendition(image, spec):
    """``{"url", "width", "height"}`` of the rendition ``spec`` (e.g. ``"fill-1200x630|format-jpeg"``, a picture for
    social networks) of ``image``, made if missing, or None without an image: plain data a page stores with what it
    shows beside its text and writes into its ``<meta>`` tags."""
    if image is None:
        return None
    rendition = image.get_rendition(rendition_filter(spec))
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def _renditions(specs):
    """The renditions of the filter ``specs`` (a queryset for a ``Prefetch``)."""
    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
