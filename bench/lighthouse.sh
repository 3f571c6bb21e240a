#!/usr/bin/env bash
# Lighthouse scores (mobile: performance, accessibility, best practices, SEO) of the public pages, served the way
# production serves them: gunicorn, production settings, whitenoise for the collected static files, a throwaway
# SQLite database seeded with setup_site + seed_demo. Media (renditions) come from bench/lighthouse_wsgi.py, a
# stand-in for the proxy. Nothing is written to the repository.
#
# Usage: bench/lighthouse.sh [--keep] [PATH ...]     (default: the seven pages below)
# Needs: npm (Lighthouse is installed once under $LIGHTHOUSE_CACHE), Chromium ($CHROME_PATH, /usr/bin/chromium).
# Environment: LIGHTHOUSE_CACHE (default /var/cache/khuyencong-bench), LIGHTHOUSE_VERSION (12.8.2),
#              BENCH_WORK (database, media, static, reports; default: a new directory in /tmp), PORT (8765),
#              RUNS (3: runs per page, median shown), MAP_TILE_URL (default: one local blank tile, the bench is offline).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
CACHE="${LIGHTHOUSE_CACHE:-/var/cache/khuyencong-bench}"
VERSION="${LIGHTHOUSE_VERSION:-12.8.2}"
PORT="${PORT:-8765}"
RUNS="${RUNS:-3}"   # Lighthouse runs per page; the table shows the median (scores vary from run to run)
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
KEEP=0
if [[ "${1:-}" == "--keep" ]]; then KEEP=1; shift; fi

LH="$CACHE/node_modules/.bin/lighthouse"
if [[ ! -x "$LH" ]] || [[ "$("$LH" --version)" != "$VERSION" ]]; then
  echo "== installing lighthouse@$VERSION under $CACHE"
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --silent "lighthouse@$VERSION"
fi

WORK="${BENCH_WORK:-$(mktemp -d /tmp/kc-lighthouse.XXXXXX)}"
mkdir -p "$WORK/reports"
BASE="http://127.0.0.1:$PORT"
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="lighthouse-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export SITE_URL="https://127.0.0.1:$PORT"   # production requires https; only absolute links (QR, feeds) use it
export SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
export EMAIL_URL="smtp://127.0.0.1:25" DEFAULT_FROM_EMAIL="Bench <bench@example.org>"   # never used: no mail is sent
export CACHE_URL="filecache://$WORK/cache" STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export PRIVATE_MEDIA_ROOT="$WORK/private" BACKUP_DIR="$WORK/backups" LOG_LEVEL=ERROR
# The bench runs offline: map tiles come from one local blank tile (set MAP_TILE_URL to measure with real tiles),
# so failed tile requests do not count as console errors.
LOCAL_TILE="$BASE/media/bench-tile.png?z={z}&x={x}&y={y}"
export MAP_TILE_URL="${MAP_TILE_URL:-$LOCAL_TILE}"

cd "$ROOT"
if [[ ! -f "$WORK/db.sqlite3" ]]; then
  echo "== seeding $WORK/db.sqlite3 (migrate, setup_site, seed_demo)"
  "$PY" manage.py migrate --noinput >"$WORK/seed.log"
  "$PY" manage.py setup_site >>"$WORK/seed.log"
  "$PY" manage.py seed_demo --i-know-this-is-production >>"$WORK/seed.log"
else
  "$PY" manage.py migrate --noinput >"$WORK/migrate.log"   # a kept database, from an older checkout
fi
"$PY" manage.py collectstatic --noinput --clear >"$WORK/collectstatic.log"
mkdir -p "$WORK/media"
"$PY" -c "from PIL import Image; Image.new('RGB', (256, 256), (236, 232, 222)).save('$WORK/media/bench-tile.png')"

if [[ $# -gt 0 ]]; then
  PAGES=("$@")
else
  mapfile -t PAGES < <("$PY" manage.py shell -c '
from registry.catalogue.models import Certificate, ProductPage
from news.models import NewsPage
print("/"); print("/san-pham/")
print(ProductPage.objects.live().public().recognised().order_by("path").first().get_url())
print("/lang-nghe/"); print("/tin-tuc/")
print(NewsPage.objects.live().public().order_by("-date", "path").first().get_url())
print(Certificate.objects.publicly_visible().order_by("pk").first().get_verification_path())
' | tail -n 7)
fi

# --timeout 300: the first visit of a page creates its renditions (AVIF takes seconds per large picture on a busy
# machine), which must not kill the worker here; the warm-up below prints how long each first visit took.
"$PY" -m gunicorn bench.lighthouse_wsgi --workers 2 --timeout 300 --bind "127.0.0.1:$PORT" --log-level warning \
  >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  if [[ $KEEP -eq 0 && -z "${BENCH_WORK:-}" ]]; then rm -rf "$WORK"; else echo "kept: $WORK"; fi
}
trap cleanup EXIT
for _ in $(seq 60); do curl -fs -o /dev/null "$BASE/robots.txt" && break || sleep 0.5; done
# First visits create the renditions and fill the page cache, as on a site that has been up for a while.
echo "== first visits (renditions, page cache)"
for page in "${PAGES[@]}"; do
  curl -s -o /dev/null --max-time 600 -w "  %{http_code} %{time_total}s  $page\n" "$BASE$page"
done

printf '\n%-44s %5s %5s %5s %5s   (median of %s runs)\n' "page" "perf" "a11y" "bp" "seo" "$RUNS"
for page in "${PAGES[@]}"; do
  name="$(echo "$page" | tr -c 'a-zA-Z0-9\n' '_')"
  reports=()
  for run in $(seq "$RUNS"); do
    report="$WORK/reports/$name.$run.json"
    "$LH" "$BASE$page" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>>"$WORK/lighthouse.log" || true
    reports+=("$report")
  done
  "$PY" - "$page" "${reports[@]}" <<'PYEOF'
import json, statistics, sys
page, paths = sys.argv[1], sys.argv[2:]
runs = []
for path in paths:
    try:
        cats = json.load(open(path))["categories"]
    except (OSError, ValueError, KeyError):
        continue
    runs.append([cats[k]["score"] for k in ("performance", "accessibility", "best-practices", "seo")])
if not runs:
    print(f"{page[:44]:<44} (no report: see lighthouse.log)")
    sys.exit()
medians = [statistics.median([s for s in column if s is not None] or [0]) for column in zip(*runs)]
spread = "" if len(runs) == 1 else "   perf runs: " + " ".join("-" if r[0] is None else str(round(100 * r[0])) for r in runs)
print(f"{page[:44]:<44} " + " ".join(f"{round(100 * m):>5}" for m in medians) + spread)
PYEOF
done
echo
if [[ $KEEP -eq 1 || -n "${BENCH_WORK:-}" ]]; then echo "reports: $WORK/reports (JSON; open them in the Lighthouse viewer)"; fi
