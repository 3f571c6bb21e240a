"""The sitemaps: ``/sitemap.xml`` is a sitemap index (robots.txt points at it) listing paged section sitemaps,
every URL on ``SITE_URL`` (see core/canonical.py):

- ``/sitemap-pages-vi.xml``: every live public page of the default site at its Vietnamese address;
- ``/sitemap-pages-en.xml`` (one per other language of ``settings.LANGUAGES``): the pages that have a live English
  translation (core/translation.py), at their ``/en/`` address. An untranslated page's ``/en/`` address shows the
  same Vietnamese text and is left out;
- ``/sitemap-producers.xml``: producers' public profiles (registry/catalogue/sitemaps.py), Vietnamese only.

A page with a translation carries its ``xhtml:link`` hreflang alternates (every language and ``x-default``, the
Vietnamese address) in each language's section: search engines read the alternates of each ``<url>`` wherever it
is listed, and one section per language keeps every file under the protocol's 50,000 URLs. Certificates have no
indexable page: the verification page (``/xac-minh/<code>/``) is ``noindex`` and is not listed.

Each section is cut into pages of ``SITEMAP_PAGE_SIZE`` records (default ``PAGE_SIZE``, 2,000; at most the
protocol's 50,000) and the index links every page (``?p=2`` …, the first one without ``?p=``); a page out of range or a ``p``
that is not a plain positive number answers 404. Entries carry ``<lastmod>`` where the data has it, and each index
entry the latest ``<lastmod>`` of its page. Every response is page-cached (core/page_cache.py): a publish or
unpublish of a page or a producer starts a new generation, so no stale copy is served.
"""

import datetime
from functools import cache
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import DateTimeField, Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import prepare_sitemaps
from wagtail.models import Page

from .canonical import site_url
from .page_cache import page_cacheable
from .translation import live_translations

# Records per section page unless SITEMAP_PAGE_SIZE says otherwise: a page of translated entries (each with its
# three hreflang alternates, ~390 bytes) stays under 1 MB and well under the page cache's largest stored response
# (PAGE_CACHE_MAX_BYTES, 2 MiB), and renders in a few hundred milliseconds; the protocol allows 50,000 URLs.
PAGE_SIZE = 2000
PROTOCOL_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)
PAGE_NUMBER_DIGITS = 9
URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def page_size():
    """Records per section page: ``settings.SITEMAP_PAGE_SIZE`` (default ``PAGE_SIZE``), between 1 and 50,000."""
    return max(1, min(int(getattr(settings, "SITEMAP_PAGE_SIZE", PAGE_SIZE) or PAGE_SIZE), PROTOCOL_LIMIT))


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _path(location):
    """The path (and query) of an absolute or relative URL."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class PagedSection:
    """What the index asks of a section: how many pages it has and the latest change in each. ``items()`` is a
    queryset in a stable order; ``dated_items()`` the same rows with the database fields whose latest value is a
    page's ``<lastmod>`` (None: the section has no dates)."""

    @property
    def limit(self):
        return page_size()

    def get_protocol(self, protocol=None):
        """The scheme of ``SITE_URL`` (every URL listed is on it, whatever the request's host)."""
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        """The host of ``SITE_URL``."""
        return urlsplit(settings.SITE_URL).netloc

    def dated_items(self):
        """``(queryset, field names)`` or None."""
        return None

    def num_pages(self):
        """The number of pages of this section (one query: a count); 0 for an empty one (the index leaves it out)."""
        paginator = Paginator(self.items(), self.limit)
        return paginator.num_pages if paginator.count else 0

    def page_lastmods(self, pages):
        """The latest ``<lastmod>`` of each of ``pages`` (numbers from 1), None where unknown: one query a page."""
        dated = self.dated_items()
        if dated is None:
            return [None] * pages
        queryset, names = dated
        size = self.limit
        latest = []
        for number in range(1, pages + 1):
            found = queryset[(number - 1) * size : number * size].aggregate(
                **{f"latest_{index}": Max(name) for index, name in enumerate(names)}
            )
            dates = [date for date in found.values() if date is not None]
            latest.append(max(dates) if dates else None)
        return latest


class CanonicalSitemap(PagedSection, Sitemap):
    """Records with ``get_absolute_url`` listed at their address in one language (``language``, default the
    Vietnamese), on ``SITE_URL`` whatever the request's host, paged by ``SITEMAP_PAGE_SIZE``."""

    language = settings.LANGUAGE_CODE

    def location(self, item):
        """The item's path in ``language``, percent-encoded (safe in XML whatever its slug holds)."""
        with translation.override(self.language):
            return urlsplit(site_url(item.get_absolute_url())).path


@cache
def _addressed_as_page(model):
    """Whether pages of ``model`` (a page class, or None for a removed one) have the sitemap entries and addresses
    of Wagtail's base ``Page``: then the base row is listed as it is, without building the specific page (most of
    the cost of a sitemap page); a type with its own ``get_sitemap_urls`` (the news index adds its categories) or
    addresses is listed through its specific page (no query: its own fields are loaded only if asked for)."""
    if model is None:
        return True
    return all(
        getattr(model, name) is getattr(Page, name)
        for name in ("get_sitemap_urls", "get_url_parts", "get_full_url", "get_url")
    )


def _published(language):
    return f"sitemap_{language}_published"


def _present(language):
    return f"sitemap_{language}_live"


