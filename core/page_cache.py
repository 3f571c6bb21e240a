"""Whole-page cache for anonymous visitors of public Wagtail pages, invalidated on every write.

Pages opt in with ``CachedPageMixin``. A response is stored under (generation, language, host, full path); any saved
or deleted row of a model that can appear on a public page, and every publish or unpublish, bumps the generation
(receivers in core/signals.py), so a visitor never gets a stale page. The generation lives in the default cache: use a cache shared by every process
(file-based, Redis, …) when running several workers (production.py defaults to a file-based cache).
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Writes to these apps never change what the public sees.
IGNORED_APPS = {"sessions", "admin", "contenttypes", "django_tasks", "wagtailusers", "wagtailadmin", "wagtailembeds"}
IGNORED_MODELS = {"wagtailcore.modellogentry", "wagtailcore.pagelogentry", "wagtailcore.referenceindex"}


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate(**_kwargs):
    """Start a new generation: every page cached so far is never served again (it expires on its own)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def is_public_write(model):
    """Whether a write to rows of ``model`` may change a public page (everything except sessions, logs, …)."""
    meta = getattr(model, "_meta", None)
    return meta is not None and meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def _is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.GET.get("preview")


def _key(request):
    where = hashlib.sha256((request.get_host() + request.get_full_path()).encode()).hexdigest()
    return ":".join(("pagecache", generation(), get_language() or "", where))


class CachedPageMixin:
    """Mark a page type's anonymous responses as cacheable (see the module docstring)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.page_cacheable = True
        return response


class AnonymousPageCacheMiddleware:
    """Serve cached copies of opted-in pages to visitors without a session; store fresh ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable_request = request.method in ("GET", "HEAD") and _is_anonymous(request)
        if cacheable_request:
            cached = cache.get(_key(request))
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if (
            cacheable_request
            and getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response["X-Page-Cache"] = "miss"
            try:
                cache.set(_key(request), response, timeout())
            except Exception:  # an unpicklable response is simply not cached
                logger.warning("page cache: could not store %s", request.path, exc_info=True)
        return response
