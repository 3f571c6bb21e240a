"""cProfile of public pages rendered in-process with the page cache off: where an uncached request spends its time.

Usage: .venv/bin/python bench/profile_pages.py [--requests 50] [--top 25] [--output FILE] [PAGE …]
PAGE is ``product`` or ``home`` (default both) or a path. Runs under the production settings of bench/serve.py
(DEBUG off, PAGE_CACHE_SECONDS=0) against its scale-1 database (PostgreSQL when DATABASE_URL is set, else its SQLite
file), seeded if needed. Each page is requested twice to warm up, then ``--requests`` times under the profiler
through Django's test client (no network, no gunicorn). Prints (or writes) the top entries by cumulative time, then
by own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import sysconfig
import time
from pathlib import Path

from serve import ROOT, prepare, server_env

# Wrappers every request passes through (test client, handler, middleware chain): they only repeat the total.
PLUMBING = re.compile(r"django/(test/|core/handlers/|utils/deprecation\.py)|contextlib\.py")
PREFIXES = (sysconfig.get_paths()["purelib"] + "/", f"{ROOT}/", sysconfig.get_paths()["stdlib"] + "/")


def top_entries(stats, order, top, requests):
    """The first ``top`` functions by ``order`` (``cumulative`` or ``tottime``) as text lines, per request."""
    stats.sort_stats(order)
    lines = []
    for function in stats.fcn_list:
        filename, lineno, name = function
        for prefix in PREFIXES:
            filename = filename.removeprefix(prefix)
        if PLUMBING.search(filename):
            continue
        _primitive, calls, own, cumulative, _callers = stats.stats[function]
        where = f"{filename}:{lineno}({name})" if lineno else name
        lines.append(
            f"{calls / requests:>10.1f} {own * 1000 / requests:>8.2f} {cumulative * 1000 / requests:>8.2f}  {where}"
        )
        if len(lines) == top:
            break
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["product", "home"])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--output", type=Path, help="write the report here instead of printing it")
    args = parser.parse_args()

    os.environ.update(server_env(prepare(1, reseed=False), cache_seconds=0))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Locale

    from registry.catalogue.models import ProductPage

    known = {
        "product": lambda: ProductPage.objects.live().filter(locale=Locale.get_default()).order_by("pk").first().url,
        "home": lambda: "/",
    }
    client = Client()
    out = io.StringIO()
    out.write(f"bench/profile_pages.py, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: production settings, ")
    out.write(f"PAGE_CACHE_SECONDS=0, {os.environ['DATABASE_URL'].split('@')[-1]}, {args.requests} requests each\n")
    for page in args.pages:
        path = known[page]() if page in known else page
        for _ in range(2):
            assert client.get(path).status_code == 200, path
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.requests):
            client.get(path)
        profiler.disable()
        elapsed = (time.perf_counter() - started) * 1000 / args.requests
        out.write(f"\n=== {page} ({path}): {elapsed:.1f} ms per request under the profiler\n")
        stats = pstats.Stats(profiler)
        for order, top in (("cumulative", args.top), ("tottime", 15)):
            out.write(f"\n--- top {top} by {order} (request plumbing left out; ms per request)\n")
            out.write(f"{'calls/req':>10} {'own ms':>8} {'cum ms':>8}  function\n")
            for line in top_entries(stats, order, top, args.requests):
                out.write(line + "\n")
    if args.output:
        args.output.write_text(out.getvalue())
        print(f"written to {args.output}")
    else:
        print(out.getvalue())


if __name__ == "__main__":
    main()
