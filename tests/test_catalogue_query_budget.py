"""Query budgets of the registry's detail pages and of the catalogue search (issue 14): what each page asks of the
database on a page-cache miss, beside the request plumbing every page shares (routing, site, menus, settings).

The page's own queries are counted by where they come from (not the plumbing's shapes), so that a cheaper shared
path does not hide a regression here. Lower a budget when you cut a query; never raise one silently."""

import re

import pytest

from tests.test_query_shapes import PAGES, _no_page_cache, page_queries, site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

# The page's own queries: product (producer, gallery rows, certificates, linked village and artisans; its pictures
# are shared data: registry/catalogue/models/gallery.py); village (gallery rows, traditional trades; its lists of
# products and artisans, its pictures and commune are shared data read once per generation); artisan (picture,
# village link, titles, products, commune); catalogue search (matching products, their certificates, relevance,
# commune labels, one page of products and their certificates).
BUDGETS = {"product": 4, "village": 2, "artisan": 5, "catalogue search": 6}
OWN_TABLES = ("catalogue_", "wagtailimages_", "wagtailsearch_")
ROUTING = re.compile(r'WHERE "\w+"\."page_ptr_id" = \d+ LIMIT 21$')  # routing: the specific row of a page on the path


def own_queries(queries):
    """The queries that read the registry's tables (and pictures, search index), not the shared plumbing's."""
    return [
        q["sql"]
        for q in queries
        if any(f'FROM "{table}' in q["sql"] for table in OWN_TABLES) and not ROUTING.search(q["sql"])
    ]


@pytest.mark.parametrize("name", list(BUDGETS))
def test_registry_pages_keep_to_their_query_budget(client, site, name):  # noqa: F811
    queries = own_queries(page_queries(client, PAGES[name](site)))
    assert len(queries) <= BUDGETS[name], "\n".join(queries)
