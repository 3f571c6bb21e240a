"""Public search pages: the site search ``/tim-kiem/``, its suggestions ``/tim-kiem/goi-y/`` (JSON), and the
context of the product catalogue ``/san-pham/`` (ProductIndexPage.get_context calls :func:`catalogue_context`)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import site
from .filters import SORTS, clean_text, parse_page, parse_query
from .service import run_query


def _querystring(querydict, drop=(), remove=None):
    """``querydict`` urlencoded without ``page`` and ``drop`` keys, and without the pair ``remove``."""
    params = querydict.copy()
    for key in ("page", *drop):
        params.pop(key, None)
    if remove:
        name, value = remove
        params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    return params.urlencode()


def catalogue_context(request):
    """Everything templates/catalogue/product_index_page.html needs."""
    query = parse_query(request.GET)
    results = run_query(query)
    chips = []
    for facet in results.facets:
        for option in facet.selected_options:
            chips.append(
                {
                    "facet": facet.label,
                    "label": option.label,
                    "remove_query": _querystring(request.GET, remove=(facet.name, option.value)),
                }
            )
    if query.text:
        chips.insert(0, {"facet": "", "label": f"“{query.text}”", "remove_query": _querystring(request.GET, ("q",))})
    return {
        "search_query": query.text,
        "catalogue_query": query,
        "results": results,
        "page_obj": results.page,
        "facets": results.facets,
        "chips": chips,
        "sorts": [(key, label) for key, label in SORTS.items() if key != "relevance" or query.text],
        "current_sort": query.sort,
        "page_querystring": _querystring(request.GET),
    }


@require_GET
def search(request):
    query = clean_text(request.GET.get("q", ""))
    page_obj = site.site_search(query, parse_page(request.GET), request) if query else None
    context = {"search_query": query, "page_obj": page_obj, "page_querystring": _querystring(request.GET)}
    if query and not page_obj.paginator.count:
        context["suggestion"] = site.spelling_suggestion(query)
        context.update(site.popular_items())
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    query = clean_text(request.GET.get("q", ""))
    return JsonResponse({"query": query, "results": site.autocomplete(query, request)})
