"""Sitemap sections of records that are not Wagtail pages: producer profiles at /co-so/<slug>/
(``/sitemap-producers.xml``, listed in the index ``/sitemap.xml``: core/sitemaps.py)."""

from django.conf import settings

from core.sitemaps import CanonicalSitemap

from .models import Producer


class ProducerSitemap(CanonicalSitemap):
    """Every published producer's public profile at its Vietnamese address, on ``SITE_URL``, paged by
    ``SITEMAP_PAGE_SIZE``: a profile is written in Vietnamese only (producers are not translatable), so its
    ``/en/co-so/…`` address, the same content under the English interface, is not listed and has no hreflang
    alternate. ``<lastmod>`` is the row's last change (``updated_at``)."""

    language = settings.LANGUAGE_CODE
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        """Published producers whose slug makes a profile address (one stored past validation, e.g. by
        ``update()``, has no page to list), in primary-key order (stable pages)."""
        return (
            Producer.objects.filter(live=True, slug__regex=r"^[-a-zA-Z0-9_]+$")
            .order_by("pk")
            .only("slug", "updated_at")
        )

    def dated_items(self):
        return self.items(), ["updated_at"]

    def lastmod(self, producer):
        return producer.updated_at
