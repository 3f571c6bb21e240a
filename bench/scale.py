"""Issue 18's growth table: every response that may grow with the data, at two scales, in-process.

For each row of ``URLS`` and each scale: median and p95 wall time of a request (the body read whole, streamed or
not), bytes of the body, peak Python memory of one request (``tracemalloc``), query count, and the growth factors
(large scale / small scale). Requests go through Django's test client (no network) under bench/serve.py's production
settings with the page cache off (``PAGE_CACHE_SECONDS=0``), each scale in its own process.

Usage: .venv/bin/python bench/scale.py [--scales 1 30] [--repeat 20] [--fresh] [--db SCALE=URL …] [--only TEXT …]
                                       [--json FILE]
       make bench-scale

Databases (never written to: each run measures copies, migrated before use):
  - ``DATABASE_URL=postgres://…/kc_<name>``: scale N is ``kc_<name>_scaleN``, a copy of the template database
    ``kc_xN`` (``--template kc_x{scale}``) made with CREATE DATABASE … TEMPLATE the first time (again with --fresh);
  - otherwise SQLite: ``$SCALE_DATA/x{scale}.sqlite3`` (``--sqlite-source``; ``SCALE_DATA`` defaults to
    ``bench/.data``) copied to /tmp/kc-bench-scale/. Seed a source once with ``DATABASE_URL=sqlite:///…/x30.sqlite3``
    and ``manage.py migrate``, ``setup_site``, ``seed_demo --scale 30`` (PostgreSQL: the same into ``kc_x30``);
  - ``--db 30=postgres://…`` (or ``sqlite:///…``): that database as it is (it must be a disposable copy).
Pictures: the originals under ``--media`` (where the data was seeded, default this checkout's media/) are hard-linked into
/tmp/kc-bench-scale/media, where the renditions are made, so the seeded directory is never written to either.
Only GET requests; the juror's page and the managers' dashboard are measured signed in (``force_login``: a session
row in the copy).
Never run by ``make test``.

To add a response: one line in ``URLS``. A path may name a ``{placeholder}`` filled by ``find_paths`` (the demo
data's first published competition, a juror's seat, the village index …); a row whose placeholder is missing at a
scale (an endpoint not built yet) is shown as "n/a".
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import PY, ROOT, server_env  # noqa: E402  (bench/ is not a package)

WORK = Path("/tmp/kc-bench-scale")
MEDIA = str(ROOT / "media")  # where the seeded data's pictures are: linked, never written

# (label, path or "{placeholder}" of find_paths, who asks: None = anonymous visitor, "juror" = a juror signed in,
# "manager" = a competition manager signed in)
URLS = [
    ("sitemap index", "/sitemap.xml", None),
    ("sitemap pages (vi)", "/sitemap-pages-vi.xml", None),
    ("sitemap producers", "/sitemap-producers.xml", None),
    ("certificates.json", "/du-lieu-mo/certificates.json", None),
    ("products.csv", "/du-lieu-mo/products.csv", None),
    ("published results page", "{results}", None),
    ("juror's competition page", "{jury_competition}", "juror"),
    ("managers' dashboard", "{manager_dashboard}", "manager"),
    ("catalogue search", "/san-pham/?q=tho+cam", None),
    ("site search", "/tim-kiem/?q=ca+phe", None),
    ("autocomplete", "/tim-kiem/goi-y/?q=tho", None),
    ("village map page", "{village_index}", None),
    ("village GeoJSON", "{village_geojson}", None),
    ("village page", "{village}", None),
]


def find_paths():
    """``{placeholder: path}`` from the data of the database being measured; a key is missing when there is
    nothing to measure (no published competition, no endpoint of that name yet). Also ``"juror"``: the user who
    holds the seat of ``{jury_competition}``; ``"manager"``: the first active competition manager (the permission
    ``competitions.manage_competitions`` through a group, as ``core/roles.py`` gives it), who opens the managers'
    dashboard of that same competition in scoring (``{manager_dashboard}``, /admin/binh-chon/<pk>/)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from wagtail.models import Locale

    from registry.catalogue.models import CraftVillageIndexPage, CraftVillagePage
    from registry.competitions.choices import CompetitionStatus
    from registry.competitions.models import Competition, Juror

    found = {}
    default = Locale.get_default()
    published = (
        Competition.objects.filter(status=CompetitionStatus.PUBLISHED)
        .annotate(entry_count=Count("entries"))
        .order_by("-entry_count", "pk")
        .first()
    )
    if published and published.get_results_url():
        found["results"] = published.get_results_url()
    seat = (
        Juror.objects.filter(competition__status=CompetitionStatus.SCORING)
        .select_related("competition", "user")
        .order_by("pk")
        .first()
    )
    if seat:
        found["jury_competition"] = reverse("competitions:jury-competition", kwargs={"slug": seat.competition.slug})
        found["juror"] = seat.user
        manager = (
            get_user_model()
            .objects.filter(is_active=True, groups__permissions__codename="manage_competitions")
            .order_by("pk")
            .first()
        )
        if manager:
            found["manager_dashboard"] = reverse("competitions_admin:dashboard", args=[seat.competition.pk])
            found["manager"] = manager
    index = CraftVillageIndexPage.objects.live().filter(locale=default).first()
    if index:
        found["village_index"] = index.url
        with contextlib.suppress(AttributeError, NoReverseMatch):  # the map's GeoJSON route, where it exists
            found["village_geojson"] = index.url + index.reverse_subpage("geojson")
    village = CraftVillagePage.objects.live().filter(locale=default).order_by("pk").first()
    if village:
        found["village"] = village.url
    return found


