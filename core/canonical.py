"""One canonical address: every absolute URL the site publishes (sitemap, feeds, open data, API, QR codes) is on
``settings.SITE_URL``, never on the host a request happened to use nor on a Wagtail ``Site`` left at localhost.

``site_url("/tin-tuc/")`` → ``"https://khuyencong.gialai.gov.vn/tin-tuc/"``; ``page_url(page)`` is a page's
address in the active language (``/en/…`` under English) on ``SITE_URL``; the default Wagtail ``Site`` follows
``SITE_URL`` (``sync_default_site``, after every ``migrate``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.models import Site


def site_url(path_or_url):
    """``path_or_url`` on ``SITE_URL``: a path is appended; an absolute URL keeps its path, query and fragment
    and takes ``SITE_URL``'s scheme and host. Non-ASCII and control characters are percent-encoded, so the
    result is safe in XML. ``""``/``None`` give ``""``."""
    if not path_or_url:
        return ""
    parts = urlsplit(str(path_or_url))
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    tail = path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return settings.SITE_URL.rstrip("/") + iri_to_uri(tail)


def page_url(page):
    """The absolute URL of a Wagtail page on ``SITE_URL`` in the active language; ``""`` when the page is not
    routable (not under a site's root)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return site_url(parts[2])


def site_address():
    """``(hostname, port)`` of ``SITE_URL``: the port defaults to 443 for https, 80 otherwise."""
    url = urlsplit(settings.SITE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def sync_default_site():
    """Give the default Wagtail ``Site`` the hostname and port of ``SITE_URL`` (when there is one and it differs).
    Returns whether it changed. Run after every ``migrate`` (``core.signals.sync_site_after_migrate``) and by
    ``setup_site``, so the canonical address holds when ``SITE_URL`` changes between deployments."""
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
