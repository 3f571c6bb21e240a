"""What users get: requests per second and p50/p95 latency of our public pages under gunicorn (2 sync workers,
production settings, DEBUG off), cached and uncached, signed in as an editor, at 1× and N× demo data, each beside a
static file served by the same server in the same run; with ``--bakerydemo``, Wagtail's bakerydemo pages too, in
the same run, and the ratios of issue 14 (ours / bakerydemo ≥ 2 with the page cache off).

Usage: .venv/bin/python bench/serve.py [--scale 10] [--seconds 10] [--bakerydemo] [--phases cached uncached scale]
       make bench [SCALE=10] [BAKERYDEMO=1] [BENCH_ARGS=…]

Phases (each its own gunicorn, started and stopped here):
  cached    scale 1, the page cache on (production default), anonymous visitors
  uncached  scale 1, PAGE_CACHE_SECONDS=0: anonymous visitors, the signed-in editor (a real session cookie passed to
            wrk with -H "Cookie: …"), and the bakerydemo pages interleaved with ours (bench/bakerydemo.sh serves it)
  scale     scale N (--scale), PAGE_CACHE_SECONDS=0: searches and listings, for the growth table (p95, query counts)
Databases: PostgreSQL when DATABASE_URL is set (scale N uses the database of the same name + ``_xN``, created if
missing), else SQLite files in /tmp/kc-bench-serve. Each is migrated and seeded once (``seed_demo --scale N``; again
with --reseed). Query counts come from an in-process Django test client against the same database. Needs ``wrk``
(apt-get install wrk). Only loopback traffic; every wrk run is bounded (--warmup + --seconds per URL, 39 URLs with
--bakerydemo): about 8 minutes with the defaults, plus the first seeding (10×: ~12 minutes on a busy machine).
Prints markdown tables (bench/serve_tables.py: the pages measured, the comparisons and their bars); the rows are also
written to /tmp/kc-bench-serve/last.json.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from serve_tables import BAKERY, EDITOR_PAGES, LISTINGS, PAGES, SCALE_ROWS, report

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORK = Path(tempfile.gettempdir()) / "kc-bench-serve"
PORT, BAKERY_PORT = 8123, 8124
BAKERY_DIR = Path(os.environ.get("BAKERY_DIR", "/work/bakerydemo"))

# wrk prints one JSON line at the end: microseconds, error counts (status = non-2xx/3xx responses)
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "duration": %d, "p50": %d, "p95": %d, "p99": %d, '
    .. '"status": %d, "connect": %d, "read": %d, "timeout": %d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status, e.connect, e.read, e.timeout))
end
"""


def database_url(scale):
    """The database of ``scale``: DATABASE_URL (``_xN`` appended to its name above 1×) or a SQLite file."""
    base = os.environ.get("DATABASE_URL")
    if not base:
        return f"sqlite:///{WORK / f'db-{scale}.sqlite3'}"
    return base if scale == 1 else re.sub(r"/([^/?]+)(\?|$)", rf"/\1_x{scale}\2", base, count=1)


def server_env(db_url, cache_seconds=None):
    """The environment our gunicorn, collectstatic and the query-count worker run with: production settings, DEBUG
    off, plain HTTP on loopback (no SSL redirect), files and cache under /tmp. Anything else (CONN_MAX_AGE …) is the
    production default unless set in the caller's environment."""
    name = re.sub(r"\W", "_", db_url.rsplit("/", 1)[-1])
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL="https://127.0.0.1",
        EMAIL_URL="smtp://127.0.0.1:25",
        DEFAULT_FROM_EMAIL="bench@localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / f"media-{name}"),
        CACHE_URL=f"filecache://{WORK / f'cache-{name}'}",
        LOG_LEVEL="ERROR",
    )
    if cache_seconds is not None:
        env["PAGE_CACHE_SECONDS"] = str(cache_seconds)
    return env


def manage(env, *args, capture=False):
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture)
    return done.stdout


