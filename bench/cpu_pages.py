"""CPU time per page, in-process: the median ``time.process_time`` of N anonymous requests through Django's test
client (no network, no gunicorn: steady on a busy machine), with the query count of one request, under the
production settings of bench/serve.py and the page cache off (``PAGE_CACHE_SECONDS=0``).

Usage: DATABASE_URL=… .venv/bin/python bench/cpu_pages.py [--requests 30] [--queries] [LABEL …]
LABEL is one of robots, home, product, village, news, en-home, en-product, 404 (default: all). The database must be
migrated and seeded (``seed_demo``); without DATABASE_URL, bench/serve.py's scale-1 SQLite file is used (seeded if
needed); set MEDIA_ROOT to where its pictures are when it was seeded by hand. Prints one line per page: label, status, CPU ms (median), queries, repeated query shapes (``dup``), path;
with --queries, each query's SQL too. The database server's own time is not counted (PostgreSQL runs in another
process): compare query counts as well.
"""

import argparse
import os
import statistics
import sys
import time

from serve import ROOT, prepare, server_env

PAGES = ["robots", "home", "product", "village", "news", "en-home", "en-product", "404"]


def paths():
    """{label: path} of the measured pages (the first live product, village and news story of the demo data)."""
    from wagtail.models import Locale

    from news.models import NewsPage
    from registry.catalogue.models import CraftVillagePage, ProductPage

    default = Locale.get_default()
    first = {
        model: model.objects.live().filter(locale=default).order_by("pk").first().get_url()
        for model in (ProductPage, CraftVillagePage, NewsPage)
    }
    return {
        "robots": "/robots.txt",
        "home": "/",
        "product": first[ProductPage],
        "village": first[CraftVillagePage],
        "news": first[NewsPage],
        "en-home": "/en/",
        "en-product": "/en" + first[ProductPage],
        "404": "/khong-co-trang-nay/",
    }


def main():
    """Measure the pages asked for and print a line for each (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", metavar="LABEL", help="one of " + ", ".join(PAGES) + " (default: all)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--queries", action="store_true", help="print each query of the measured request")
    args = parser.parse_args()
    unknown = sorted(set(args.pages) - set(PAGES))
    if unknown:
        parser.error("unknown page: " + ", ".join(unknown))

    database = os.environ.get("DATABASE_URL") or prepare(1, reseed=False)
    media = os.environ.get("MEDIA_ROOT")  # where seed_demo put the pictures of a database seeded by hand
    os.environ.update(server_env(database, cache_seconds=0))
    if media:
        os.environ["MEDIA_ROOT"] = media
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    from django.db import connection
    from django.test import Client

    logging.disable(logging.WARNING)  # "Not Found" of the 404 page
    client = Client()
    found = paths()
    for label in args.pages or PAGES:
        path = found[label]
        for _ in range(3):  # warm: renditions, the shared data of this generation
            status = client.get(path).status_code
        executed = []

        def record(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(path)
        times = []
        for _ in range(args.requests):
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        print(
            f"{label:11} {status} {statistics.median(times):7.2f} ms  queries {len(executed):3}  "
            f"dup {len(executed) - len(set(executed))}  {path}"
        )
        if args.queries:
            for sql in executed:
                print("    ", sql)


if __name__ == "__main__":
    main()
