"""Requests per second of public pages under gunicorn (2 workers, production settings, DEBUG off), measured in one
run against a static file served by the same process, and the workers' resident memory after a 60-second load.

Usage: .venv/bin/python bench/serve.py [--scale N] [--seconds S] [--load-seconds S]
Uses its own SQLite database in /tmp (or DATABASE_URL when set) seeded with ``seed_demo --scale N``. Needs ``wrk``
(apt-get install wrk). Only loopback traffic; every run is bounded in time.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8123
BARS = {"product page": 25.0, "catalogue search": 5.0}


def run(args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, int(non2xx.group(1)) if non2xx else 0


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--load-seconds", type=int, default=60)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    work = Path(tempfile.gettempdir()) / f"kc-bench-{args.scale}"
    work.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'db.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        SITE_URL=f"http://127.0.0.1:{PORT}",
    )
    print(f"database: {env['DATABASE_URL']}  scale: {args.scale}")
    run([PY, "manage.py", "migrate", "--noinput"], env)
    run([PY, "manage.py", "seed_demo", "--scale", str(args.scale)], env)
    run([PY, "manage.py", "collectstatic", "--noinput"], env)
    product_path = (
        subprocess.run(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                "from registry.catalogue.models import ProductPage;print(ProductPage.objects.live().first().get_url())",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        static_rel = (
            subprocess.run(
                [
                    PY,
                    "manage.py",
                    "shell",
                    "-c",
                    "from django.templatetags.static import static; print(static('css/site.css'))",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        targets = [
            ("static file", base + static_rel),
            ("product page", base + product_path),
            ("catalogue search", base + "/san-pham/?q=ca+phe&group=processed-food"),
            ("home page", base + "/"),
            ("craft villages", base + "/lang-nghe/"),
        ]
        for _name, url in targets:  # warm caches and workers
            urllib.request.urlopen(url, timeout=30).read()
        results = {}
        print(f"\n{'page':<18}{'req/s':>10}{'p50':>10}{'% of static':>13}{'bar':>8}  non-2xx")
        for name, url in targets:
            rps, p50, bad = wrk(url, args.seconds)
            results[name] = rps
            share = 100 * rps / results["static file"]
            bar = f"{BARS[name]:.0f}%" if name in BARS else ""
            print(f"{name:<18}{rps:>10.1f}{p50:>10}{share:>12.1f}%{bar:>8}  {bad}")

        deadline = time.time() + args.load_seconds
        while time.time() < deadline:
            for _name, url in targets[1:]:
                wrk(url, max(1, min(5, int(deadline - time.time()))))
                if time.time() >= deadline:
                    break
        workers = [
            int(p)
            for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        ]
        print(
            f"\nworker RSS after {args.load_seconds}s of load: "
            + ", ".join(f"{rss_mib(p):.0f} MiB" for p in workers)
            + " (bar: 170 MiB)"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
