# Khuyến công – the two set-up commands are `make run` and `make test`; `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help run serve test test-search-live lint format messages makemessages migrate setup seed bench bench-cpu bench-scale bench-more two-nodes clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed-run: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

messages: $(VENV)/.installed-run ## Compile the translations (every locale*/*/LC_MESSAGES/django[js].po → .mo; commit the .mo files)
	@for dir in $$(find . -path ./$(VENV) -prune -o -type d \( -name locale -o -name locale_admin \) -print); do \
		$(VENV)/bin/pybabel compile --domain=django --directory=$$dir --statistics 2>&1 | grep -v '^compiling' || exit 1; \
		if ls $$dir/*/LC_MESSAGES/djangojs.po >/dev/null 2>&1; then \
			$(VENV)/bin/pybabel compile --domain=djangojs --directory=$$dir --statistics 2>&1 | grep -v '^compiling' || exit 1; \
		fi; \
	done

makemessages: ## Extract new strings into locale/en/LC_MESSAGES/django.po (needs GNU gettext)
	$(PY) manage.py makemessages --locale=en --ignore=.venv --no-obsolete

migrate: $(VENV)/.installed-run messages ## Create or update the local SQLite database
	$(PY) manage.py migrate --noinput

setup: migrate ## Create the section pages, menu, site, staff groups and moderation workflow (idempotent)
	$(PY) manage.py setup_site

seed: setup ## Load the demo data on top of setup_site's tree (idempotent; SCALE=N multiplies it)
	$(PY) manage.py seed_demo --scale $(or $(SCALE),1)

run: seed ## Install, migrate, set up the site, seed demo data and serve on http://127.0.0.1:8000
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=false $(PY) manage.py runserver --insecure $(HOST):$(PORT)

lint: $(VENV)/.installed-dev ## The checks of .pre-commit-config.yaml on every file (ruff, ruff format, djhtml, whitespace)
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

format: $(VENV)/.installed-dev ## Reformat the code with ruff and the templates with djhtml
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml --tabwidth 2 templates

# `test` does not compile the translations: tests/test_translations.py fails when a committed .mo is stale.
test: $(VENV)/.installed-dev lint ## Every check and test (PostgreSQL when DATABASE_URL is set)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The live search-engine tests alone: set ELASTICSEARCH_URL (and SEARCH_ENGINE=opensearch for OpenSearch); without it
# they are skipped with the reason printed. .ci/opensearch setup && .ci/opensearch start runs a local node (README).
test-search-live: $(VENV)/.installed-dev ## The live search tests against the node at ELASTICSEARCH_URL (Elasticsearch or OpenSearch)
	$(VENV)/bin/pytest -ra tests/test_search_live_*.py

# `make bench`: cached / uncached / signed-in / SCALE× pages under gunicorn beside a static file (bench/serve.py; PostgreSQL
# when DATABASE_URL is set). BAKERYDEMO=1 adds Wagtail's bakerydemo pages (bench/bakerydemo.sh sets it up in
# /work/bakerydemo or $$BAKERY_DIR). Needs wrk (apt-get install wrk). About 10 minutes.
bench: $(VENV)/.installed-dev messages ## Measure what users get: req/s and p95 of every public page (SCALE=10 BAKERYDEMO=1 BENCH_ARGS=…)
	$(PY) bench/serve.py --scale $(or $(SCALE),10) $(if $(BAKERYDEMO),--bakerydemo) $(BENCH_ARGS)

# `make bench-cpu`: the same pages in-process (no wrk, steady on a busy machine): CPU ms per page, then the SCALE× growth
# check of the searches and listings (p95, query counts; bench/cpu_pages.py --scale).
bench-cpu: $(VENV)/.installed-dev messages ## CPU ms per page in-process, and the SCALE× growth check (SCALE=10)
	$(PY) bench/cpu_pages.py
	$(PY) bench/cpu_pages.py --scale $(or $(SCALE),10)

bench-scale: $(VENV)/.installed-dev messages ## Issue 18's growth table in-process: each growing response at 1× and 30× data (BENCH_ARGS=…)
	$(PY) bench/scale.py $(BENCH_ARGS)

bench-more: $(VENV)/.installed-dev ## The other benchmarks: in-process search timings, scoring, import dry run, page profile
	@for script in bench/search.py bench/scoring.py bench/import_dry_run.py bench/profile_pages.py; do \
		echo "== $$script"; $(PY) $$script || exit 1; done

# `make two-nodes`: bench/two_nodes.sh — two gunicorn nodes, a db_worker, PostgreSQL (DATABASE_URL) and Redis shared;
# publish through A, see it through B, kill A (README "Scale"). Needs redis-server (apt-get install redis-server).
two-nodes: $(VENV)/.installed-dev ## The two-node drill: publish through node A, seen at once through node B, A killed loses nothing
	bench/two_nodes.sh

clean: ## Remove the virtualenv, the SQLite database and generated files
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles
