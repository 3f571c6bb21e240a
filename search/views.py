"""Site search across every published page, and the search box's suggestions."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def _clean_query(request):
    return " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]


def search(request):
    query = _clean_query(request)
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    paginator = Paginator(results, 20)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page_obj = paginator.page(1)
    return render(request, "search/search.html", {"search_query": query, "page_obj": page_obj})


def autocomplete(request):
    query = _clean_query(request)
    items = []
    if len(query) >= 2:
        for page in Page.objects.live().public().autocomplete(query)[:8]:
            items.append({"title": page.title, "url": page.get_url(request)})
    return JsonResponse({"query": query, "results": items})
