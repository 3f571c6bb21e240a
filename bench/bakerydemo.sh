#!/usr/bin/env bash
# Set up Wagtail's bakerydemo beside Khuyến công, outside the repository, as the reference of issue 14's render-cost
# comparison: same machine, same PostgreSQL server, production settings (DEBUG off), gunicorn with 2 sync workers.
#
# Usage:  bench/bakerydemo.sh            # set up (idempotent: clone, venv, database, load_initial_data, static)
#         bench/bakerydemo.sh serve      # set up, then serve on 127.0.0.1:$BAKERY_PORT in the foreground
#         bench/bakerydemo.sh gunicorn   # serve only (bench/serve.py, after a set-up)
#         bench/bakerydemo.sh env        # print the environment the server runs with (bench/serve.py reads it)
# BAKERY_ENGINE=sqlite (bench/serve.py sets it when our DATABASE_URL is unset, i.e. when we run on SQLite) puts
# bakerydemo on a SQLite file in $BAKERY_DIR instead of the PostgreSQL database $BAKERY_DB.
#
# What is changed from upstream, and why (nothing else is):
#   - requirements/base.txt: `Django>=6.0,<6.1` -> `Django>=5.2,<5.3` (Django 6 needs Python 3.12; we run 3.11).
#   - requirements/base.txt: `wagtail>=7.4,<7.5` -> `wagtail>=8.0,<8.1` (BAKERY_WAGTAIL): bakerydemo has no commit
#     on Wagtail 8 yet; we compare on the Wagtail we run (8.0.x). Set BAKERY_WAGTAIL='wagtail>=7.4,<7.5' to keep
#     upstream's pin.
#   - Of requirements/production.txt only what serving needs here is installed (psycopg, whitenoise, with
#     upstream's pins) plus gunicorn; uwsgi, boto3, Google Cloud, Redis and Elasticsearch clients are not used.
# Settings are upstream's `bakerydemo.settings.production` as they are (DEBUG off, whitenoise, locmem cache,
# CONN_MAX_AGE=500 from its dj_database_url call), with SECURE_SSL_REDIRECT=false because we serve plain HTTP on
# loopback.
set -euo pipefail

BAKERY_DIR=${BAKERY_DIR:-/work/bakerydemo}
BAKERY_GIT=${BAKERY_GIT:-https://github.com/wagtail/bakerydemo.git}
BAKERY_COMMIT=${BAKERY_COMMIT:-8e2b625755d8942412d5b7627b146a795933b8b2} # main of 19 Aug 2026
BAKERY_WAGTAIL=${BAKERY_WAGTAIL:-wagtail>=8.0,<8.1}
BAKERY_DJANGO=${BAKERY_DJANGO:-Django>=5.2,<5.3}
BAKERY_DB=${BAKERY_DB:-bakerydemo}
BAKERY_PORT=${BAKERY_PORT:-8124}
BAKERY_ENGINE=${BAKERY_ENGINE:-postgres}
PYTHON=${PYTHON:-python3.11}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-khuyencong}
export PGPASSWORD=${PGPASSWORD:-khuyencong}

env_lines() {
	echo "DJANGO_SETTINGS_MODULE=bakerydemo.settings.production"
	if [[ $BAKERY_ENGINE == sqlite ]]; then
		echo "DATABASE_URL=sqlite:///$BAKERY_DIR/bench-bakerydemo.sqlite3"
	else
		echo "DATABASE_URL=postgres://$PGUSER:$PGPASSWORD@$PGHOST:5432/$BAKERY_DB"
	fi
	echo "DJANGO_SECRET_KEY=bench-bakerydemo-$(printf 'k%.0s' $(seq 50))"
	echo "DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost"
	echo "SECURE_SSL_REDIRECT=false"
	echo "SECURE_HSTS_SECONDS=0"
	echo "DJANGO_LOG_LEVEL=WARNING"
	echo "PRIMARY_HOST=127.0.0.1"
}

if [[ ${1:-} == env ]]; then
	env_lines
	exit 0
fi
while IFS= read -r line; do export "${line?}"; done < <(env_lines)
serve() {
	cd "$BAKERY_DIR"
	exec .venv/bin/gunicorn bakerydemo.wsgi --workers 2 --bind "127.0.0.1:$BAKERY_PORT" --log-level warning
}
if [[ ${1:-} == gunicorn ]]; then
	serve
fi

# 1. Source at the pinned commit, pins changed as described above.
if [[ ! -d $BAKERY_DIR/.git ]]; then
	git clone --quiet "$BAKERY_GIT" "$BAKERY_DIR"
fi
cd "$BAKERY_DIR"
if [[ $(git rev-parse HEAD) != "$BAKERY_COMMIT" ]]; then
	git checkout --quiet "$BAKERY_COMMIT"
fi
git checkout --quiet -- requirements/base.txt
sed -i -E "s/^Django>=.*/$BAKERY_DJANGO/; s/^wagtail>=.*/$BAKERY_WAGTAIL/" requirements/base.txt
git --no-pager diff --stat -- requirements/base.txt

# 2. Its own virtualenv (Python 3.11).
if [[ ! -x .venv/bin/python ]]; then
	"$PYTHON" -m venv .venv
fi
if ! cmp -s requirements/base.txt .venv/.installed 2>/dev/null; then
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -r requirements/base.txt \
		"psycopg[binary]>=3.3.3,<3.4" "whitenoise>=6.11.0,<7" "gunicorn>=23,<24"
	cp requirements/base.txt .venv/.installed
fi
.venv/bin/python -c 'import django, wagtail; print("bakerydemo: Django", django.__version__, "Wagtail", wagtail.__version__)'

# 3. Database: created once; load_initial_data only into an empty one (it is not idempotent).
if [[ $BAKERY_ENGINE != sqlite ]] &&
	! psql -h "$PGHOST" -U "$PGUSER" -d postgres -tAc "select 1 from pg_database where datname='$BAKERY_DB'" | grep -q 1; then
	createdb -h "$PGHOST" -U "$PGUSER" "$BAKERY_DB"
fi
.venv/bin/python manage.py migrate --noinput -v0
breads=$(.venv/bin/python manage.py shell --no-imports -c 'from bakerydemo.breads.models import BreadPage; print(BreadPage.objects.count())' | tail -n1)
if [[ $breads == 0 ]]; then
	.venv/bin/python manage.py load_initial_data
fi
.venv/bin/python manage.py collectstatic --noinput -v0

if [[ ${1:-} == serve ]]; then
	serve
fi
echo "bakerydemo ready in $BAKERY_DIR (serve: bench/bakerydemo.sh serve, port $BAKERY_PORT)"
