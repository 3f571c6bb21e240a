"""Sitemap sections of records that are not Wagtail pages: producer profiles at /co-so/<slug>/."""

from django.contrib.sitemaps import Sitemap


class ProducerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        from .models import Producer

        return Producer.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, producer):
        return producer.updated_at