class PageSitemap(PagedSection, WagtailSitemap):
    """The live public pages of the default site (or the request's) at their address in ``language``: every page
    for the Vietnamese, the pages with a live translation for another language. Entries of translated pages carry
    the hreflang alternates of every language they exist in, and ``x-default``. A page's own ``get_sitemap_urls``
    (e.g. the news index adds its categories) is asked once per language and its entries paired by position.
    An English entry's ``<lastmod>`` is the later of the page's and of its translation's last publication."""

    language = settings.LANGUAGE_CODE

    def items(self):
        """Live public pages of the site in path order (base ``Page`` rows, one query), annotated per other language
        with whether a live translation exists and when it was last published (no query per page); for another
        language than the Vietnamese, only the translated ones."""
        queryset = (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
        )
        for language in _languages():
            if language == settings.LANGUAGE_CODE:
                continue
            translations = live_translations(Page, language).filter(translation_key=OuterRef("translation_key"))
            queryset = queryset.annotate(
                **{
                    _present(language): Exists(translations),
                    _published(language): Subquery(translations.values("last_published_at")[:1]),
                }
            )
        if self.language != settings.LANGUAGE_CODE:
            queryset = queryset.filter(**{_present(self.language): True})
        return queryset

    def dated_items(self):
        own = Coalesce("last_published_at", "latest_revision_created_at", output_field=DateTimeField())
        names = ["sitemap_lastmod"]
        if self.language != settings.LANGUAGE_CODE:
            names.append(_published(self.language))
        return self.items().annotate(sitemap_lastmod=own), names

    def _entries(self, page, language):
        with translation.override(language):
            return [
                {**entry, "location": site_url(_path(entry["location"]))}
                for entry in page.get_sitemap_urls(self.request)
                if entry.get("location")
            ]

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        languages = _languages()
        for item in self.paginator.page(page).object_list:
            present = [
                language
                for language in languages
                if language == settings.LANGUAGE_CODE or getattr(item, _present(language), False)
            ]
            listed = item if _addressed_as_page(item.specific_class) else item.specific_deferred
            by_language = {language: self._entries(listed, language) for language in present}
            count = min(len(entries) for entries in by_language.values())
            published = getattr(item, _published(self.language), None)
            for position in range(count):
                alternates = []
                if len(present) > 1:
                    alternates = [
                        {"lang_code": language, "location": by_language[language][position]["location"]}
                        for language in present
                    ]
                    alternates.append(
                        {
                            "lang_code": "x-default",
                            "location": by_language[settings.LANGUAGE_CODE][position]["location"],
                        }
                    )
                entry = by_language[self.language][position]
                lastmod = entry.get("lastmod")
                if lastmod and published:
                    lastmod = max(lastmod, published)
                urls.append({**entry, "lastmod": lastmod, "alternates": alternates})
                last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def page_sitemaps():
    """``{"pages-vi": …, "pages-en": …}``: one ``PageSitemap`` class per language of ``settings.LANGUAGES``."""
    return {
        f"pages-{language}": type(f"PageSitemap_{language}", (PageSitemap,), {"language": language})
        for language in _languages()
    }


def _page_number(request):
    """The ``?p=`` page asked for (1 without one): a plain positive number, else 404."""
    value = request.GET.get("p", "1")
    if not value.isascii() or not value.isdigit() or value.startswith("0") or len(value) > PAGE_NUMBER_DIGITS:
        raise Http404("Trang sơ đồ trang không hợp lệ.")
    return int(value)


def _instances(request, sitemaps):
    """The section sitemaps of ``sitemaps`` as instances (Wagtail's take the request)."""
    return {
        name: sitemap() if isinstance(sitemap, type) else sitemap
        for name, sitemap in prepare_sitemaps(request, sitemaps).items()
    }


@require_safe
@page_cacheable()
@x_robots_tag
def index(request, sitemaps):
    """``/sitemap.xml``: the index of every page of every section (``sitemaps``: {section name: sitemap class}),
    each with the latest ``<lastmod>`` of its entries where every entry has one. Queries: per section one count,
    and one per page of it for the dates."""
    entries = []
    latest = []
    for name, sitemap in _instances(request, sitemaps).items():
        location = site_url(reverse("sitemap_section", kwargs={"section": name}))
        pages = sitemap.num_pages()
        for number, lastmod in enumerate(sitemap.page_lastmods(pages), start=1):
            entries.append(SitemapIndexItem(location if number == 1 else f"{location}?p={number}", lastmod))
            latest.append(lastmod)
    headers = None
    if latest and None not in latest:
        headers = {"Last-Modified": http_date(max(latest).timestamp())}
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml", headers=headers
    )


def _day(value):
    """``<lastmod>`` of an entry: the day of ``value`` (a date, or a datetime in the site's time zone)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().isoformat()
    return value.isoformat()


def render_urlset(urls):
    """The ``<urlset>`` document of ``urls`` (entries as ``Sitemap.get_urls`` makes them), as bytes: what Django's
    ``sitemap.xml`` template writes, without a template (a page of 5,000 entries is rendered several times
    faster)."""
    parts = [URLSET_OPEN]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts).encode()


@require_safe
@page_cacheable(params=("p",))
@x_robots_tag
def section(request, sitemaps, section):
    """``/sitemap-<section>.xml[?p=N]``: one page of one section; an unknown section, a page out of range or a ``p``
    that is not a plain positive number answers 404. ``Last-Modified`` when every entry has a ``<lastmod>``."""
    if section not in sitemaps:
        raise Http404("Không có sơ đồ trang này.")
    number = _page_number(request)
    sitemap = _instances(request, {section: sitemaps[section]})[section]
    try:
        urls = sitemap.get_urls(page=number)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("Trang sơ đồ trang không tồn tại.") from error
    response = HttpResponse(render_urlset(urls), content_type="application/xml")
    latest = getattr(sitemap, "latest_lastmod", None)
    if latest:
        if not isinstance(latest, datetime.datetime):
            latest = datetime.datetime.combine(latest, datetime.time.min, tzinfo=datetime.UTC)
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response
