"""Issue 14, item 5: the pages that bench/serve.py measures make as many SQL queries on the demo data at 1× as on
a larger seed (``seed_demo --scale N`` on top of it), anonymous and signed in, with the page cache off: search and
listings stay flat as the registry grows. (tests/test_catalogue_queries.py, test_search.py and test_news.py grow
factory data page type by page type; this one grows the whole demo at once, as the benchmark does.)"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from wagtail.models import Locale

from demo.context import SeedContext
from demo.seed import run as seed_demo
from news.models import NewsPage
from registry.catalogue.models import Certificate, CraftVillagePage, ProductPage

pytestmark = pytest.mark.django_db(transaction=False)

LARGER = 2  # seed_demo --scale 2 on top of --scale 1: every generated record twice (a 1× seed takes ~20 s)

# Mixed results (products, artisans, villages, news): one query per result type on the first page, so the count may
# fall when one type fills the page at a larger scale; it must never grow.
MIXED = {"site search", "autocomplete"}

FIXED = {
    "home": "/",
    "catalogue search": "/san-pham/?q=tho+cam&group=handicraft",
    "product listing": "/san-pham/",
    "site search": "/tim-kiem/?q=ca+phe",
    "autocomplete": "/tim-kiem/goi-y/?q=tho",
    "news list": "/tin-tuc/",
    "village list": "/lang-nghe/",
    "artisan list": "/nghe-nhan/",
}


def measured_urls():
    """The benchmark's pages: the first product, village and news story of the default language, a valid certificate's
    verification page, and the fixed listing and search addresses."""
    default = Locale.get_default()
    product = ProductPage.objects.live().filter(locale=default).order_by("pk").first()
    urls = dict(FIXED)
    urls["product page"] = product.url
    urls["village page"] = CraftVillagePage.objects.live().filter(locale=default).order_by("pk").first().url
    urls["news page"] = NewsPage.objects.live().filter(locale=default).order_by("pk").first().url
    certificate = Certificate.objects.filter(product=product, revoked_at=None).order_by("pk").first()
    urls["verification"] = certificate.get_verification_path()
    return urls


def count_queries(client, url):
    """SQL statements of the second request of ``url`` (the first creates renditions and warms per-site caches)."""
    assert client.get(url).status_code == 200, url
    executed = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200, url
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit", url
    return len(executed)


def all_counts(urls):
    anonymous, editor = Client(), Client()
    editor.force_login(get_user_model().objects.get(username="bientap"))
    counts = {label: count_queries(anonymous, url) for label, url in urls.items()}
    for label in ("product page", "home", "catalogue search"):
        counts["editor: " + label] = count_queries(editor, urls[label])
    return counts


def test_query_counts_of_the_benchmark_pages_do_not_grow_with_the_demo_data(home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    quiet = lambda *_: None  # noqa: E731
    seed_demo(SeedContext(scale=1, write=quiet))
    products = ProductPage.objects.live().count()
    urls = measured_urls()
    small = all_counts(urls)

    seed_demo(SeedContext(scale=LARGER, write=quiet))
    assert ProductPage.objects.live().count() >= LARGER * products - 2  # the data really grew
    assert measured_urls() == urls  # the same pages, now among three times as many records
    large = all_counts(urls)

    changed = {
        label: (small[label], large[label])
        for label in small
        if large[label] > small[label] or (large[label] != small[label] and label not in MIXED)
    }
    assert not changed, f"query counts changed from 1× to {LARGER}× (1×, {LARGER}×): {changed}"
