"""Whole-page cache for anonymous visitors of public pages: right in every configuration, and no visitor can flush
or bypass it.

- **Opt in**: page types mix in ``CachedPageMixin`` and declare the query parameters that change what they show
  (``cache_query_params``, e.g. ``("page", "q", "group")``); function views are decorated with
  ``@page_cacheable(params=(...))``. Every public page type and view is one or the other, or says why not
  (``page_cache_exempt = "<reason>"``; tests/test_page_cache_coverage.py lists them all).
- **Key**: generation, today's date (certificates expire and calls for entries close at midnight), language, host,
  path and only the declared parameters, in a canonical order (repeated values sorted). Unknown parameters
  (``?x=<random>``, tracking tags) are ignored, so they neither create entries nor miss the cache; a page is stored
  only from a request without them, so no visitor's tracking tag ends up in the links of a stored page. What a path
  declares is remembered next to the pages (``pagecache:params:…``).
- **Invalidation**: a write that changes what a public page shows starts a new generation, after the transaction
  commits (receivers in core/signals.py, the rules in core/page_cache_rules.py): a row of a model in
  ``settings.PAGE_CACHE_PUBLIC_MODELS``, except writes that change no public content (a draft saved, a page locked
  or unlocked, a page created or edited before its first publication, an image or document uploaded). Score
  sheets, sessions, logins, revisions, workflow states and logs are not in the list and never flush the cache. The
  generation is kept in the database (``PageCacheGeneration``) and mirrored in the cache: eviction cannot lose it,
  and a management command in another process invalidates what the web workers serve (the cache itself must be
  shared by the processes: the default ``CACHE_URL`` is a file cache).
- **Admission**: a URL without a query string is stored at once. A *variant* (a URL with a query string, or a
  "not found" answer such as ``/xac-minh/<unknown code>/``) is stored only when this process has seen it before
  (one-off URLs), and only within budgets shared by all processes (counters in the cache, ``add``/``incr``, per
  generation): ``PAGE_CACHE_VARIANTS`` variants in all (default a fifth of the cache's ``MAX_ENTRIES`` for the
  file, local-memory and database caches, which cull by count; 1000 otherwise) and ``PAGE_CACHE_VARIANTS_PER_PATH``
  per path (default a fifth of that). So random query strings (``?q=<random>``, ``?page=abc``) or unknown codes,
  however often repeated and by however many workers, never fill the size-bounded cache and push out the pages
  stored without a query string. A response larger than ``PAGE_CACHE_MAX_BYTES`` (default 2 MiB: the biggest
  open-data downloads) is never stored.
- **Who gets cached copies**: GET/HEAD requests of visitors who are not signed in. A made-up session cookie does not
  bypass the cache (the session is checked); a visitor with pending messages, or who has entered the password of a
  protected page, gets a fresh page and stores none.
- **Conditional requests**: a stored copy that has an ``ETag`` or ``Last-Modified`` (set by its view) answers
  ``304 Not Modified`` to a browser that already holds it, as the view itself would.
- **Headers**: cached responses carry ``Vary: Cookie`` and ``Cache-Control: public, max-age=…``
  (``PAGE_CACHE_BROWSER_SECONDS`` unless the view set its own ``max-age``), and never a ``Set-Cookie``: an answer
  that sets or deletes a cookie (Django deletes a stale session cookie, even on a cache hit) is made ``private``
  by ``PrivateCookieAnswersMiddleware``, outside the session middleware.
- **Epoch**: the generation also names the data every visitor shares (the site, routes, menu, site settings, view
  restrictions: core/shared_data.py), kept in each process until the next public write. ``epoch()`` is the current
  generation plus a random token made whenever the cache lost the value (eviction, ``cache.clear()`` in tests), read
  once per request, so no process keeps data across a write or across a cleared cache.
"""

import functools
import hashlib
import logging
import threading
import uuid
from collections import OrderedDict
from threading import Lock
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction

from .models import PageCacheGeneration

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
EPOCH_KEY = "pagecache:epoch"
VARIANTS_KEY = "pagecache:variants"
SEEN_LIMIT = 10_000
MAX_BYTES = 2 * 1024 * 1024
RESTRICTIONS_PASSED = PageViewRestriction.passed_view_restrictions_session_key


def cache():
    """The cache holding the pages (``PAGE_CACHE_ALIAS``, default ``"default"``)."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def timeout():
    """Seconds a stored page lives at most (``PAGE_CACHE_SECONDS``; 0 turns the page cache off)."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def max_bytes():
    """The largest response body (bytes) that is stored (``PAGE_CACHE_MAX_BYTES``, default 2 MiB)."""
    return getattr(settings, "PAGE_CACHE_MAX_BYTES", MAX_BYTES)


def variant_budget():
    """The most variants (query-string URLs and "not found" answers) stored per generation by all processes
    together (``PAGE_CACHE_VARIANTS``): by default a fifth of ``MAX_ENTRIES`` of a cache that culls by count, else
    1000."""
    value = getattr(settings, "PAGE_CACHE_VARIANTS", None)
    if value is None:
        backend = cache()
        counted = isinstance(backend, (FileBasedCache, LocMemCache, DatabaseCache))
        value = backend._max_entries // 5 if counted else 1000
    return max(0, value)


