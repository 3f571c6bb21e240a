"""Template helpers of the registry: JSON-LD output, status badges (pagination links: core's ``pagination_tags``)."""

import json

from django import template
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
