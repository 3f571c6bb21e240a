"""Read the sitemaps the way a search engine does: ``/sitemap.xml`` is an index; follow each of its links."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def local(url):
    """The path and query of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def index_locations(client, **extra):
    """The ``<loc>`` of every ``<sitemap>`` of the index (absolute URLs, in order); asserts a 200 and XML."""
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200, response.status_code
    root = ET.fromstring(response.content)
    assert root.tag == SM + "sitemapindex"
    return [entry.findtext(SM + "loc") for entry in root.findall(SM + "sitemap")]


def sitemap_responses(client, **extra):
    """``[(index location, response)]`` of every section page the index links; asserts each answers 200."""
    found = []
    for location in index_locations(client, **extra):
        response = client.get(local(location), **extra)
        assert response.status_code == 200, (location, response.status_code)
        found.append((location, response))
    return found


def sitemap_text(client, **extra):
    """The bodies of every section page the index links, one after the other (for ``in`` checks)."""
    return "\n".join(response.content.decode() for _location, response in sitemap_responses(client, **extra))


def sitemap_entries(client, **extra):
    """``[(loc, {hreflang: href}, lastmod)]`` of every ``<url>`` of every section page, in order."""
    entries = []
    for _location, response in sitemap_responses(client, **extra):
        root = ET.fromstring(response.content)
        assert root.tag == SM + "urlset"
        for url in root.findall(SM + "url"):
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(XHTML + "link")}
            entries.append((url.findtext(SM + "loc"), alternates, url.findtext(SM + "lastmod")))
    return entries
