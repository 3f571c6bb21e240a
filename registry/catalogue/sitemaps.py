"""Sitemap sections of records that are not Wagtail pages: producer profiles at /co-so/<slug>/."""

from django.conf import settings

from core.sitemaps import CanonicalSitemap

from .models import Producer


class ProducerSitemap(CanonicalSitemap):
    """Every producer's public profile at its Vietnamese address, on ``SITE_URL``: a profile is written in Vietnamese
    only (producers are not translatable), so its ``/en/co-so/…`` address, the same content under the English
    interface, is not listed and has no hreflang alternate."""

    languages = [settings.LANGUAGE_CODE]
    alternates = False
    x_default = False
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        """Producers whose slug makes a profile address (one stored past validation, e.g. by ``update()``, has no
        page to list)."""
        return (
            Producer.objects.filter(live=True, slug__regex=r"^[-a-zA-Z0-9_]+$")
            .order_by("pk")
            .only("slug", "updated_at")
        )

    def lastmod(self, producer):
        return producer.updated_at
