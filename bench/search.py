"""Search timings on the database backend: p50/p95 of catalogue searches (the service call and the whole /san-pham/
page), of the site search /tim-kiem/ and of the search box's suggestions /tim-kiem/goi-y/ at several scales of demo
data, beside a product page measured in the same run, with query counts and the growth of each p95 between the
smallest and the largest scale (issue 18: within 2×).

Usage: .venv/bin/python bench/search.py [--scales 1 30] [--repeat 40] [--fresh] [--copy-from TEMPLATE]
Each scale gets its own SQLite database in /tmp (``seed_demo --scale N``; reused unless --fresh), or use
DATABASE_URL_TEMPLATE=postgres://…/kc_bench_search_{scale} for PostgreSQL. ``--copy-from`` copies an already seeded
database instead of seeding (never written to): a SQLite file (e.g. ``bench/.data/x{scale}.sqlite3``) or a PostgreSQL
database used as template (``postgres://…/kc_x{scale}``); the copy is migrated (the search indexes) before the run.
Requests go through Django's test client in-process (no network), page cache off. Never run by ``make test``.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# (label, query string) – what people do on /san-pham/
CASES = [
    ("browse", ""),
    ("text: tho cam", "q=tho+cam"),
    ("text: Cà phê", "q=C%C3%A0+ph%C3%AA"),
    ("group", "group=processed-food"),
    ("group+level+year", "group=handicraft&group=processed-food&level=provincial&year=2024"),
    ("text+commune+sort", "q=mat+ong&producer_kind=cooperative&sort=level"),
    ("page 2, by name", "sort=name&page=2"),
]
# The site search and the suggestions (every keystroke in the search box).
SITE_CASES = [
    ("/tim-kiem/?q=ca+phe", "/tim-kiem/?q=ca+phe"),
    ("/tim-kiem/?q=tho+cam", "/tim-kiem/?q=tho+cam"),
    ("/tim-kiem/?q=Thổ cẩm&page=2", "/tim-kiem/?q=Th%E1%BB%95+c%E1%BA%A9m&page=2"),
    ("/tim-kiem/?q=ca+ph (prefixes)", "/tim-kiem/?q=ca+ph"),
    ("/tim-kiem/?q=d (past the limit)", "/tim-kiem/?q=d"),
    ("/tim-kiem/goi-y/?q=tho", "/tim-kiem/goi-y/?q=tho"),
    ("/tim-kiem/goi-y/?q=ca+p", "/tim-kiem/goi-y/?q=ca+p"),
    ("/tim-kiem/goi-y/?q=Đắk", "/tim-kiem/goi-y/?q=%C4%90%E1%BA%AFk"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}  # cpu: this process only (SQLite's work, not PG's)
clock = CLOCKS["wall"]


def timed(function, repeat):
    function()  # warm up
    durations = []
    for _ in range(repeat):
        started = clock()
        function()
        durations.append((clock() - started) * 1000)
    return statistics.median(durations), percentile(durations, 0.95)


def worker(scale, repeat):
    """Runs inside a subprocess whose DATABASE_URL points at the seeded database; prints JSON rows."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from registry.catalogue.models import ProductPage
    from registry.catalogue.product_search.service import catalogue_search_request

    rows = []
    anonymous = Client()
    uncached = Client()
    uncached.cookies["sessionid"] = "bench"  # a session cookie bypasses the anonymous page cache

    def page_row(label, client, url):
        assert client.get(url).status_code == 200, url
        executed = []
        with connection.execute_wrapper(
            lambda execute, sql, params, many, context: executed.append(sql) or execute(sql, params, many, context)
        ):
            client.get(url)
        p50, p95 = timed(lambda: client.get(url), repeat)
        rows.append({"scale": scale, "what": label, "queries": len(executed), "p50": p50, "p95": p95})

    product = ProductPage.objects.live().order_by("pk").first()
    page_row("product page (cached)", anonymous, product.url)
    page_row("product page (uncached)", uncached, product.url)
    for label, query in CASES:
        querydict = QueryDict(query)
        with CaptureQueriesContext(connection) as context:
            results = catalogue_search_request(querydict)
        p50, p95 = timed(lambda q=querydict: catalogue_search_request(q), repeat)
        rows.append(
            {
                "scale": scale,
                "what": f"search service: {label}",
                "queries": len(context.captured_queries),
                "p50": p50,
                "p95": p95,
                "total": results.total,
            }
        )
        page_row(f"/san-pham/?{label}", uncached, "/san-pham/" + (f"?{query}" if query else ""))
    for label, url in SITE_CASES:
        page_row(label, uncached, url)
    products = ProductPage.objects.live().count()
    for row in rows:
        row["products"] = products
    print(json.dumps(rows))


