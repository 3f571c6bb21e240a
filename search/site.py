"""Site search across every published page (products, artisans, villages, news…) and producers, the search box's
suggestions, and help for searches that found nothing.

Pages are queried generically through Wagtail (``Page.objects.live().public()``), so page types added later (news)
are searched without changes here. Queries are folded (search/folding.py) so "tho cam" finds "Thổ cẩm".
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.utils.translation import gettext_lazy as _

from core.text import fold

from .filters import query_tokens, word_prefix_q
from .highlight import highlight
from .service import backend_name, logger

PER_PAGE = 10
PAGE_LIMIT = 300
AUTOCOMPLETE_LIMIT = 8


@dataclass
class SiteHit:
    kind: str  # verbose name of the type, shown on each hit
    title: object  # safe HTML with <mark>
    url: str
    snippet: object = ""
    type_code: str = ""


def _page_query(text, tokens):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    pages = Page.objects.live().public().filter(depth__gt=2)
    ordered = []
    # The folded words match the folded shadow fields (and everything on PostgreSQL, whose vi_unaccent folds);
    # the words as typed match pages without a shadow field on SQLite. Punctuation never reaches the engine.
    raw_words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()[: len(tokens)]
    for query_string in dict.fromkeys([" ".join(tokens), " ".join(raw_words)]):
        if query_string.strip():
            ordered.extend(p.pk for p in backend.search(query_string, pages, operator="and")[:PAGE_LIMIT])
    return list(dict.fromkeys(ordered))


def _producer_query(tokens):
    from registry.catalogue.models import Producer

    return list(
        Producer.objects.filter(word_prefix_q("search_folded", tokens))
        .order_by("name")
        .values_list("pk", "name")[:PAGE_LIMIT]
    )


def _description(page):
    for attr in ("summary", "intro", "search_description", "main_trade", "trade"):
        value = getattr(page, attr, "")
        if value and isinstance(value, str):
            return value
    return ""


def site_search(text, page_number, request=None):
    """One page of hits for ``text``: a Paginator page whose object_list holds :class:`SiteHit`."""
    from wagtail.models import Page

    from registry.catalogue.models import Producer

    tokens = query_tokens(text)
    if tokens and backend_name() == "elasticsearch":
        from .elastic.client import ElasticUnavailable

        try:
            from .backends.elastic import site_search as elastic_site_search

            return elastic_site_search(" ".join(text.split()), page_number, PER_PAGE)
        except ElasticUnavailable as error:
            logger.warning("Elasticsearch unavailable, the database backend answers: %s", error)
    keys = []
    if tokens:
        page_ids = _page_query(text, tokens)
        titles = {("page", pk): title for pk, title in Page.objects.filter(pk__in=page_ids).values_list("pk", "title")}
        titles.update({("producer", pk): name for pk, name in _producer_query(tokens)})
        keys = [("page", pk) for pk in page_ids] + [key for key in titles if key[0] == "producer"]
        # Hits whose own title holds every word come first; otherwise the engine's order is kept.
        keys.sort(key=lambda key: not all(token in fold(titles.get(key, "")) for token in tokens))
    page = Paginator(keys, PER_PAGE).get_page(page_number)
    page_ids = [pk for kind, pk in page.object_list if kind == "page"]
    producer_ids = [pk for kind, pk in page.object_list if kind == "producer"]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()} if page_ids else {}
    producers = {p.pk: p for p in Producer.objects.filter(pk__in=producer_ids)} if producer_ids else {}
    hits = []
    for kind, pk in page.object_list:
        if kind == "page" and pk in pages:
            obj = pages[pk]
            hits.append(
                SiteHit(
                    kind=str(obj.specific_class._meta.verbose_name if obj.specific_class else _("trang")),
                    title=highlight(obj.title, tokens),
                    url=obj.get_url(request),
                    snippet=highlight(_description(obj), tokens, length=200),
                    type_code=obj.specific_class.__name__.lower() if obj.specific_class else "page",
                )
            )
        elif kind == "producer" and pk in producers:
            obj = producers[pk]
            hits.append(
                SiteHit(
                    kind=str(Producer._meta.verbose_name),
                    title=highlight(obj.name, tokens),
                    url=obj.get_absolute_url(),
                    snippet=highlight(obj.description or obj.address, tokens, length=200),
                    type_code="producer",
                )
            )
    page.object_list = hits
    return page


def spelling_suggestion(text):
    """On PostgreSQL: the published title most similar (pg_trgm word similarity) to the folded query, if any."""
    tokens = query_tokens(text)
    if connection.vendor != "postgresql" or not tokens:
        return ""
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models import F, Func
    from django.db.models.functions import Lower
    from wagtail.models import Page

    folded = " ".join(tokens)
    best = (
        Page.objects.live()
        .public()
        .filter(depth__gt=2)
        .annotate(similarity=TrigramWordSimilarity(folded, Func(Lower(F("title")), function="unaccent")))
        .filter(similarity__gte=0.3)
        .order_by("-similarity", "title")
        .values_list("title", flat=True)
        .first()
    )
    return best or ""


def popular_items():
    """For the zero-results page: the products recognised at the highest levels, and the catalogue's groups.
    (No search log is written per request: a write would invalidate the anonymous page cache.)"""
    from registry.catalogue.choices import ProductGroup
    from registry.catalogue.models import ProductIndexPage

    from .backends.common import load_products, make_hits
    from .backends.database import by_level, live_products

    best = list(by_level(live_products()).values_list("pk", flat=True)[:4])
    index = ProductIndexPage.objects.live().public().first()
    groups = []
    if index is not None:
        groups = [(label, f"{index.url}?group={value}") for value, label in ProductGroup.choices]
    return {"popular_products": make_hits(load_products(best), []), "catalogue_groups": groups}


def autocomplete(text, request=None):
    """Up to 8 suggestions ``{"title", "url", "type"}`` for the search box: pages by their folded words'
    prefixes (Wagtail autocomplete), then producers by name."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from registry.catalogue.models import Producer

    tokens = query_tokens(text)
    if not tokens or len(" ".join(tokens)) < 2:
        return []
    if backend_name() == "elasticsearch":
        from .elastic.client import ElasticUnavailable

        try:
            from .backends.elastic import suggest

            return suggest(" ".join(text.split()), size=AUTOCOMPLETE_LIMIT)
        except ElasticUnavailable as error:
            logger.warning("Elasticsearch unavailable, the database suggests: %s", error)
    pages = Page.objects.live().public().filter(depth__gt=2)
    found = list(get_search_backend().autocomplete(" ".join(tokens), pages, operator="and")[:AUTOCOMPLETE_LIMIT])
    ids = [p.pk for p in found]
    items = []
    if ids:
        specific = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        for pk in ids:
            page = specific.get(pk)
            if page is not None:
                kind = page.specific_class._meta.verbose_name if page.specific_class else _("trang")
                items.append({"title": page.title, "url": page.get_url(request), "type": str(kind)})
    for producer in Producer.objects.filter(word_prefix_q("search_folded", tokens)).order_by("name")[
        : max(0, AUTOCOMPLETE_LIMIT - len(items))
    ]:
        items.append(
            {"title": producer.name, "url": producer.get_absolute_url(), "type": str(Producer._meta.verbose_name)}
        )
    return items[:AUTOCOMPLETE_LIMIT]
