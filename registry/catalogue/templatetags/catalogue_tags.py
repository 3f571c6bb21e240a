"""Template helpers of the registry: JSON-LD output, status badges, the craft-village map's files (pagination links:
core's ``pagination_tags``)."""

import json
from functools import cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from ..choices import CertificateStatus

register = template.Library()

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A ``<script type="application/ld+json">`` element with ``data`` safely escaped."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


@register.filter
def status_badge_class(status):
    return {
        CertificateStatus.VALID: "badge--ok",
        CertificateStatus.EXPIRED: "badge--warn",
        CertificateStatus.REVOKED: "badge--bad",
    }.get(status, "")


@register.filter
def status_label(status):
    try:
        return CertificateStatus(status).label
    except ValueError:
        return ""


# The craft-village map's files, in load order (static/js/map.js fetches them once a map is on screen).
MAP_CSS = ("vendor/leaflet/leaflet.css", "vendor/leaflet.markercluster/MarkerCluster.css", "css/map.css")
MAP_JS = ("vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/leaflet.markercluster.js")
MAP_SCRIPT = "js/map.js"


@register.simple_tag
def map_assets():
    """``{"css", "js", "script"}``: the addresses of the map's style sheets and scripts (space-separated, for the
    map element's ``data-map-css``/``data-map-js``) and of its own script (includes/village_map.html, map_js.html).
    Looked up once per process (they change only with a deployment's collectstatic), not six times a page."""
    return _map_assets()


@cache
def _map_assets():
    return {
        "css": " ".join(static(path) for path in MAP_CSS),
        "js": " ".join(static(path) for path in MAP_JS),
        "script": static(MAP_SCRIPT),
    }


def _forget_map_assets(setting, **_kwargs):
    if setting in ("STATIC_URL", "STORAGES", "STATICFILES_STORAGE"):
        _map_assets.cache_clear()


setting_changed.connect(_forget_map_assets, dispatch_uid="catalogue.map_assets")
