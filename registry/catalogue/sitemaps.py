"""Sitemap sections of records that are not Wagtail pages: producer profiles at /co-so/<slug>/."""

from django.contrib.sitemaps import Sitemap

from .models import Producer


class ProducerSitemap(Sitemap):
    """Every producer's public profile."""

    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Producer.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, producer):
        return producer.updated_at
