"""CPU time per page, in-process: the median ``time.process_time`` of N anonymous requests through Django's test
client (no network, no gunicorn: steady on a busy machine), with the query count of one request, under the
production settings of bench/serve.py and the page cache off (``PAGE_CACHE_SECONDS=0``).

Usage: DATABASE_URL=… .venv/bin/python bench/cpu_pages.py [--requests 30] [--queries] [LABEL …]
       .venv/bin/python bench/cpu_pages.py --scale 10 [--requests 30]
LABEL is one of robots, home, product, village, news, en-home, en-product, en-village, 404, or a label of the growth
check (default: the first nine). The database must be migrated and seeded (``seed_demo``); without DATABASE_URL,
bench/serve.py's scale-1 SQLite file is used (seeded if needed); set MEDIA_ROOT to where its pictures are when it
was seeded by hand. Prints one line per page: label, status, CPU ms (median), wall ms (p95), queries, repeated query
shapes (``dup``), path; with --queries, each query's SQL too. The database server's own time is not counted in the
CPU time (PostgreSQL runs in another process): compare query counts as well.

``--scale N``: the growth check of issue 14 item 5 without wrk: the searches and listings of bench/serve.py's scale
phase (``SCALE_ROWS``) measured at 1× and N× demo data (bench/serve.py's databases: DATABASE_URL and the same name
+ ``_xN`` on PostgreSQL, else its SQLite files; each created, migrated and seeded with ``seed_demo --scale`` the first
time), each scale in its own process. Prints a table: p95 of the wall time of a request (the database's time
included) at both scales and its growth (bar: < 2×), the median CPU ms, and whether the query counts are equal.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from serve import ROOT, database_url, prepare, server_env
from serve_tables import LISTINGS, MIXED, PAGES, SCALE_ROWS, same_queries, table

DEFAULT_PAGES = ["robots", "home", "product", "village", "news", "en-home", "en-product", "en-village", "404"]
GROWTH_PAGES = {label: path for label, path in PAGES + LISTINGS if label in SCALE_ROWS}


def paths():
    """{label: path} of the measured pages (the first live product, village and news story of the demo data) and
    of the growth check's searches and listings."""
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
        "en-village": "/en" + first[CraftVillagePage],
        "404": "/khong-co-trang-nay/",
        **GROWTH_PAGES,
    }


def measure(client, path, requests):
    """``{"status", "cpu" (median ms), "p95" (wall ms), "queries" (the SQL of one request)}`` of ``path``, after
    three warm-up requests (renditions, the shared data of this generation)."""
    from django.db import connection

    for _ in range(3):
        status = client.get(path).status_code
    executed = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(path)
    cpu, wall = [], []
    for _ in range(requests):
        started, clock = time.process_time(), time.perf_counter()
        client.get(path)
        cpu.append((time.process_time() - started) * 1000)
        wall.append((time.perf_counter() - clock) * 1000)
    p95 = statistics.quantiles(wall, n=20)[-1] if len(wall) > 1 else wall[0]
    return {"status": status, "cpu": statistics.median(cpu), "p95": p95, "queries": executed}


def setup(database):
    """Django under bench/serve.py's production environment for ``database``, the page cache off."""
    media = os.environ.get("MEDIA_ROOT")  # where seed_demo put the pictures of a database seeded by hand
    os.environ.update(server_env(database, cache_seconds=0))
    if media:
        os.environ["MEDIA_ROOT"] = media
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)  # "Not Found" of the 404 page


def growth(args):
    """The growth check (``--scale``): one process per scale (``--json``), then the table."""
    results = {}
    for scale in (1, args.scale):
        url = prepare(scale, reseed=False)
        env = dict(os.environ, DATABASE_URL=url)
        env.pop("MEDIA_ROOT", None)  # each database's own pictures (server_env)
        command = [sys.executable, __file__, "--json", "--requests", str(args.requests), *GROWTH_PAGES]
        out = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        results[scale] = json.loads(out.split("CPU_PAGES ", 1)[1])
        print(f"measured {url.split('@')[-1]} ({scale}×)", file=sys.stderr, flush=True)
    small, large = results[1], results[args.scale]
    lines = []
    for label in GROWTH_PAGES:
        ratio = large[label]["p95"] / small[label]["p95"]
        counts = len(small[label]["queries"]), len(large[label]["queries"])
        lines.append(
            (label, f"{small[label]['p95']:.1f}", f"{large[label]['p95']:.1f}", f"{ratio:.2f}",
             "yes" if ratio < 2 else "NO", f"{small[label]['cpu']:.1f}", f"{large[label]['cpu']:.1f}", *counts,
             same_queries(label, *counts))
        )  # fmt: skip
    print(f"\nGrowth in-process, page cache off, {args.requests} requests each: 1× vs {args.scale}× demo data")
    print(f"(database {database_url(1).split('@')[-1]}; fewer queries allowed for {', '.join(sorted(MIXED))})\n")
    table(
        ["page", "p95 1× ms", f"p95 {args.scale}× ms", "growth", "< 2×", "CPU 1× ms", f"CPU {args.scale}× ms",
         "queries 1×", f"queries {args.scale}×", "equal"],
        lines,
    )  # fmt: skip


def main():
    """Measure the pages asked for and print a line for each, or the growth table (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    labels = DEFAULT_PAGES + list(GROWTH_PAGES)
    parser.add_argument("pages", nargs="*", metavar="LABEL", help="one of " + ", ".join(labels))
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--queries", action="store_true", help="print each query of the measured request")
    parser.add_argument("--scale", type=int, help="the growth check: 1× vs this many times the demo data")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one scale of the growth check
    args = parser.parse_args()
    unknown = sorted(set(args.pages) - set(labels))
    if unknown:
        parser.error("unknown page: " + ", ".join(unknown))
    if args.scale:
        growth(args)
        return

    setup(os.environ.get("DATABASE_URL") or prepare(1, reseed=False))
    from django.test import Client

    client = Client()
    found = paths()
    measured = {}
    for label in args.pages or DEFAULT_PAGES:
        path = found[label]
        result = measured[label] = measure(client, path, args.requests)
        if args.json:
            continue
        executed = result["queries"]
        print(
            f"{label:16} {result['status']} {result['cpu']:7.2f} ms  p95 {result['p95']:7.2f} ms  "
            f"queries {len(executed):3}  dup {len(executed) - len(set(executed))}  {path}"
        )
        if args.queries:
            for sql in executed:
                print("    ", sql)
    if args.json:
        print("CPU_PAGES " + json.dumps(measured))


if __name__ == "__main__":
    main()
