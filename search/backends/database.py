"""The database backend of the site search: Wagtail's database search (``search/backends/wagtail_vi.py``: SQLite FTS5
or PostgreSQL full text, folding Vietnamese at index and query time) over every live page, and the folded
``search_folded`` column of the registered records that are not pages (producers). "tho cam" finds "Thổ cẩm", and
"Thổ cẩm" ranks it above "Tho cam".

Each kind lists at most ``PAGE_LIMIT`` hits (the pages, and each record type): past that the results are the
best ``PAGE_LIMIT`` of each, and the page says so (``more_results``: "Hơn 600 kết quả — hãy thêm từ khóa để thu
hẹp"), instead of a count that reads as a total. Counting every match would not make the rest reachable.

The site search runs a fixed number of queries whatever the size of the site: pages (1), titles (1), one per record
type, then the specific pages and records of the current page.
"""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.text import fold
from core.translation import active_language, default_language, show_in_language, source_pages

from .. import searchable
from ..highlight import highlight
from ..results import SiteHit
from ..text import query_tokens, word_prefix_q
from .ranking import ranked_pks

PER_PAGE = 10
PAGE_LIMIT = 300
AUTOCOMPLETE_LIMIT = 8
RELEVANCE_LIMIT = 1000


def ranked_ids(queryset, text, limit=RELEVANCE_LIMIT):
    """Primary keys of ``queryset`` (indexed Wagtail models) in relevance order for the query ``text`` (as typed: the
    backend folds it and ranks the exact words first), every word required, at most ``limit``: Wagtail's order,
    found and ranked in one pass over the search index (``search.backends.ranking``). Wagtail's search filters only
    on declared FilterFields: pass ``Model.objects.filter(id__in=…)`` to restrict it."""
    return ranked_pks(queryset, text, limit)


def _page_query(text, limit=PAGE_LIMIT):
    """The live public pages whose words start with the query's words ("ca ph" finds "Cà phê", as the catalogue
    and the suggestions do), those holding the words whole first, then by relevance; at most ``limit``."""
    pages = source_pages(Page.objects.live().public()).filter(depth__gt=2)
    return ranked_pks(pages, text, limit, prefix=True)


def _record_query(kind, tokens, limit=PAGE_LIMIT):
    """(pk, title) of the public records of the non-page type ``kind`` (``kind.public_queryset()``: a producer whose
    profile is a 404 is never listed) whose folded words start with the tokens."""
    return list(
        kind.public_queryset()
        .filter(word_prefix_q("search_folded", tokens))
        .order_by(kind.title_field)
        .values_list("pk", kind.title_field)[:limit]
    )


def _description(page):
    for attr in ("summary", "intro", "search_description", "main_trade", "trade"):
        value = getattr(page, attr, "")
        if value and isinstance(value, str):
            return value
    return ""


def page_hit(page, tokens, request):
    """The hit of ``page``, laid over with its translation by ``show_in_language`` (``content_language``)."""
    specific_class = page.specific_class
    language = getattr(page, "content_language", default_language())
    return SiteHit(
        kind=str(specific_class._meta.verbose_name if specific_class else _("trang")),
        title=highlight(page.title, tokens),
        url=page.get_url(request),
        snippet=highlight(_description(page), tokens, length=200),
        type_code=specific_class.__name__.lower() if specific_class else "page",
        lang="" if language == active_language() else language,
    )


def _record_hit(kind, obj, tokens):
    return SiteHit(
        kind=str(kind.model._meta.verbose_name),
        title=highlight(getattr(obj, kind.title_field), tokens),
        url=obj.get_absolute_url(),
        snippet=highlight(kind.describe(obj) if kind.describe else "", tokens, length=200),
        type_code=kind.code,
        lang="" if active_language() == default_language() else default_language(),  # records: Vietnamese only
    )


def database_site_search(text, page_number, request=None):
    """One page of hits from the database: pages (Wagtail search) first, then records, those whose own title holds
    every word ahead of the others. ``page.more_results``: some kind had more than ``PAGE_LIMIT`` hits, which are
    not listed (the count is then "more than")."""
    tokens = query_tokens(text)
    records = searchable.non_page_types()
    keys = []
    more = False  # a kind had more than PAGE_LIMIT hits (one more is asked for, to know)
    if tokens:
        page_ids = _page_query(text, PAGE_LIMIT + 1)
        more = len(page_ids) > PAGE_LIMIT
        page_ids = page_ids[:PAGE_LIMIT]
        titles = {("page", pk): title for pk, title in Page.objects.filter(pk__in=page_ids).values_list("pk", "title")}
        for kind in records:
            found = _record_query(kind, tokens, PAGE_LIMIT + 1)
            more = more or len(found) > PAGE_LIMIT
            titles.update({(kind.label, pk): title for pk, title in found[:PAGE_LIMIT]})
        keys = [("page", pk) for pk in page_ids] + [key for key in titles if key[0] != "page"]
        keys.sort(key=lambda key: not all(token in fold(titles.get(key, "")) for token in tokens))
    page = Paginator(keys, PER_PAGE).get_page(page_number)
    page_ids = [pk for label, pk in page.object_list if label == "page"]
    objects = {}
    if page_ids:
        pages = show_in_language(Page.objects.filter(pk__in=page_ids).specific(), by_type=True)  # English: 1/type
        objects.update({("page", p.pk): p for p in pages})
    for kind in records:
        ids = [pk for label, pk in page.object_list if label == kind.label]
        if ids:
            objects.update({(kind.label, obj.pk): obj for obj in kind.public_queryset().filter(pk__in=ids)})
    hits = []
    for key in page.object_list:
        obj = objects.get(key)
        if obj is None:
            continue
        if key[0] == "page":
            hits.append(page_hit(obj, tokens, request))
        else:
            hits.append(_record_hit(searchable.get(key[0]), obj, tokens))
    page.object_list = hits
    page.more_results = more
    return page


def database_autocomplete(text, request=None):
    """Suggestions from the database: pages by their words' prefixes (Wagtail autocomplete, folded by the backend),
    then records of the non-page types by name."""
    tokens = query_tokens(text)
    pages = source_pages(Page.objects.live().public()).filter(depth__gt=2)
    ids = ranked_pks(pages, text, AUTOCOMPLETE_LIMIT, autocomplete=True)
    items = []
    if ids:
        specific = {p.pk: p for p in show_in_language(Page.objects.filter(pk__in=ids).specific(), by_type=True)}
        for pk in ids:
            page = specific.get(pk)
            if page is not None:
                kind = page.specific_class._meta.verbose_name if page.specific_class else _("trang")
                items.append({"title": page.title, "url": page.get_url(request), "type": str(kind)})
    for kind in searchable.non_page_types():
        room = AUTOCOMPLETE_LIMIT - len(items)
        if room <= 0:
            break
        model = kind.model
        matching = kind.public_queryset().filter(word_prefix_q("search_folded", tokens))
        for obj in matching.order_by(kind.title_field)[:room]:
            items.append(
                {
                    "title": getattr(obj, kind.title_field),
                    "url": obj.get_absolute_url(),
                    "type": str(model._meta.verbose_name),
                }
            )
    return items[:AUTOCOMPLETE_LIMIT]
