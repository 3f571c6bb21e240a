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
from core.translation import active_language, default_language, live_translations

from .choices import CommuneKind, VillageType
from .models.products import ProductPage
from .models.villages import CraftVillagePage

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


def _english_texts(keys, language):
    """{translation_key: (title, main_trade)} of the live translations in ``language`` of the villages of ``keys``
    (``core.translation.live_translations``: made with wagtail-localize). One query; none for the default language."""
    if language == default_language() or not keys:
        return {}
    found = live_translations(CraftVillagePage, language).filter(translation_key__in=keys)
    return {key: (title, trade) for key, title, trade in found.values_list("translation_key", "title", "main_trade")}


def village_features(villages, index_url):
    """The GeoJSON FeatureCollection (a dict) of the villages of ``villages`` (a queryset of live public village
    pages, children of the index page at ``index_url``) that have coordinates, A–Z: each a ``Point`` at
    ``[longitude, latitude]`` (RFC 7946 order, WGS 84 degrees) with ``properties``: ``name``, ``trade`` (in the
    visitor's language where translated), ``lang`` (the language those two are in), ``url`` (the village page, under
    ``index_url``: the active language's), ``type`` (translated label), ``commune`` (its name, or null) and
    ``products`` (live public products). Read as plain rows (no page objects: 2,000 villages in ~0,1 s); one query,
    two in English."""
    rows = list(
        villages.filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(product_count=_product_counts())
        .order_by(alphabetical(), "pk")
        .values_list(
            "pk", "title", "slug", "main_trade", "village_type", "latitude", "longitude", "commune__kind",
            "commune__name", "translation_key", "product_count",
        )
    )  # fmt: skip
    language = active_language()
    english = _english_texts([row[9] for row in rows], language)
    types = {value: str(label) for value, label in VillageType.choices}
    kinds = {value: str(label) for value, label in CommuneKind.choices}
    features = []
    for pk, title, slug, trade, kind, lat, lng, commune_kind, commune, key, products in rows:
        translated = english.get(key)
        if translated:
            title, trade = translated
        features.append(
            {
                "type": "Feature",
                "id": pk,
                "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
                "properties": {
                    "name": title,
                    "trade": trade,
                    "lang": language if translated else default_language(),
                    "url": f"{index_url}{slug}/",
                    "type": types.get(kind, kind),
                    "commune": f"{kinds.get(commune_kind, commune_kind)} {commune}" if commune else None,
                    "products": products,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_response(request, villages, selected, index_url):
    """The map's data as an HTTP response: ``304 Not Modified`` when the browser's copy is current (``If-None-Match``
    equal to ``map_etag``), else the FeatureCollection of ``villages`` (children of the index page at ``index_url``) as ``application/geo+json`` (UTF-8,
    compact) with its ``ETag``; browsers check it again on each use (``no-cache``)."""
    etag = map_etag(selected)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = JsonResponse(
        village_features(villages, index_url),
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response
