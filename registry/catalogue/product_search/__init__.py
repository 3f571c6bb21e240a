"""The product catalogue's faceted search (``/san-pham/``): filters parsed from the query string, facet counts,
sort, one page of products, with the database or the Elasticsearch backend (``settings.CATALOGUE_SEARCH_BACKEND``)
and the fallback to the database when the cluster is down.

    results = catalogue_search("tho cam", parse_filters(request.GET), page=1, sort="relevance")  # service.py

The generic parts (text layer, backends' plumbing, facet and result shapes, the index registry) live in the
``search`` app, which imports nothing from here: registration.py declares the catalogue's searchable types.
"""
