"""The pages bench/serve.py measures and the tables it prints: what is compared with what (ours / bakerydemo, 1× / N×
data, cached pages / a static file) and the bars of docs/design.md and issue 14 each table checks."""

import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (label, key of the URL the worker finds, or a fixed path)
PAGES = [
    ("product page", "product"),
    ("home", "/"),
    ("village page", "village"),
    ("news page", "news"),
    ("catalogue search", "/san-pham/?q=tho+cam&group=handicraft"),
    ("site search", "/tim-kiem/?q=ca+phe"),
    ("verification", "verify"),
]
LISTINGS = [
    ("autocomplete", "/tim-kiem/goi-y/?q=tho"),
    ("product listing", "/san-pham/"),
    ("news list", "/tin-tuc/"),
]
EDITOR_PAGES = ["product page", "home"]
CACHED_BAR, RSS_BAR = 25, 170  # docs/design.md: % of a static file's req/s (cached pages); MiB per worker
MIXED = {"site search", "autocomplete"}  # results of several page types, one query per type on the first page
SCALE_ROWS = ["catalogue search", "site search", "autocomplete", "product listing", "news list"]
# ours -> bakerydemo (label, path); the comparison pairs
BAKERY = {
    "product page": ("bread page", "/breads/anadama-bread/"),
    "home": ("home", "/"),
    "village page": ("location page", "/locations/reykjavik/"),
    "news page": ("blog page", "/blog/wild-yeast/"),
    "catalogue search": ("search ?q=bread", "/search/?q=bread"),
}


def same_queries(label, small, large):
    """``yes`` when equal; a site search or autocomplete makes one query per result type on its first page, so its
    count may fall when one type fills the page (``fewer``); anything else is ``NO``."""
    if small == large:
        return "yes"
    return "fewer" if label in MIXED and large < small else "NO"


def table(header, lines):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for line in lines:
        print("| " + " | ".join(str(cell) for cell in line) + " |")
    print()


def report(rows, infos, rss, args, started_load, database, output):
    """The markdown tables of a run (every measurement, ours / bakerydemo, 1× / N×), printed; the rows and resident
    sizes also written to ``output`` (JSON). ``database``: the 1× database's URL (its host and name are shown)."""
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    print(f"\n## bench/serve.py — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {git.strip()}")
    print(
        f"database {database.split('@')[-1]}; gunicorn 2 sync workers, production settings; "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s per URL; {os.cpu_count()} cores; load average "
        f"{started_load:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    for phase, info in infos.items():
        print(f"{phase}: {info['products']} live products; RSS of our workers {rss[phase].get('ours')} MiB", end="")
        print(f", bakerydemo's {rss[phase]['bakerydemo']} MiB" if "bakerydemo" in rss[phase] else "")
    print()
    table(
        ["phase", "page", "req/s", "p50 ms", "p95 ms", "% of static", "queries", "dup", "page cache", "errors"],
        [
            (r["phase"], r["label"], f"{r['rps']:.1f}", f"{r['p50']:.1f}", f"{r['p95']:.1f}",
             f"{100 * r['rps'] / r['static']:.1f} %", r["queries"], r["dup"], r["cache"], r["errors"])
            for r in rows
        ],
    )  # fmt: skip
    cached = [r for r in rows if r["phase"] == "cached" and r["label"] != "static file"]
    if cached:  # docs/design.md: cached public pages reach at least 25 % of a static file's requests per second
        shares = {r["label"]: 100 * r["rps"] / r["static"] for r in cached}
        low = {label: f"{share:.0f} %" for label, share in shares.items() if share < CACHED_BAR}
        print(f"Cached pages at ≥ {CACHED_BAR} % of the static file:", f"NO – {low}" if low else "yes", end="\n\n")
    heavy = {phase: mib for phase, by in rss.items() for mib in by.get("ours", []) if mib >= RSS_BAR}
    print(
        f"Our workers under {RSS_BAR} MiB resident after their phase's load:",
        f"NO – {heavy}" if heavy else "yes",
        end="\n\n",
    )
    uncached = {r["label"]: r for r in rows if r["phase"] == "uncached"}
    if any(label.startswith("bakerydemo") for label in uncached):
        lines = []
        for ours, (name, _path) in BAKERY.items():
            mine, theirs = uncached[ours], uncached["bakerydemo: " + name]
            ratio = mine["rps"] / theirs["rps"]
            lines.append(
                (
                    ours,
                    f"{mine['rps']:.1f}",
                    name,
                    f"{theirs['rps']:.1f}",
                    f"{ratio:.2f}",
                    "yes" if ratio >= 2 else "NO",
                )
            )
        engine = "PostgreSQL server" if database.startswith("postgres") else "SQLite engine"
        print(f"Page cache off (PAGE_CACHE_SECONDS=0), same run, same {engine}:\n")
        table(["our page", "req/s", "bakerydemo page", "req/s", "ours / bakerydemo", "≥ 2"], lines)
    scaled = {r["label"]: r for r in rows if r["phase"] == "scale"}
    if scaled and uncached:
        lines = []
        small_q, large_q = infos["uncached"]["queries"], infos["scale"]["queries"]
        for label in SCALE_ROWS:
            small, large = uncached[label], scaled[label]
            growth = large["p95"] / small["p95"]
            lines.append(
                (label, f"{small['p95']:.1f}", f"{large['p95']:.1f}", f"{growth:.2f}", "yes" if growth < 2 else "NO",
                 small_q[label][0], large_q[label][0], same_queries(label, small_q[label][0], large_q[label][0]))
            )  # fmt: skip
        print(f"Growth, page cache off: 1× ({infos['uncached']['products']} products) vs {args.scale}× ", end="")
        print(f"({infos['scale']['products']} products):\n")
        table(
            ["page", "p95 1× ms", f"p95 {args.scale}× ms", "growth", "< 2×", "queries 1×", f"queries {args.scale}×",
             "equal"],
            lines,
        )  # fmt: skip
        changed = {
            label: f"{small_q[label][0]} → {large_q[label][0]}"
            for label in small_q
            if same_queries(label, small_q[label][0], large_q[label][0]) == "NO"
        }
        print(
            "Query counts of every measured page (and the editor's) equal at both scales (fewer allowed for site search and autocomplete):",
            changed or "yes",
        )
    output.write_text(json.dumps({"rows": rows, "rss": rss}, indent=1))