def read(client, path):
    """One GET of ``path``: ``(status, bytes of the body)``, a streamed body read to its end."""
    response = client.get(path)
    if getattr(response, "streaming", False):
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    response.close()
    return response.status_code, size


def measure(client, path, repeat):
    """Query count, status, bytes, peak memory (MiB), wall times (ms: median, p95) and the median CPU time of this
    process (ms: steadier on a busy machine, without the database server's own time on PostgreSQL) of ``path``."""
    from django.db import connection

    for _ in range(2):  # warm: renditions, the shared data of this generation, imports
        read(client, path)
    executed = []
    with connection.execute_wrapper(
        lambda run, sql, params, many, ctx: executed.append(sql) or run(sql, params, many, ctx)
    ):
        status, size = read(client, path)
    tracemalloc.start()
    read(client, path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    times, cpu = [], []
    for _ in range(repeat):
        started, clock = time.perf_counter(), time.process_time()
        read(client, path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - clock) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return {"status": status, "bytes": size, "peak_mib": peak, "queries": len(executed),
            "median": statistics.median(times), "p95": p95, "cpu": statistics.median(cpu)}  # fmt: skip


def worker(scale, repeat):
    """In the scale's own process (its DATABASE_URL in the environment): measure every row, print one JSON line."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.test import Client

    from registry.catalogue.models import CraftVillagePage, ProductPage

    found = find_paths()
    clients = {None: Client()}
    for who in ("juror", "manager"):  # each signed-in row's user in a client of its own
        if who in found:
            clients[who] = Client()
            clients[who].force_login(found[who], backend="django.contrib.auth.backends.ModelBackend")
    rows = {}
    for label, template, who in URLS:
        names = re.findall(r"{(\w+)}", template)
        if any(name not in found for name in names) or (who and who not in found):
            rows[label] = None
            continue
        path = template.format(**{name: found[name] for name in names})
        rows[label] = {"path": path, **measure(clients[who], path, repeat)}
    totals = {"products": ProductPage.objects.live().count(), "villages": CraftVillagePage.objects.live().count()}
    print("SCALE " + json.dumps({"scale": scale, "totals": totals, "rows": rows}))


def copy_database(scale, args):
    """The URL of a disposable copy of the shared data at ``scale`` (see the module docstring), migrated."""
    explicit = dict(item.split("=", 1) for item in args.db)
    if str(scale) in explicit:
        url = explicit[str(scale)]
    elif os.environ.get("DATABASE_URL", "").startswith("postgres"):
        import psycopg2  # the project's PostgreSQL driver (requirements.txt)

        base = os.environ["DATABASE_URL"]
        name = base.rsplit("/", 1)[-1].split("?")[0] + f"_scale{scale}"
        url = re.sub(r"/([^/?]+)(\?|$)", rf"/{name}\2", base, count=1)
        conn = psycopg2.connect(re.sub(r"/([^/?]+)(\?|$)", r"/postgres\2", base, count=1))
        conn.autocommit = True
        with conn.cursor() as cursor:
            if args.fresh:
                cursor.execute(f'drop database if exists "{name}"')
            cursor.execute("select 1 from pg_database where datname = %s", [name])
            if not cursor.fetchone():
                print(f"copying {args.template.format(scale=scale)} to {name} …", file=sys.stderr, flush=True)
                cursor.execute(f'create database "{name}" template "{args.template.format(scale=scale)}"')
        conn.close()
    else:
        source = Path(args.sqlite_source.format(scale=scale))
        target = WORK / f"x{scale}.sqlite3"
        if args.fresh or not target.exists():
            WORK.mkdir(parents=True, exist_ok=True)
            print(f"copying {source} to {target} …", file=sys.stderr, flush=True)
            shutil.copyfile(source, target)
        url = f"sqlite:///{target}"
    env = dict(server_env(url), DJANGO_SETTINGS_MODULE="config.settings.base", DEBUG="false")
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return url


def environment(url):
    """bench/serve.py's production environment for ``url``, the page cache off, files under WORK."""
    env = server_env(url, cache_seconds=0)
    name = re.sub(r"\W", "_", url.rsplit("/", 1)[-1])
    env.update(STATIC_ROOT=str(WORK / "static"), CACHE_URL=f"locmemcache://scale-{name}")
    env["MEDIA_ROOT"] = str(WORK / "media")
    return env


def link_media(source):
    """Hard-link (copy across file systems) the seeded pictures and documents under ``source`` into WORK/media."""

    def link(src, dst):
        if os.path.exists(dst):
            return
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    for folder in ("original_images", "documents"):
        if (Path(source) / folder).is_dir():
            shutil.copytree(Path(source) / folder, WORK / "media" / folder, copy_function=link, dirs_exist_ok=True)


def growth(small, large):
    return f"×{large / small:.1f}" if small else "–"


def report(results, scales):
    """The markdown table: one line per response and scale, then the growth factors."""
    low, high = scales[0], scales[-1]
    print("\n| response | scale | status | queries | median ms | p95 ms | CPU ms | bytes | peak MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, _path, _who in URLS:
        for scale in scales:
            row = results[scale]["rows"].get(label)
            if row is None:
                print(f"| {label} | {scale}× | n/a | | | | | | |")
                continue
            print(f"| {label} | {scale}× | {row['status']} | {row['queries']} | {row['median']:.1f} | "
                  f"{row['p95']:.1f} | {row['cpu']:.1f} | {row['bytes']:,} | {row['peak_mib']:.2f} |")  # fmt: skip
    print(f"\nGrowth {high}× / {low}× (median time, p95, CPU, bytes, peak memory; queries {low}× → {high}×)\n")
    print("| response | time | p95 | CPU | bytes | memory | queries |")
    print("|---|---|---|---|---|---|---|")
    for label, _path, _who in URLS:
        a, b = results[low]["rows"].get(label), results[high]["rows"].get(label)
        if a is None or b is None:
            print(f"| {label} | n/a | | | | | |")
            continue
        print(f"| {label} | {growth(a['median'], b['median'])} | {growth(a['p95'], b['p95'])} | {growth(a['cpu'], b['cpu'])} | "
              f"{growth(a['bytes'], b['bytes'])} | {growth(a['peak_mib'], b['peak_mib'])} | "
              f"{a['queries']} → {b['queries']}{'' if a['queries'] == b['queries'] else ' (!)'} |")  # fmt: skip
    for scale in scales:
        print(f"\n{scale}×: {results[scale]['totals']} ({results[scale]['database']})", end="")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 30])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per response (default 20)")
    parser.add_argument("--db", action="append", default=[], metavar="SCALE=URL", help="use this database as is")
    parser.add_argument("--template", default="kc_x{scale}", help="PostgreSQL database to copy (default kc_x{scale})")
    parser.add_argument(
        "--sqlite-source",
        default=os.path.join(os.environ.get("SCALE_DATA", str(ROOT / "bench" / ".data")), "x{scale}.sqlite3"),
        help="SQLite file to copy",
    )
    parser.add_argument("--media", default=MEDIA, help="the seeded pictures (default media/)")
    parser.add_argument("--fresh", action="store_true", help="copy the shared data again")
    parser.add_argument("--only", nargs="+", metavar="TEXT", help="only the responses whose label contains TEXT")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        URLS[:] = [row for row in URLS if any(text in row[0] for text in args.only)]
    if args.worker:
        worker(args.worker, args.repeat)
        return
    results = {}
    link_media(args.media)
    for scale in args.scales:
        url = copy_database(scale, args)
        env = environment(url)
        if not (WORK / "static" / "staticfiles.json").exists() or scale == args.scales[0]:
            subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"measuring {scale}× ({url.split('@')[-1]}) …", file=sys.stderr, flush=True)
        command = [PY, __file__, "--worker", str(scale), "--repeat", str(args.repeat)]
        command += ["--only", *args.only] if args.only else []
        out = subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        results[scale] = json.loads(out.split("SCALE ", 1)[1])
        results[scale]["database"] = url.split("@")[-1]
    report(results, args.scales)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
