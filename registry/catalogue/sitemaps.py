"""Sitemap sections of records that are not Wagtail pages: producer profiles at /co-so/<slug>/."""

from core.sitemaps import CanonicalSitemap

from .models import Producer


class ProducerSitemap(CanonicalSitemap):
    """Every producer's public profile, in every language with hreflang alternates, on ``SITE_URL``."""

    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        """Producers whose slug makes a profile address (one stored past validation, e.g. by ``update()``, has no
        page to list)."""
        return Producer.objects.filter(slug__regex=r"^[-a-zA-Z0-9_]+$").order_by("pk").only("slug", "updated_at")

    def lastmod(self, producer):
        return producer.updated_at