def variants_per_path():
    """The most variants stored per path (host and path) and generation (``PAGE_CACHE_VARIANTS_PER_PATH``; default
    a fifth of ``variant_budget()``, at least 1)."""
    value = getattr(settings, "PAGE_CACHE_VARIANTS_PER_PATH", None)
    return max(1, variant_budget() // 5) if value is None else value


def _count(key):
    """Add one to the shared counter ``key`` (created at 1, lives as long as a page); returns the new value."""
    backend = cache()
    if backend.add(key, 1, timeout()):
        return 1
    try:
        return backend.incr(key)
    except ValueError:  # expired or culled since ``add``
        backend.set(key, 1, timeout())
        return 1


def _admit_variant(request, gen):
    """Whether a variant of ``request``'s path may be stored in generation ``gen``: counts it against the shared
    budgets (the whole cache first, so a flood of unknown paths creates no counter once it is spent)."""
    total_key = f"{VARIANTS_KEY}:{gen}"
    if (cache().get(total_key) or 0) >= variant_budget():
        return False
    if _count(f"{VARIANTS_KEY}:{gen}:{_base(request)}") > variants_per_path():
        return False
    return _count(total_key) <= variant_budget()


def generation():
    """The current generation (an int): from the cache, else from the database (then mirrored in the cache)."""
    value = cache().get(GENERATION_KEY)
    if value is None:
        try:
            value = PageCacheGeneration.current()
        except DatabaseError:  # no table yet (before migrate): nothing to serve from the cache anyway
            return 0
        cache().set(GENERATION_KEY, value, None)
    return value


def _bump():
    try:
        value = PageCacheGeneration.bump()
    except DatabaseError:  # during ``migrate`` on an empty database the table does not exist yet
        logger.debug("page cache: no generation table yet")
        cache().delete(GENERATION_KEY)
        _forget_epoch()
        return
    cache().set(GENERATION_KEY, value, None)
    _forget_epoch()


_request = threading.local()


def _request_started(**_kwargs):
    _request.active, _request.epoch, _request.do_not_store = True, None, False


def _request_finished(**_kwargs):
    _request.active, _request.epoch = False, None


request_started.connect(_request_started, dispatch_uid="core.page_cache.request_started")
request_finished.connect(_request_finished, dispatch_uid="core.page_cache.request_finished")


def _forget_epoch():
    cache().delete(EPOCH_KEY)
    _request.epoch = None


def epoch():
    """A string naming the current generation in this cache (``"<generation>:<random token>"``), the key of the data
    every visitor shares (core/shared_data.py). A write to public content starts a new one (``invalidate``); so does
    a cache that lost the value. Read once per request (the request's own writes start a new one at once), on every
    call outside a request."""
    token = getattr(_request, "epoch", None)
    if token is None:
        token = cache().get(EPOCH_KEY)
        if token is None:
            cache().add(EPOCH_KEY, f"{generation()}:{uuid.uuid4().hex}", None)  # another process may win the race
            token = cache().get(EPOCH_KEY) or f"{generation()}:{uuid.uuid4().hex}"
        if getattr(_request, "active", False):
            _request.epoch = token
    return token


def invalidate(**_kwargs):
    """Start a new generation now and again once the current transaction commits: every page cached so far is never
    served again, and a page rendered from the old data while the transaction was still open (then stored under
    the first new generation) is not served either."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def is_public_write(model):
    """Whether a write to rows of ``model`` may change a public page: its label (``app_label.model_name``) is in
    ``settings.PAGE_CACHE_PUBLIC_MODELS``, or, for page types, its app is listed with ``"app_label.*"``."""
    meta = getattr(model, "_meta", None)
    if meta is None:
        return False
    public = settings.PAGE_CACHE_PUBLIC_MODELS
    return meta.label_lower in public or f"{meta.app_label}.*" in public


class _SeenUrls:
    """A bounded, least-recently-used set of cache keys this process has been asked for (the admission filter)."""

    def __init__(self, limit=SEEN_LIMIT):
        self.limit = limit
        self.keys = OrderedDict()
        self.lock = Lock()

    def check_and_add(self, key):
        """Whether ``key`` was seen before; remember it either way."""
        with self.lock:
            seen = key in self.keys
            self.keys[key] = True
            self.keys.move_to_end(key)
            while len(self.keys) > self.limit:
                self.keys.popitem(last=False)
        return seen


_seen = _SeenUrls()


def _base(request):
    return hashlib.sha256(request.get_host().encode() + b"|" + request.path.encode()).hexdigest()


def _params_key(request):
    return f"pagecache:params:{get_language() or ''}:{_base(request)}"


def _canonical_query(request, params):
    pairs = [(name, value) for name in sorted(params) for value in sorted(request.GET.getlist(name))]
    return urlencode(pairs)


def _page_key(request, gen, params):
    query = hashlib.sha256(_canonical_query(request, params).encode()).hexdigest()
    today = timezone.localdate().isoformat()
    return f"pagecache:page:{gen}:{today}:{get_language() or ''}:{_base(request)}:{query}"


def _is_anonymous(request):
    if getattr(request, "is_dummy", False):
        return False  # Wagtail's preview of a draft (``make_preview_request``): never served nor stored
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    session = request.session  # a cookie is present: only a real signed-in session, messages or passwords count
    return session.get(SESSION_KEY) is None and not session.get("_messages") and not session.get(RESTRICTIONS_PASSED)


def do_not_store():
    """Keep the response of the request being answered out of the page cache (e.g. a search the database answered
    because the search engine was down: stored, it would outlive the outage)."""
    _request.do_not_store = True


def mark_cacheable(response, params=()):
    """Mark ``response`` as a public page the middleware may store for anonymous visitors; ``params`` are the query
    parameters that change it (every other one is ignored). Returns the response."""
    response.page_cacheable = True
    response.page_cache_params = tuple(params)
    return response


def page_cacheable(params=()):
    """Decorator of a public function view: its anonymous responses (200, or a 404 it returns itself, such as an
    unknown verification code) are stored by the page cache; ``params`` as in ``mark_cacheable``. The view gets
    ``page_cacheable = True`` so tests/test_page_cache_coverage.py can tell it from an unclassified one."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            return mark_cacheable(view(request, *args, **kwargs), params)

        wrapper.page_cacheable = True
        wrapper.page_cache_params = tuple(params)
        return wrapper

    return decorate


class CachedPageMixin:
    """Mark a page type's anonymous responses as cacheable (see the module docstring), sub-routes of a
    ``RoutablePageMixin`` page (archives, feeds, results) included: put it before ``RoutablePageMixin``.

    ``cache_query_params``: the query parameters that change what the page shows; every other one is ignored.
    """

    cache_query_params = ()

    def serve(self, request, *args, **kwargs):
        return mark_cacheable(super().serve(request, *args, **kwargs), self.cache_query_params)


def _conditional(request, cached):
    """``cached`` (a stored response), or ``304 Not Modified`` when the browser already has it: its ``If-None-Match``
    names the stored ``ETag``, or its ``If-Modified-Since`` is not before the stored ``Last-Modified`` (RFC 9110
    13.2.2; only responses whose view set those headers, such as the village map's GeoJSON)."""
    if not (cached.has_header("ETag") or cached.has_header("Last-Modified")):
        return cached
    last_modified = parse_http_date_safe(cached["Last-Modified"]) if cached.has_header("Last-Modified") else None
    response = get_conditional_response(request, etag=cached.get("ETag"), last_modified=last_modified, response=cached)
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """Serve stored copies of opted-in pages to visitors who are not signed in; store fresh ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable_request = timeout() > 0 and request.method in ("GET", "HEAD") and _is_anonymous(request)
        if cacheable_request:
            # The generation the page is rendered in: a copy is stored under it, never under one started by a write
            # committed while the page was being rendered from the data before it.
            started = generation()
            params = cache().get(_params_key(request))
            if params is not None:
                cached = cache().get(_page_key(request, started, params))
                if cached is not None:
                    cached["X-Page-Cache"] = "hit"
                    return _conditional(request, cached)
        response = self.get_response(request)
        if (
            cacheable_request
            and getattr(response, "page_cacheable", False)
            and response.status_code in (200, 404)
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not getattr(_request, "do_not_store", False)
        ):
            self._store(request, response, started)
        return response

    def _store(self, request, response, started):
        """Store ``response`` under the generation ``started`` read before it was rendered; not at all when a write
        started a new generation meanwhile (the page may show the data from before the write)."""
        params = tuple(getattr(response, "page_cache_params", ()))
        key = _page_key(request, started, params)
        response["X-Page-Cache"] = "miss"
        if generation() != started:
            return
        if not set(request.GET) <= set(params):
            return  # rendered with parameters it ignores (tracking tags): its links may carry them, never stored
        variant = bool(request.GET) or response.status_code != 200
        if variant and not _seen.check_and_add(key):
            return  # a URL with a query string, or a "not found", is stored on its second request
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if len(response.content) > max_bytes():
            return
        if variant and not _admit_variant(request, started):
            return  # the shared budgets of variants are spent for this generation
        patch_vary_headers(response, ["Cookie"])
        if "max-age" in response.get("Cache-Control", ""):
            patch_cache_control(response, public=True)
        else:
            patch_cache_control(response, public=True, max_age=getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 0))
        try:
            cache().set(_params_key(request), params, timeout())
            cache().set(key, response, timeout())
        except Exception:  # an unpicklable response is simply not cached
            logger.warning("page cache: could not store %s", request.path, exc_info=True)


class PrivateCookieAnswersMiddleware:
    """Placed before ``SessionMiddleware`` (so it sees the cookies the middleware inside it set): an answer that sets
    or deletes a cookie is ``Cache-Control: private`` instead of ``public``, so no shared cache (a proxy, a CDN)
    keeps one visitor's cookie header, e.g. Django's deletion of a stale ``sessionid`` sent with a cached page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)  # Django drops ``public`` for ``private``
        return response