def prepare(scale, reseed):
    """Create (PostgreSQL), migrate and seed the database of ``scale`` once; returns its URL."""
    url = database_url(scale)
    if url.startswith("postgres"):
        import psycopg2  # the project's PostgreSQL driver (requirements.txt)

        admin_url = re.sub(r"/([^/?]+)(\?|$)", r"/postgres\2", url, count=1)
        name = url.rsplit("/", 1)[-1].split("?")[0]
        conn = psycopg2.connect(admin_url)
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("select 1 from pg_database where datname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'create database "{name}"')
        conn.close()
    env = server_env(url)
    seed_env = dict(env, DJANGO_SETTINGS_MODULE="config.settings.base", DEBUG="false")
    manage(seed_env, "migrate", "--noinput", "-v0")
    seeded = manage(
        seed_env,
        "shell",
        "-c",
        "from registry.catalogue.models import ProductPage; print(ProductPage.objects.count())",
        capture=True,
    )
    if reseed or int(seeded.strip().splitlines()[-1]) == 0:
        print(f"seeding {url} at {scale}× …", file=sys.stderr, flush=True)
        manage(seed_env, "seed_demo", "--scale", str(scale), capture=True)
    return url


def worker():
    """In-process under the server's environment: the URLs to measure, a signed-in editor's session cookie, and the
    query count (and repeated query shapes) of each URL, anonymous and as the editor. Prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.templatetags.static import static
    from django.test import Client
    from wagtail.models import Locale

    from news.models import NewsPage
    from registry.catalogue.models import Certificate, CraftVillagePage, ProductPage

    default = Locale.get_default()
    product = ProductPage.objects.live().filter(locale=default).order_by("pk").first()
    village = CraftVillagePage.objects.live().filter(locale=default).order_by("pk").first()
    news = NewsPage.objects.live().filter(locale=default).order_by("pk").first()
    certificate = Certificate.objects.filter(product=product, revoked_at=None).order_by("pk").first()
    found = {
        "product": product.get_url(),
        "village": village.get_url(),
        "news": news.get_url(),
        "verify": certificate.get_verification_path(),
        "static": static("css/site.css"),
        "products": ProductPage.objects.live().count(),
    }
    users = get_user_model().objects
    editor = users.filter(username="bientap").first() or users.filter(is_staff=True, is_superuser=False).first()
    signed_in = Client()
    signed_in.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    found["editor"] = editor.get_username()
    found["cookie"] = f"{settings.SESSION_COOKIE_NAME}={signed_in.cookies[settings.SESSION_COOKIE_NAME].value}"

    def count(client, url):
        assert client.get(url).status_code == 200, url  # warm: renditions, site root paths
        executed = []

        def record(execute, sql, params, many, context):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            assert client.get(url).status_code == 200, url
        return [len(executed), len(executed) - len(set(executed))]

    anonymous = Client()
    counts = {}
    for label, key in PAGES + LISTINGS:
        counts[label] = count(anonymous, found.get(key, key))
    for label in EDITOR_PAGES:
        key = dict(PAGES)[label]
        counts["editor: " + label] = count(signed_in, found.get(key, key))
    found["queries"] = counts
    print("WORKER " + json.dumps(found))


def wrk(url, seconds, connections, cookie=None):
    """One bounded wrk run: req/s, p50/p95 in ms, count of errors (non-2xx/3xx, socket errors and requests slower
    than 30 s, which wrk leaves out of its latencies)."""
    script = WORK / "report.lua"
    script.write_text(WRK_LUA)
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script)]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    data = json.loads(out.split("BENCH ", 1)[1])
    errors = data["status"] + data["connect"] + data["read"] + data["timeout"]
    return {
        "rps": data["requests"] / (data["duration"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "errors": errors,
    }


def fetch(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers.get("X-Page-Cache", ""), response.read()


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers_rss(server):
    """Resident MiB of each gunicorn worker (children of the master; bakerydemo.sh execs gunicorn, so its pid is the
    master too). Processes without memory (exiting, or a shell the master runs) are left out."""
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = [round(rss_mib(int(pid))) for pid in children if Path(f"/proc/{pid}").exists()]
    return [size for size in sizes if size > 0]


@contextmanager
def gunicorn(args, env, port, probe=lambda: "/robots.txt"):
    """Start a server in its own process group, wait until ``probe()`` (a path) answers, yield it, stop the group."""
    server = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
    try:
        for _ in range(240):
            if server.poll() is not None:
                raise RuntimeError(f"server on port {port} exited with {server.returncode}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{probe()}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def our_server(env, port=PORT):
    return gunicorn(
        [PY, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "error"],
        env,
        port,
    )


def measure(rows, phase, label, url, args, cookie=None, expect=None):
    """Check what ``url`` answers, warm both workers on it (``--warmup`` seconds of wrk, not counted), then one wrk
    run; appends and prints a row."""
    _status, _cache_state, body = fetch(url, cookie)
    if expect and expect not in body:
        raise RuntimeError(f"{url} does not show {expect!r}: not what {label} should be")
    if args.warmup:
        wrk(url, args.warmup, 4, cookie)
    _status, cache_state, _body = fetch(url, cookie)  # what the measured requests get: hit, miss or no page cache
    row = dict(
        phase=phase, label=label, url=url, cache=cache_state or "-", **wrk(url, args.seconds, args.connections, cookie)
    )
    rows.append(row)
    print(
        f"  {phase:<9} {label:<30} {row['rps']:>8.1f} req/s  p50 {row['p50']:>7.1f}  p95 {row['p95']:>7.1f} ms"
        f"  {row['cache']:<5} errors {row['errors']}",
        flush=True,
    )
    return row


def info_for(url, cache_seconds):
    env = server_env(url, cache_seconds)
    out = subprocess.run([PY, __file__, "--worker"], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.split("WORKER ", 1)[1])


def bakery_env():
    """The environment of ``bench/bakerydemo.sh``: its directory and port, and the database engine we run on
    (PostgreSQL when DATABASE_URL is set, else a SQLite file), so both sides of a comparison use the same engine."""
    engine = "postgres" if os.environ.get("DATABASE_URL") else "sqlite"
    return dict(os.environ, BAKERY_DIR=str(BAKERY_DIR), BAKERY_PORT=str(BAKERY_PORT), BAKERY_ENGINE=engine)


@contextmanager
def bakery_server():
    """``bench/bakerydemo.sh gunicorn``: bakerydemo's gunicorn, 2 sync workers (after ``bakerydemo.sh`` set it up)."""
    command = ["bash", str(ROOT / "bench" / "bakerydemo.sh"), "gunicorn"]
    with gunicorn(
        command, bakery_env(), BAKERY_PORT, probe=lambda: bakery_static().split(str(BAKERY_PORT), 1)[1]
    ) as server:
        yield server


def bakery_static():
    """A stylesheet of bakerydemo, served by its whitenoise (its manifest name, as its pages link it)."""
    manifest = BAKERY_DIR / "bakerydemo" / "collect_static" / "staticfiles.json"
    name = json.loads(manifest.read_text())["paths"]["css/main.css"] if manifest.exists() else "css/main.css"
    return f"http://127.0.0.1:{BAKERY_PORT}/static/{name}"


def run_phase(phase, url, cache_seconds, args, with_bakery=False):
    """One server of ours (and bakerydemo's when asked) for one phase; returns (rows, worker info, worker RSS)."""
    info = info_for(url, cache_seconds)
    env = server_env(url, cache_seconds)
    shutil.rmtree(env["CACHE_URL"].removeprefix("filecache://"), ignore_errors=True)  # no copy from an earlier run
    base = f"http://127.0.0.1:{PORT}"
    rows, rss = [], {}
    with ExitStack() as stack:
        ours = stack.enter_context(our_server(env))
        bakery = stack.enter_context(bakery_server()) if with_bakery else None
        static = [measure(rows, phase, "static file", base + info["static"], args)]
        if bakery:
            static.append(measure(rows, phase, "bakerydemo: static file", bakery_static(), args))
        pages = PAGES if phase != "scale" else [page for page in PAGES if page[0] in SCALE_ROWS]
        for label, key in pages:
            measure(rows, phase, label, base + info.get(key, key), args)
            if bakery and label in BAKERY:
                name, path = BAKERY[label]
                measure(rows, phase, "bakerydemo: " + name, f"http://127.0.0.1:{BAKERY_PORT}{path}", args)
        if phase != "cached":
            for label, path in LISTINGS:
                measure(rows, phase, label, base + path, args)
        if phase == "uncached":
            for label in EDITOR_PAGES:
                key = dict(PAGES)[label]
                measure(rows, phase, "editor: " + label, base + info.get(key, key), args, info["cookie"], b"userbar")
        static.append(measure(rows, phase, "static file", base + info["static"], args))
        if bakery:
            static.append(measure(rows, phase, "bakerydemo: static file", bakery_static(), args))
            rss["bakerydemo"] = workers_rss(bakery)
        rss["ours"] = workers_rss(ours)
    for row in rows:  # the static file of the same server, measured first and last: their mean
        same = [s["rps"] for s in static if s["label"].startswith("bakerydemo") == row["label"].startswith("bakery")]
        row["static"] = sum(same) / len(same)
        row["queries"], row["dup"] = info["queries"].get(row["label"], ["", ""])
    return rows, info, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10, help="data multiplier of the scale phase (default 10)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="uncounted wrk seconds per URL before (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16, 2 threads)")
    parser.add_argument("--bakerydemo", action="store_true", help="measure bakerydemo beside us (bench/bakerydemo.sh)")
    parser.add_argument("--phases", nargs="+", choices=["cached", "uncached", "scale"], default=None)
    parser.add_argument("--reseed", action="store_true", help="run seed_demo again on existing databases")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    phases = args.phases or ["cached", "uncached", "scale"]
    if args.bakerydemo and "uncached" not in phases:
        sys.exit("--bakerydemo is measured in the uncached phase")
    WORK.mkdir(exist_ok=True)
    started_load = os.getloadavg()[0]
    small = prepare(1, args.reseed)
    large = prepare(args.scale, args.reseed) if "scale" in phases else None
    manage(server_env(small), "collectstatic", "--noinput", "-v0")
    if args.bakerydemo:  # idempotent: clone, venv, database and load_initial_data only the first time
        subprocess.run(
            ["bash", str(ROOT / "bench" / "bakerydemo.sh")], env=bakery_env(), check=True, stdout=subprocess.DEVNULL
        )
    rows, infos, rss = [], {}, {}
    for phase in phases:
        url, cache_seconds = (large, 0) if phase == "scale" else (small, None if phase == "cached" else 0)
        print(f"== {phase}: {url.split('@')[-1]}", flush=True)
        phase_rows, infos[phase], rss[phase] = run_phase(
            phase, url, cache_seconds, args, with_bakery=args.bakerydemo and phase == "uncached"
        )
        rows += phase_rows
    report(rows, infos, rss, args, started_load, database_url(1), WORK / "last.json")


if __name__ == "__main__":
    main()
