"""Data every visitor shares, read from the database once per page-cache generation instead of once per request.

Two stores, one key (``core.page_cache.epoch()``: every write that can change a public page starts a new generation,
by the rules of core/page_cache_rules.py that keep the anonymous page cache right, and so does a cache that lost it):

- ``shared``: small plain data kept in each process: which ``Site`` answers a host, which pages an address goes
  through (core/routing.py), the locales, the view restrictions (core/visibility.py), the site settings and the menu
  (core/context_processors.py). Callers build fresh model instances from it for each request (``instance_of``), so
  nothing one request changes on an object is seen by the next.
- ``shared_value``: what a page shows beside its own text, kept in the page cache's backend for every process and
  keyed also by today's date (certificates expire and calls for entries close at midnight), the language and the
  site: the home page's sections (home/sections.py), what a news article, a bulletin or a call for entries shows
  beside its text (news/models/), the news index's sidebar. Only data is stored (numbers, texts, addresses, the
  model instances of cards with their pictures' renditions), never HTML, and never for a preview.

The page being served is always read from the database and rendered on every request.
"""

import logging

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from .page_cache import cache, epoch
from .pictures import PRESETS, gap_count, rendition_filter, renditions_or_none

logger = logging.getLogger(__name__)

LIMIT = 2000
"""Most entries kept per name and generation (the routes of unknown addresses must not grow without bound)."""

_values = {}


def shared(name, key, build):
    """The value of ``build()`` for (``name``, ``key``) in the current generation: built once per process and
    generation, then returned as is (so it must be plain, immutable data or never changed by callers)."""
    token = epoch()
    entry = _values.get(name)
    if entry is None or entry[0] != token:
        entry = _values[name] = (token, {})
    values = entry[1]
    try:
        return values[key]
    except KeyError:
        pass
    if len(values) >= LIMIT:
        values.clear()
    value = values[key] = build()
    return value


def row_of(instance):
    """The concrete field values of a model ``instance`` (a tuple in field order), what ``instance_of`` rebuilds
    it from."""
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def instance_of(model, row):
    """A new instance of ``model`` built from ``row`` (``row_of``) as if it had just been read from the database
    (``Model.from_db``): no query, and nothing shared with the instances other requests get."""
    return model.from_db("default", [field.attname for field in model._meta.concrete_fields], row)


TIMEOUT = 24 * 3600  # a day at most: the date in the key changes then anyway
# Where Wagtail looks for prefetched renditions besides the relation's own cache (``Image._get_prefetched_renditions``).
# Only some sizes are prefetched here, so they must not stand in for the relation: a size missing from them is then
# looked up (or made) in the database by Wagtail, instead of being created a second time.
PREFETCHED = "prefetched_renditions"


def shared_value(name, compute, request=None):
    """``compute()`` (picklable data, the same for every visitor of the site in the active language), or its value
    stored for the current generation, date, language and site; computed each time for a preview. ``name`` says what
    it is, in which shape and for which page (``news-beside-v2:42:…``): give the shape a new version whenever
    the code changes what it stores, so that a deployment never reads a value of the previous shape. A value of None
    is recomputed on every call: return an empty container instead."""
    from .translation import active_language  # core.translation reads its own shared data from here

    if request is not None and getattr(request, "is_preview", False):
        return compute()  # a preview shows a draft: never stored, never served from the store
    site = Site.find_for_request(request) if request is not None else None
    key = ":".join(
        (
            "shared",
            name,
            epoch(),
            timezone.localdate().isoformat(),
            active_language(),
            str(site.pk if site else 0),
        )
    )
    value = cache().get(key)
    if value is None:
        gaps = gap_count()
        value = compute()
        if gap_count() != gaps:
            return value  # a picture's file could not be read: not stored, so it shows once the file is back
        try:
            cache().set(key, value, TIMEOUT)
        except Exception:  # a value that cannot be pickled is served as computed, and computed again next time
            logger.warning("shared data: could not store %s", name, exc_info=True)
    return value


def with_renditions(images, *presets):
    """Load the renditions that the pictures ``presets`` (names in ``core.pictures.PRESETS``) draw of ``images``
    (Wagtail images; None is skipped) in one query, creating the missing ones: cards stored with their images
    (``shared_value``) then draw them without a query or a cache lookup. An image whose file cannot be read is
    skipped (``core.pictures.renditions_or_none``: its card is drawn without the picture, and not stored)."""
    images = [image for image in images if image is not None]
    if not images:
        return
    specs = _specs(presets)
    prefetch_related_objects(images, Prefetch("renditions", queryset=_renditions(specs), to_attr=PREFETCHED))
    for image in images:
        renditions_or_none(image, specs)


def rendition_prefetch(lookup, *presets):
    """A ``Prefetch`` of the renditions of the image ``lookup`` (``"featured_image"``) that the pictures ``presets``
    draw (names in ``core.pictures.PRESETS``): one query for a whole listing, without the other sizes and formats the
    images have."""
    specs = _specs(presets)
    return Prefetch(f"{lookup}__renditions", queryset=_renditions(specs), to_attr=PREFETCHED)


def shared_rendition(image, spec):
    """``{"url", "width", "height"}`` of the rendition ``spec`` (e.g. ``"fill-1200x630|format-jpeg"``, a picture for
    social networks) of ``image``, made if missing, or None without an image: plain data a page stores with what it
    shows beside its text and writes into its ``<meta>`` tags. None too when the image's file cannot be read
    (``core.pictures.renditions_or_none``)."""
    if image is None:
        return None
    renditions = renditions_or_none(image, [rendition_filter(spec)])
    if renditions is None:
        return None
    rendition = renditions[spec]
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def _renditions(specs):
    """The renditions of the filter ``specs`` (a queryset for a ``Prefetch``)."""
    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)


def _specs(presets):
    """The rendition filter specs the pictures ``presets`` (names in ``core.pictures.PRESETS``) draw, sorted."""
    return sorted({spec for name in presets for *_, spec in PRESETS[name].specs()})
