"""The listings of the registry's index pages: the product catalogue (faceted search, product_search/), the
artisans and the craft villages (filters, sort, pagination, the address of the map's data).

Query-string values are untrusted: anything unknown is ignored (never an error), ``?page=abc`` gives the first page.
Every listing runs a fixed number of queries whatever the number of records.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from core.sorting import alphabetical
from core.translation import show_in_language
from search.text import querystring_without

from .choices import TradeGroup, VillageType
from .models.artisans import ArtisanPage, ArtisanTitle, TitleKind
from .models.places import Commune
from .models.villages import CraftVillagePage
from .product_search.facets import commune_labels_in_order
from .product_search.filters import SORTS, parse_query
from .product_search.service import run_query
from .village_map import map_url

PER_PAGE = 12


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page of ``queryset`` (pages); garbage or out-of-range numbers fall back to the first or last
    page. On the English site its pages are laid over with their live translations (``show_in_language``: one
    query)."""
    raw = request.GET.get("page", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1
    page = Paginator(queryset, per_page).get_page(number)
    page.object_list = show_in_language(page.object_list)
    return page


def _choice(request, name, allowed):
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def _querystring_without_page(request):
    return querystring_without(request.GET)


def _counts(queryset, field):
    """{value of ``field``: number of distinct records of ``queryset``} in one query (values as strings)."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk", distinct=True)).values_list(field, "n")
    return {str(value): n for value, n in rows if value is not None}


def _options(choices, counts, selected):
    """The options of a single-choice filter: ``choices`` (value, label) pairs with their number of results given
    the other filters; an option without results is disabled unless it is the current choice (so a visitor never
    picks an empty listing, and can always see and undo what they picked)."""
    return [
        {
            "value": str(value),
            "label": str(label),
            "count": counts.get(str(value), 0),
            "selected": str(value) == selected,
            "disabled": not counts.get(str(value), 0) and str(value) != selected,
        }
        for value, label in choices
    ]


def product_listing(request):
    """Context of ``/san-pham/`` (templates/catalogue/product_index_page.html): the query, one page of hits, the
    facets with their counts, the chips of the selected filters (each with the link that removes it) and the
    sorts."""
    query = parse_query(request.GET)
    results = run_query(query)
    chips = []
    for facet in results.facets:
        for option in facet.selected_options:
            chips.append(
                {
                    "facet": facet.label,
                    "label": option.label,
                    "remove_query": querystring_without(request.GET, remove=(facet.name, option.value)),
                }
            )
    if query.text:
        chips.insert(
            0, {"facet": "", "label": f"“{query.text}”", "remove_query": querystring_without(request.GET, ("q",))}
        )
    return {
        "search_query": query.text,
        "catalogue_query": query,
        "results": results,
        "page_obj": results.page,
        "facets": results.facets,
        "chips": chips,
        "filter_count": sum(len(facet.selected_options) for facet in results.facets),
        "sorts": [(key, label) for key, label in SORTS.items() if key != "relevance" or query.text],
        "current_sort": query.sort,
        "page_querystring": querystring_without(request.GET),
    }


def _commune_options(model, relation):
    """Communes used by at least one live page of ``model`` as (code, label) pairs."""
    ids = model.objects.live().public().exclude(commune__isnull=True).values("commune_id")
    return list(commune_labels_in_order(Commune.objects.filter(pk__in=ids)).items())


ARTISAN_SORTS = {
    "name": (alphabetical(), _("Tên (A–Z)")),
    "experience": ("-years_in_trade", _("Nhiều năm trong nghề nhất")),
    "trainees": ("-trainees", _("Truyền nghề nhiều nhất")),
}


def artisan_listing(index_page, request):
    """Context of ``/nghe-nhan/``: filters (title, commune), sort and one page of artisans."""
    kinds = list(TitleKind.objects.all())
    kind_ids = {str(k.pk) for k in kinds}
    communes = _commune_options(ArtisanPage, "artisans")
    selected = {
        "title": _choice(request, "title", kind_ids),
        "commune": _choice(request, "commune", {code for code, _label in communes}),
        "sort": _choice(request, "sort", ARTISAN_SORTS) or "name",
    }
    base = ArtisanPage.objects.child_of(index_page).live().public()
    by_title = base.filter(titles__kind_id=int(selected["title"])) if selected["title"] else base
    by_commune = base.filter(commune__code=selected["commune"]) if selected["commune"] else base
    options = {  # each filter's counts with the other filter applied
        "title": _options(((k.pk, k.name) for k in kinds), _counts(by_commune, "titles__kind_id"), selected["title"]),
        "commune": _options(communes, _counts(by_title, "commune__code"), selected["commune"]),
    }
    queryset = base
    if selected["title"]:
        queryset = queryset.filter(titles__kind_id=int(selected["title"])).distinct()
    if selected["commune"]:
        queryset = queryset.filter(commune__code=selected["commune"])
    order = ARTISAN_SORTS[selected["sort"]][0]
    queryset = (
        queryset.select_related("portrait", "commune", "craft_village")
        .prefetch_related(  # no renditions: {% picture_of %} remembers them per page-cache generation
            Prefetch("titles", queryset=ArtisanTitle.objects.select_related("kind").order_by("kind__rank")),
        )
        .order_by(order, alphabetical(), "pk")
    )
    return {
        "artisans": paginate(request, queryset),
        "title_kinds": kinds,
        "communes": communes,
        "options": options,
        "sorts": [(key, label) for key, (_order, label) in ARTISAN_SORTS.items()],
        "selected": selected,
        "querystring": _querystring_without_page(request),
    }


VILLAGE_SORTS = {
    "name": (alphabetical(), _("Tên (A–Z)")),
    "households": ("-households_in_trade", _("Nhiều hộ làm nghề nhất")),
    "recognized": ("-recognition_decision_date", _("Công nhận gần đây")),
}


def village_selection(request):
    """The village filters of ``request`` (``type``, ``trade``, ``commune``, ``sort``; unknown values ignored) and
    the communes that have villages, as ``(selected, communes)``. One query (the communes)."""
    communes = _commune_options(CraftVillagePage, "villages")
    selected = {
        "type": _choice(request, "type", VillageType.values),
        "trade": _choice(request, "trade", TradeGroup.values),
        "commune": _choice(request, "commune", {code for code, _label in communes}),
        "sort": _choice(request, "sort", VILLAGE_SORTS) or "name",
    }
    return selected, communes


def _village_conditions(selected):
    return {
        "type": {"village_type": selected["type"]},
        "trade": {"trade_groups__code": selected["trade"]},
        "commune": {"commune__code": selected["commune"]},
    }


def filtered_villages(index_page, selected):
    """The live, public villages of ``index_page`` that the filters ``selected`` (``village_selection``) keep, in
    no particular order: what the list pages through and what the map's GeoJSON shows (registry/catalogue/
    village_map.py), so that both always show the same villages."""
    queryset = CraftVillagePage.objects.child_of(index_page).live().public()
    for name, condition in _village_conditions(selected).items():
        if selected[name]:
            queryset = queryset.filter(**condition)
    return queryset.distinct() if selected["trade"] else queryset


def village_listing(index_page, request):
    """Context of ``/lang-nghe/``: filters (type, trade group, commune), sort, one page of villages, and the address
    of the map's GeoJSON (``map_url``, with the same filters; None when no village listed has coordinates)."""
    selected, communes = village_selection(request)
    base = CraftVillagePage.objects.child_of(index_page).live().public()
    conditions = _village_conditions(selected)

    def others(name):  # the listing with every filter but ``name``'s
        queryset = base
        for other, condition in conditions.items():
            if other != name and selected[other]:
                queryset = queryset.filter(**condition)
        return queryset

    options = {
        "type": _options(VillageType.choices, _counts(others("type"), "village_type"), selected["type"]),
        "trade": _options(TradeGroup.choices, _counts(others("trade"), "trade_groups__code"), selected["trade"]),
        "commune": _options(communes, _counts(others("commune"), "commune__code"), selected["commune"]),
    }
    queryset = filtered_villages(index_page, selected)
    order = VILLAGE_SORTS[selected["sort"]][0]
    queryset = queryset.select_related("hero_image", "commune").order_by(order, alphabetical(), "pk")
    mapped = queryset.filter(latitude__isnull=False, longitude__isnull=False).exists()
    return {
        # no renditions prefetched: {% picture_of %} remembers them per page-cache generation (core/pictures.py)
        "villages": paginate(request, queryset.prefetch_related("trade_groups")),
        "map_url": map_url(index_page, selected, request) if mapped else None,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "village_types": VillageType.choices,
        "trade_groups": TradeGroup.choices,
        "communes": communes,
        "options": options,
        "sorts": [(key, label) for key, (_order, label) in VILLAGE_SORTS.items()],
        "selected": selected,
        "querystring": _querystring_without_page(request),
    }