def database_url(scale):
    template = os.environ.get("DATABASE_URL_TEMPLATE")
    if template:
        return template.format(scale=scale)
    return f"sqlite:////tmp/kc-bench-search-{scale}.db"


def _copy(source, url, path):
    """A copy of the seeded ``source`` (SQLite file or PostgreSQL database) at ``url``, unless it exists already."""
    if path:
        if not path.exists():
            print(f"copying {source} to {path} …", file=sys.stderr)
            shutil.copyfile(source, path)
        return
    server, name = url.rsplit("/", 1)
    template = source.rsplit("/", 1)[1]
    exists = subprocess.run(
        ["psql", f"{server}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        print(f"copying {source} to {url} …", file=sys.stderr)
        subprocess.run(
            ["psql", f"{server}/postgres", "-c", f'CREATE DATABASE "{name}" TEMPLATE "{template}"'], check=True
        )


def prepare(scale, fresh, env, copy_from=None):
    url = database_url(scale)
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if path and fresh and path.exists():
        path.unlink()
    if copy_from:
        _copy(copy_from.format(scale=scale), url, path)
    if copy_from or (path and path.exists()):
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        return
    print(f"seeding {url} at {scale}× …", file=sys.stderr)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "seed_demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 30])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--fresh", action="store_true", help="reseed (or copy again) the SQLite databases")
    parser.add_argument(
        "--copy-from", help="seeded database to copy per scale: /path/x{scale}.sqlite3 or postgres://…/kc_x{scale}"
    )
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="wall (default) or cpu time")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    global clock
    clock = CLOCKS[args.clock]
    if args.worker:
        worker(args.worker, args.repeat)
        return

    rows = []
    for scale in args.scales:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url(scale),
            DJANGO_SETTINGS_MODULE="config.settings.base",
            CATALOGUE_SEARCH_BACKEND="database",
            DEBUG="false",
            ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
            # A copied database needs the pictures it was seeded with: BENCH_MEDIA_ROOT (a copy, renditions go there).
            MEDIA_ROOT=os.environ.get("BENCH_MEDIA_ROOT", f"/tmp/kc-bench-search-media-{scale}"),
            LOG_LEVEL="ERROR",
            PAGE_CACHE_SECONDS="0",
        )
        prepare(scale, args.fresh, env, args.copy_from)
        out = subprocess.run(
            [PY, __file__, "--worker", str(scale), "--repeat", str(args.repeat), "--clock", args.clock],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.extend(json.loads(out.strip().splitlines()[-1]))

    print(f"\nSearch, database backend ({args.repeat} timed runs each, {args.clock} time in ms)\n")
    header = f"{'scale':>5} {'products':>8}  {'what':<44} {'queries':>7} {'p50':>8} {'p95':>8} {'hits':>5}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['scale']:>4}× {row['products']:>8}  {row['what']:<44} {row['queries']:>7} "
            f"{row['p50']:>8.1f} {row['p95']:>8.1f} {row.get('total', ''):>5}"
        )
    smallest, largest = min(args.scales), max(args.scales)
    if smallest != largest:
        p95 = {(row["what"], row["scale"]): row["p95"] for row in rows}
        print(f"\nGrowth of p95 from {smallest}× to {largest}× (goal: within 2×)\n")
        for what in dict.fromkeys(row["what"] for row in rows):
            if (what, smallest) in p95 and (what, largest) in p95:
                growth = p95[(what, largest)] / max(p95[(what, smallest)], 0.001)
                print(f"  {what:<44} {p95[(what, smallest)]:>8.1f} → {p95[(what, largest)]:>8.1f}  ×{growth:.2f}")
    by_what = {}
    for row in rows:
        by_what.setdefault(row["what"], {})[row["scale"]] = row["queries"]
    changed = [what for what, counts in by_what.items() if len(set(counts.values())) > 1]
    print("\nQuery counts constant across scales:", "yes" if not changed else f"NO – {', '.join(changed)}")


if __name__ == "__main__":
    main()
