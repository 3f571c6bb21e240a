"""What the live search-engine tests need from the environment (issue 17): the engine's URL, which engine it is,
and the script that stops and starts the node (for the fallback case).

    ELASTICSEARCH_URL=http://127.0.0.1:9200   the node (Elasticsearch 8 or OpenSearch 2)
    SEARCH_ENGINE=opensearch                  which one (default elasticsearch)
    SEARCH_NODE_CONTROL=.ci/opensearch        `stop` / `start` it (the fallback case)

Without them the live tests are skipped with the reason printed (pytest -ra); with ``CI`` set they fail instead, as
the browser tests do: CI must run them (.ci/run starts an OpenSearch node and exports these variables).
"""

import os
import subprocess

import pytest

URL = os.environ.get("ELASTICSEARCH_URL", "")
ENGINE = os.environ.get("SEARCH_ENGINE", "") or "elasticsearch"
CONTROL = os.environ.get("SEARCH_NODE_CONTROL", "")
LIVE_MODULE = "tests/test_search_live.py"


def required(reason):
    """Skip locally with ``reason``; fail when ``CI`` is set (CI may not skip the live tests)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the live search tests may not be skipped)")
    pytest.skip(reason)


def live_url():
    """The engine's URL, or skip/fail (see :func:`required`)."""
    if not URL:
        required("ELASTICSEARCH_URL is not set: no live search engine (Elasticsearch or OpenSearch) to test against")
    return URL


def control(action, timeout=300):
    """Run ``$SEARCH_NODE_CONTROL stop|start`` (start waits until the node's health is green or yellow)."""
    if not CONTROL:
        required("SEARCH_NODE_CONTROL is not set: the node cannot be stopped and started by the tests")
    done = subprocess.run([CONTROL, action], capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{CONTROL} {action} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def summary_line(stats):
    """ "live search tests (opensearch at URL): 60 passed" from pytest's terminal stats, or "" when none ran."""
    counts = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in stats.get(outcome, []):
            if report.nodeid.startswith(LIVE_MODULE):
                counts[outcome] = counts.get(outcome, 0) + 1
    if not counts:
        return ""
    where = f"{ENGINE} at {URL}" if URL else "no engine: ELASTICSEARCH_URL not set"
    return f"live search tests ({where}): " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
