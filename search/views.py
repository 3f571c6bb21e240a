"""Public search pages: the site search ``/tim-kiem/`` and its suggestions ``/tim-kiem/goi-y/`` (JSON). The
product catalogue's faceted listing is registry/catalogue/listing.py."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.page_cache import page_cacheable

from . import site
from .text import clean_text, parse_page, querystring_without


@require_GET
@page_cacheable(params=("q", "page"))
def search(request):
    """``/tim-kiem/?q=…``: one page of hits; with no hit, a spelling suggestion and what the apps offer instead."""
    query = clean_text(request.GET.get("q", ""))
    page_obj = site.site_search(query, parse_page(request.GET), request) if query else None
    context = {"search_query": query, "page_obj": page_obj, "page_querystring": querystring_without(request.GET)}
    if query and not page_obj.paginator.count:
        context["suggestion"] = site.spelling_suggestion(query)
        context.update(site.popular_items())
    return render(request, "search/search.html", context)


@require_GET
@page_cacheable(params=("q",))
def autocomplete(request):
    """``/tim-kiem/goi-y/?q=…``: up to 8 suggestions as JSON ``{"query", "results": [{title, url, type}]}``."""
    query = clean_text(request.GET.get("q", ""))
    return JsonResponse({"query": query, "results": site.autocomplete(query, request)})
