"""RSS 2.0 and Atom feeds of the news, for all articles or one category, served by ``NewsIndexPage`` routes
(``/tin-tuc/rss/``, ``/tin-tuc/atom/``, ``/tin-tuc/chuyen-muc/<slug>/rss/`` …).

Every link and guid is on ``SITE_URL`` (core/canonical.py), and every string goes through ``xml_safe``
(core/cleaning.py): one record with a control character never takes a feed down.

A feed is in the language of its address (``/en/tin-tuc/rss/``: ``<language>en</language>``): the channel's title
is the index's (English where the index is translated) and the site's name in that language
(``SiteSettings.text``), and each item has its English title and summary where the article has a live English
translation (``core.translation.show_in_language``), else its Vietnamese ones."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.canonical import page_url, site_url
from core.cleaning import XmlSafeFeedMixin
from core.models import SiteSettings
from core.translation import active_language, show_in_language

FEED_SIZE = 30


class SafeRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    """RSS 2.0 that drops the characters XML cannot carry."""


class SafeAtomFeed(XmlSafeFeedMixin, Atom1Feed):
    """Atom 1.0 that drops the characters XML cannot carry."""


class NewsRssFeed(Feed):
    feed_type = SafeRssFeed

    def __init__(self, index, category=None):
        super().__init__()
        self.index = index
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        """ "<index or category> – <site name>", both in the feed's language where they are translated."""
        site_name, _language = SiteSettings.load(request_or_site=self.request).text("site_name", active_language())
        if self.category:
            return f"{self.category.display_name} – {site_name}"
        return f"{self.index.title} – {site_name}"

    def link(self):
        if self.category:
            return site_url(self.index.category_url(self.category))
        return page_url(self.index)

    def description(self):
        if self.category and self.category.description:
            return self.category.description
        return self.index.intro or _("Tin tức khuyến công mới nhất")

    def feed_url(self):
        return site_url(self.request.path)

    def items(self):
        articles = self.index.articles()
        if self.category:
            articles = articles.filter(category=self.category)
        return show_in_language(articles[:FEED_SIZE])  # English text where translated: one query

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item)

    def item_guid(self, item):
        return page_url(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        published = item.first_published_at
        if published and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(7, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.authors or None

    def item_categories(self, item):
        return [item.category.display_name] if item.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = SafeAtomFeed

    def subtitle(self):
        return self.description()
