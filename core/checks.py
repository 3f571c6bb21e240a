"""System checks of the deployment's configuration (run by ``manage.py check`` and at start-up)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def site_url_host_is_allowed(app_configs, **kwargs):
    """Warn when ``SITE_URL``'s host is not in ``ALLOWED_HOSTS``: every absolute link (QR codes on certificates,
    e-mails, feeds, the sitemap) would then point at an address the site refuses to answer."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host and not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            Warning(
                f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS {settings.ALLOWED_HOSTS!r}.",
                hint="Add it to ALLOWED_HOSTS, or correct SITE_URL.",
                id="khuyencong.W001",
            )
        ]
    return []
