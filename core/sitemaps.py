"""The sitemap (``/sitemap.xml``): every live public page and every other public record in every language of
``settings.LANGUAGES``, each with its ``xhtml:link`` hreflang alternates (and ``x-default``, the Vietnamese
address), every URL on ``SITE_URL`` (see core/canonical.py).

- ``CanonicalSitemap`` is a Django sitemap of records with ``get_absolute_url`` in every language (a subclass may
  limit ``languages``: producers' profiles are Vietnamese-only content and listed at their Vietnamese address).
- ``PageSitemap`` is Wagtail's page sitemap of the Vietnamese tree; a page is listed in English too, with
  hreflang alternates, only when it has a live English translation (core/translation.py): an untranslated page's
  ``/en/`` address shows the same Vietnamese text and is left out. A page's own ``get_sitemap_urls`` (e.g. the
  news index adds its categories) is asked once per language and its entries paired by position.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .canonical import site_url
from .translation import translated_keys


def _languages():
    return [code for code, _name in settings.LANGUAGES]


class CanonicalSitemap(Sitemap):
    """A Django sitemap in every language with hreflang alternates, on ``SITE_URL`` whatever the request's host."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def location(self, item):
        """The item's path in the active language, percent-encoded (safe in XML whatever its slug holds)."""
        return urlsplit(site_url(item.get_absolute_url())).path


def _path(location):
    """The path (and query) of an absolute or relative URL."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class PageSitemap(WagtailSitemap):
    """Every live public page of the default site (or the request's), once per language, with alternates."""

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
        items = list(self.paginator.page(page).object_list)
        keys = [item.translation_key for item in items]
        translated = {
            language: translated_keys(keys, language) for language in languages if language != settings.LANGUAGE_CODE
        }
        for item in items:
            present = [
                language
                for language in languages
                if language == settings.LANGUAGE_CODE or item.translation_key in translated[language]
            ]
            by_language = {language: self._entries(item, language) for language in present}
            count = min(len(entries) for entries in by_language.values())
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
                for language in present:
                    entry = by_language[language][position]
                    urls.append({**entry, "alternates": alternates})
                    last_mods.add(entry.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
