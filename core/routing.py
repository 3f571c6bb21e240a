"""Finding the page of an address in one query instead of two per level of the address.

Wagtail routes ``/san-pham/ca-phe/`` by finding the ``Site`` of the host (one query), the locale of the request
(one), the root page's specific row (one), then for each level its child by slug and that child's specific row (two
per level): seven queries for a product page, ten for an English one. ``install()`` (called once from
``CoreConfig.ready()``) replaces ``Page.route_for_request`` and ``Site.find_for_request``'s lookup:

- the ``Site`` of a host and port, with its root page, is kept per generation (core/shared_data.py); every request
  gets new instances built from those values;
- the pages an address goes through (base ``Page`` rows) are found by their ``url_path`` in one query and kept per
  generation; then only the page being served is read (its specific row, one query), so its content is always the
  database's. Its ``url_path`` is checked: a page moved or renamed without a new generation is routed the way Wagtail
  does;
- the roots of the sites' page trees (``Site.get_site_root_paths``, read by every page address) are kept too;
- the walk applies Wagtail's rules unchanged: a page type with its own ``route`` (``RoutablePageMixin`` sub-routes
  that match the rest of the address, an English copy of a page) is asked to route the rest itself; a page that is
  not live answers 404; intermediate pages need not be live; ``/en/`` addresses go through the Vietnamese tree,
  as ``TranslatedPageMixin.route`` makes them (core/translation.py).

Sites whose root page is not in the default language, or not a ``TranslatedPageMixin`` page, are routed by Wagtail.
"""

from django.http import Http404
from django.http.request import split_domain_port
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult

from .shared_data import instance_of, row_of, shared
from .translation import TranslatedPageMixin, default_language, language_of

_PLAIN_ROUTES = {Page.route, TranslatedPageMixin.route}  # Wagtail's child by slug (defined on AbstractPage)
_route_kinds = {}


def route_kind(model):
    """How ``model`` (a page class) routes: ``"plain"`` (Wagtail's child-by-slug, possibly through
    ``TranslatedPageMixin``), ``"routable"`` (the same after its own ``RoutablePageMixin`` patterns) or ``"own"``
    (any other ``route``: asked to route itself)."""
    kind = _route_kinds.get(model)
    if kind is None:
        routes = {vars(klass)["route"] for klass in model.__mro__ if "route" in vars(klass)}
        if routes <= _PLAIN_ROUTES:
            kind = "plain"
        elif routes <= _PLAIN_ROUTES | {RoutablePageMixin.route}:
            kind = "routable"
        else:
            kind = "own"
        _route_kinds[model] = kind
    return kind


def _site_rows(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    return row_of(site), row_of(site.root_page)


def find_site(request):
    """The ``Site`` answering ``request`` (Wagtail's rules: ``get_site_for_hostname``), with its root page, built
    from the values kept for this host and port in the current generation; None when no site matches."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    rows = shared("sites", (hostname, port), lambda: _site_rows(hostname, port))
    if rows is None:
        return None
    site = instance_of(Site, rows[0])
    site.root_page = instance_of(Page, rows[1])
    return site


def _chain_rows(root, components):
    """Rows (``row_of``) of the pages below ``root`` at ``components`` (slugs), as far as they exist, level by
    level; None when an address is held by two pages (a broken tree: Wagtail's routing decides). One query."""
    if not components:
        return ()
    paths = [root.url_path + "/".join(components[: level + 1]) + "/" for level in range(len(components))]
    found = {}
    for page in Page.objects.filter(url_path__in=paths, path__startswith=root.path):
        if page.url_path in found:
            return None
        found[page.url_path] = page
    rows, parent = [], root
    for path in paths:
        page = found.get(path)
        if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
            break
        rows.append(shared("page_rows", page.pk, lambda page=page: row_of(page)))  # one copy of a section's row
        parent = page
    return tuple(rows)


def _routable_match(model, components):
    """Whether a ``RoutablePageMixin`` page type has a sub-route for ``components`` (what it would serve itself)."""
    try:
        model.get_resolver().resolve("/" + "".join(component + "/" for component in components))
    except Http404:
        return False
    return True


def _specific(page):
    """``page.specific`` (one query), or None when the row no longer has the address it was routed by."""
    specific = page.specific
    return specific if specific.url_path == page.url_path else None


def route(request, site, components):
    """The ``RouteResult`` of ``components`` (the address's slugs) on ``site``, or Http404 (see the module
    docstring)."""
    root = site.root_page
    if language_of(root) != default_language() or not issubclass(root.specific_class or Page, TranslatedPageMixin):
        return site.root_page.localized.specific.route(request, components)
    rows = shared("routes", (site.pk, root.pk, root.url_path, tuple(components)), lambda: _chain_rows(root, components))
    if rows is None:
        return root.specific.route(request, components)
    current = root
    for level in range(len(components) + 1):
        remaining = components[level:]
        model = current.specific_class
        kind = route_kind(model) if model is not None else "own"
        if kind != "own" and language_of(current) != default_language():
            kind = "own"  # an English page routes through its Vietnamese source (TranslatedPageMixin.route)
        if kind == "own" or (kind == "routable" and current.live and _routable_match(model, remaining)):
            specific = _specific(current)
            if specific is None:
                return root.specific.route(request, components)
            return specific.route(request, remaining)
        if not remaining:
            specific = _specific(current)
            if specific is None:
                return root.specific.route(request, components)
            if not specific.live:
                raise Http404
            return RouteResult(specific)
        if level >= len(rows):
            raise Http404
        child = instance_of(Page, rows[level])
        child._cached_parent_obj = current
        current = child
    raise Http404  # not reached: the last level has no remaining components


def route_for_request(request, path):
    """``Page.route_for_request`` (Wagtail's signature and per-request memo ``request._wagtail_route_for_request``)
    routed by ``route``."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            site = Site.find_for_request(request)
            components = [component for component in path.split("/") if component]
            request._wagtail_route_for_request = route(request, site, components) if site else None
        except Http404:
            request._wagtail_route_for_request = None
    return request._wagtail_route_for_request


def install():
    """Make Wagtail use ``route_for_request`` and ``find_site``, and keep ``Site.get_site_root_paths()`` (what every
    page address is computed from, otherwise read from the cache once per request) per generation (called once
    from ``CoreConfig.ready()``). Idempotent."""
    if getattr(Site.get_site_root_paths, "per_generation", False):
        return
    wagtail_root_paths = Site.get_site_root_paths

    def get_site_root_paths():
        return list(shared("site_root_paths", None, lambda: tuple(wagtail_root_paths())))

    get_site_root_paths.per_generation = True
    Page.route_for_request = staticmethod(route_for_request)
    Site._find_for_request = staticmethod(find_site)
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
