"""The craft-village map's data: a GeoJSON FeatureCollection (RFC 7946) of the villages of ``/lang-nghe/``, served by
``CraftVillageIndexPage``'s ``geojson/`` route (``/lang-nghe/geojson/``, ``/en/lang-nghe/geojson/`` in English) and
fetched by static/js/map.js, instead of every village written into the HTML of the page (2,000 villages: 366 KB of
HTML on every view of the list, whatever page of it).

The route takes the list's filters (``type``, ``trade``, ``commune``; registry/catalogue/listing.py
``village_selection`` and ``filtered_villages``), so the map shows exactly the villages the list pages through, the
ones with coordinates. Only public data: a live village outside any private section, its name and main trade in
the visitor's language where translated, its address, type, commune and number of live public products.

Caching: the response is page-cached for anonymous visitors (core/page_cache.py), and carries an ``ETag`` named by
the page-cache epoch, the language and the filters, so a browser that has it gets ``304 Not Modified`` without a
query until a public write (a village published, moved, unpublished …) starts a new generation.
"""

import hashlib
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag

from core.page_cache import epoch
from core.sorting import alphabetical
from core.translation import active_language, show_in_language

from .models.products import ProductPage

MAP_FILTERS = ("type", "trade", "commune")
"""The list's filters that the map follows (sort and page do not change which villages are on it)."""

CONTENT_TYPE = "application/geo+json"


def map_query(selected):
    """The query string (without "?") of the filters set in ``selected`` (``listing.village_selection``), in a fixed
    order: one address per set of villages, so the page cache holds one copy of each."""
    return urlencode([(name, selected[name]) for name in MAP_FILTERS if selected.get(name)])


def map_url(index_page, selected, request=None):
    """The address of the GeoJSON of ``index_page``'s villages kept by the filters ``selected``, in the active
    language (``/lang-nghe/geojson/?type=traditional``)."""
    url = index_page.get_url(request) + index_page.reverse_subpage("geojson")
    query = map_query(selected)
    return f"{url}?{query}" if query else url


def map_etag(selected):
    """The ``ETag`` of the map's data for ``selected``: changes with every public write (the page-cache epoch), the
    language and the filters."""
    text = "|".join((epoch(), active_language(), map_query(selected)))
    return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:32])


def _product_counts():
    """The number of live public products of the village of ``OuterRef("pk")`` (a subquery; 0 when none)."""
    products = (
        ProductPage.objects.live()
        .public()
        .filter(craft_village=OuterRef("pk"))
        .order_by()
        .values("craft_village")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(products, output_field=IntegerField()), 0)


def village_features(villages, request=None):
    """The GeoJSON FeatureCollection (a dict) of the villages of ``villages`` (a queryset of live public village
    pages) that have coordinates, A–Z: each a ``Point`` at ``[longitude, latitude]`` (RFC 7946 order, WGS 84
    degrees) with ``properties``: ``name``, ``trade`` (in the visitor's language where translated), ``lang`` (the
    language those two are in), ``url`` (the village page, in the active language), ``type`` (translated label),
    ``commune`` (its name, or null) and ``products`` (live public products). Two queries, three in English."""
    rows = show_in_language(
        villages.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("commune")
        .annotate(product_count=_product_counts())
        .defer_streamfields()
        .order_by(alphabetical(), "pk")
    )
    features = [
        {
            "type": "Feature",
            "id": village.pk,
            "geometry": {"type": "Point", "coordinates": [float(village.longitude), float(village.latitude)]},
            "properties": {
                "name": village.title,
                "trade": village.main_trade,
                "lang": village.content_language,
                "url": village.get_url(request),
                "type": str(village.get_village_type_display()),
                "commune": str(village.commune) if village.commune_id else None,
                "products": village.product_count,
            },
        }
        for village in rows
    ]
    return {"type": "FeatureCollection", "features": features}


def geojson_response(request, villages, selected):
    """The map's data as an HTTP response: ``304 Not Modified`` when the browser's copy is current (``If-None-Match``
    equal to ``map_etag``), else the FeatureCollection of ``villages`` as ``application/geo+json`` (UTF-8,
    compact) with its ``ETag``; browsers check it again on each use (``no-cache``)."""
    etag = map_etag(selected)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = JsonResponse(
        village_features(villages, request),
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response
