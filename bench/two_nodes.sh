#!/usr/bin/env bash
# The two-node drill on one machine (issue 18 item 6; README "Scale"): two gunicorn nodes on two ports sharing
# PostgreSQL, a Redis cache and the search engine (OpenSearch when one answers, else the database backend), with
# django-tasks' database backend and its worker (`manage.py db_worker`). It runs tests/test_two_nodes.py with its
# account printed: an editor publishes through node A and node B shows it at once (page cache and search), a task A
# queued is run by the worker, and node A killed mid-way (SIGKILL) loses nothing.
#
#   DATABASE_URL   PostgreSQL (default postgres://khuyencong:khuyencong@127.0.0.1:5432/khuyencong); the drill runs
#                  in its own test database (test_<name>), created and dropped by pytest
#   REDIS_URL      a Redis server to use (the drill takes DB number TWO_NODES_REDIS_DB, default 13); without it a
#                  redis-server (Debian's: apt-get install redis-server) is started on REDIS_PORT (6390) and stopped
#   ELASTICSEARCH_URL, SEARCH_ENGINE   the search engine; without them OpenSearch is used when `.ci/opensearch
#                  status` answers (start it with `.ci/opensearch setup && .ci/opensearch start`)
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${DATABASE_URL:-postgres://khuyencong:khuyencong@127.0.0.1:5432/khuyencong}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "two_nodes.sh: DATABASE_URL must be PostgreSQL (the nodes share it)" >&2; exit 2 ;;
esac
command -v redis-server >/dev/null || { echo "two_nodes.sh: install redis-server (apt-get install redis-server)" >&2; exit 2; }

redis_dir=""
cleanup() {
  if [ -n "$redis_dir" ]; then
    [ -f "$redis_dir/redis.pid" ] && kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true
    rm -rf "$redis_dir"
  fi
}
trap cleanup EXIT
if [ -z "${REDIS_URL:-}" ]; then
  port="${REDIS_PORT:-6390}"
  redis_dir=$(mktemp -d)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$port"
fi

if [ -z "${ELASTICSEARCH_URL:-}" ] && .ci/opensearch status >/dev/null 2>&1; then
  export ELASTICSEARCH_URL="http://127.0.0.1:${OPENSEARCH_PORT:-9200}" SEARCH_ENGINE=opensearch
fi
echo "two nodes: PostgreSQL …@${DATABASE_URL##*@}, Redis $REDIS_URL, search: ${ELASTICSEARCH_URL:-database backend}"
# CI unset: a missing service skips the test with its reason instead of failing it.
env -u CI .venv/bin/pytest -p no:cacheprovider -s -q -rs tests/test_two_nodes.py "$@"
