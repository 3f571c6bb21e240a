"""The Elasticsearch backend of the site search: one multi-index query over the indices of every registered
searchable type (search/searchable.py), with highlighting, and a completion suggester for the search box.

Requests go through the configured engine (Elasticsearch or OpenSearch, search/elastic/client.py); any failure
marks the cluster down and raises :class:`ElasticUnavailable`; search/service.py then lets the database
answer. Faceted searches of a listing (the product catalogue) build their own ``FacetedSearch`` on these helpers.
"""

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch.dsl import Q, Search

from core.text import clean_text
from core.translation import active_language, default_language, show_in_language, translated_url

from .. import searchable
from ..elastic import client
from ..elastic.queries import words_query
from ..highlight import remark
from ..results import HitWindow, SiteHit
from ..text import query_tokens
from .database import page_hit

# What the database backend searches, per type: a page's search fields (``body``: body, trade, folded copy …), a
# product's producer (name, representative, address, district), a producer's folded name and address.
SITE_FIELDS = ["title^3", "producer_name^2", "summary", "materials", "producer_details^0.2", "body"]


BY_SCORE = ("_score", {"title.raw": {"order": "asc", "unmapped_type": "keyword"}}, {"kind": {"order": "asc"}})


def indices():
    """The comma-separated aliases of every registered index, in registration order."""
    return ",".join(kind.document_class().alias() for kind in searchable.indexed_types())


def kind_label(kind_code, page_type=""):
    """The translated label of a hit's ``kind``: its model's name (e.g. "product" → "sản phẩm"; for the catch-all
    pages index the page's type, ``page_type``), the label the database backend shows; "" when unknown."""
    if page_type:
        model = _page_model(page_type)
        if model is not None:
            return str(model._meta.verbose_name)
    kind = searchable.for_kind(kind_code)
    return str(kind.model._meta.verbose_name) if kind else ""


def _is_page_hit(hit):
    kind = searchable.for_kind(hit.kind)
    return bool(getattr(hit, "page_type", "")) or (kind is not None and kind.is_page)


def translated_pages(hits):
    """{page id: page laid over with its translation in the active language (``show_in_language``, one query per
    type)} for the page hits of ``hits``; {} on the default language's site (no query)."""
    if active_language() == default_language():
        return {}
    from wagtail.models import Page

    ids = [int(hit.meta.id) for hit in hits if _is_page_hit(hit)]
    if not ids:
        return {}
    pages = show_in_language(Page.objects.filter(pk__in=ids).specific(), by_type=True)
    return {page.pk: page for page in pages}


def type_code(kind_code, page_type=""):
    model = _page_model(page_type) if page_type else None
    if model is not None:
        return model.__name__.lower()
    kind = searchable.for_kind(kind_code)
    return kind.code if kind else "page"


def _page_model(page_type):
    from django.apps import apps

    try:
        return apps.get_model(page_type)
    except (LookupError, ValueError):
        return None


def localized(url):
    """A stored URL (in the default language, search/elastic/documents.py ``url_of``) in the active language: the
    same address under ``/en/`` on the English site, as the database backend links to it."""
    language = active_language()
    if not url or language == default_language():
        return url
    return translated_url(url, default_language(), language)


def execute(search):
    """The response of ``search`` on every registered index, through the configured engine (client.py); a failure
    marks the cluster down and raises :class:`~search.elastic.client.ElasticUnavailable`."""
    return client.execute(search, indices())


def suggest(text, size=8):
    """Suggestions for the search box: titles (of products, producers, artisans, villages, news, other pages) of
    which every word typed starts a word, as the database backend's autocomplete ("tho c" → "Thổ cẩm …", also inside
    a title: "Vải thổ cẩm"), best first."""
    # NFC first: the engine's analyzer folds composed letters only, so decomposed (NFD) input found nothing.
    query = words_query(clean_text(text), ["title"])
    if query is None:
        return []
    search = Search(index=indices()).query(query).source(["title", "url", "kind", "page_type"]).sort(*BY_SCORE)[:size]
    items = []
    hits = list(execute(search).hits)
    pages = translated_pages(hits)  # on /en/: the English title and address, as the database backend gives them
    for hit in hits:
        page_type = getattr(hit, "page_type", "")
        page = pages.get(int(hit.meta.id)) if _is_page_hit(hit) else None
        title, url = (page.title, page.get_url()) if page is not None else (hit.title, localized(hit.url))
        items.append({"title": title, "url": url, "type": kind_label(hit.kind, page_type)})
    return items


def site_search_body(text, page_number, per_page):
    """The multi-index Search (products, producers, artisans, villages, news) of the site search."""
    start = (page_number - 1) * per_page
    search = (
        Search(index=indices())
        # NFC first: the engine's analyzer folds composed letters only (NFD input found nothing).
        .query(words_query(clean_text(text), SITE_FIELDS) or Q("match_none"))
        .highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1, fragment_size=200
        )
        .highlight("title", "summary")
        .source(["title", "summary", "note", "url", "kind", "page_type"])
        # Equal scores in different indices come back in any order: without a tiebreak a hit could be on two
        # pages of results and another on none.
        .sort(*BY_SCORE)
    )
    return search[start : start + per_page]


def site_search(text, page_number, per_page):
    """A Paginator page of :class:`search.site.SiteHit` from Elasticsearch."""
    page_number = client.clamp_page(page_number, per_page)  # never past the engine's result window (a 400)
    response = execute(site_search_body(text, page_number, per_page))
    total = client.reachable_total(response.hits.total.value, per_page)
    last_page = max(1, -(-total // per_page))
    if page_number > last_page:
        page_number = last_page
        response = execute(site_search_body(text, page_number, per_page))
    tokens = query_tokens(text)
    source_language = "" if active_language() == default_language() else default_language()
    hits = []
    found = list(response.hits)
    pages = translated_pages(found)
    for hit in found:
        page = pages.get(int(hit.meta.id)) if _is_page_hit(hit) else None
        if page is not None:
            # On /en/: the hit the database backend shows (its English title, summary, address and type where the
            # page has a live translation, else marked as Vietnamese), highlighted by the site's one rule.
            hits.append(page_hit(page, tokens, None))
            continue
        marks = getattr(hit.meta, "highlight", None) or {}
        # Elasticsearch's marks, redone with the site's one rule (search/highlight.py).
        title = remark(marks["title"][0], tokens) if "title" in marks else escape(hit.title)
        summary = (
            remark(marks["summary"][0], tokens)
            if "summary" in marks
            else escape(getattr(hit, "summary", "") or getattr(hit, "note", "") or "")
        )
        page_type = getattr(hit, "page_type", "")
        hits.append(
            SiteHit(
                kind=kind_label(hit.kind, page_type),
                title=mark_safe(title),
                url=localized(hit.url),
                snippet=mark_safe(summary),
                type_code=type_code(hit.kind, page_type),
                lang=source_language,  # the index holds the Vietnamese sources: marked as such under /en/
            )
        )
    page = Paginator(HitWindow(total, hits), per_page).get_page(page_number)
    page.object_list = hits
    # More hits than the pages reach (the engine's result window, or a total it only counted up to): "more than".
    found_total = response.hits.total
    page.more_results = found_total.value > total or getattr(found_total, "relation", "eq") == "gte"
    return page
