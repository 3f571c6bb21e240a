"""Two web nodes and a task worker on one machine, for the two-node drill (issue 18 item 6): tests/test_two_nodes.py
runs it against its own test database, bench/two_nodes.sh against a database of yours (README "Scale").

    REDIS_URL=redis://127.0.0.1:6379      the Redis server the nodes share as their cache (one DB number of its own:
                                          TWO_NODES_REDIS_DB, default 13, emptied before and after)
    DATABASE_URL=postgres://…             PostgreSQL (the nodes and the worker share it)
    ELASTICSEARCH_URL, SEARCH_ENGINE      the search engine, when there is one (else the database backend): the
                                          nodes search it, in indices of their own (deleted afterwards)

Every process runs ``config.settings.production`` through ``tests/two_nodes_settings.py`` (static files from the
source tree instead of a collectstatic manifest, session cookies over plain HTTP on the loopback, e-mails written
as files): gunicorn ``config.wsgi`` twice on two free ports, and ``manage.py db_worker``. Each runs in a process
group of its own, killed when the ``Cluster`` closes, also when a test fails half-way.

Without Redis or PostgreSQL the test is skipped with the reason printed; with ``CI`` set it fails instead
(``.ci/run`` installs and starts both), as the live search tests do (tests/live_search.py).
"""

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "") or "redis://127.0.0.1:6379"
REDIS_DB = int(os.environ.get("TWO_NODES_REDIS_DB", "13"))
BOOT_SECONDS = 40


def required(reason):
    """Skip locally with ``reason``; fail when ``CI`` is set (CI installs Redis and PostgreSQL: .ci/run)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the two-node test may not be skipped)")
    pytest.skip(reason)


def redis_url():
    """``REDIS_URL`` with the drill's own DB number, after checking that the server answers; skip/fail otherwise."""
    import redis

    url = urllib.parse.urlparse(REDIS_URL)._replace(path=f"/{REDIS_DB}").geturl()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        required(f"no Redis server at {url} ({error}): set REDIS_URL (apt-get install redis-server)")
    return url


def flush_redis(url):
    """Empty the drill's Redis DB (nothing another test or site keeps in another DB number is touched)."""
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()


def free_port():
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def node_environment(database_url, cache_url, work_dir, **extra):
    """The environment of every process: production settings (through tests/two_nodes_settings.py), PostgreSQL,
    the shared Redis cache, the database task backend; ``extra`` overrides."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.two_nodes_settings",
        SECRET_KEY="two-nodes-drill-" + "k" * 48,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="https://drill.khuyencong.example",
        EMAIL_URL="smtp://127.0.0.1:25",  # production requires a server; two_nodes_settings writes files instead
        EMAIL_FILE_PATH=str(Path(work_dir) / "mail"),
        DEFAULT_FROM_EMAIL="Trung tâm Khuyến công <drill@khuyencong.example>",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        TASKS_BACKEND="database",
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE="0",
        PAGE_CACHE_SECONDS="600",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if ENGINE_URL:
        env.update(CATALOGUE_SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_INDEX_PREFIX=ENGINE_PREFIX)
    env.update(extra)
    return env


ENGINE_URL = os.environ.get("ELASTICSEARCH_URL", "").rstrip("/")
ENGINE_PREFIX = f"khuyencong-drill{os.getpid()}"  # indices of their own, deleted by ``drop_engine_indices``


def drop_engine_indices():
    """Delete the drill's indices and index template from the search engine (nothing else is touched)."""
    for path in (f"/{ENGINE_PREFIX}-*", f"/_index_template/{ENGINE_PREFIX}-template"):
        try:
            urllib.request.urlopen(urllib.request.Request(ENGINE_URL + path, method="DELETE"), timeout=30).close()
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise


class Cluster:
    """Node A, node B (gunicorn) and the worker (``db_worker``); a context manager that kills them all on exit."""

    def __init__(self, env, work_dir):
        global _STARTED  # noqa: PLW0603 (the drill's clock starts with its cluster)
        _STARTED = time.monotonic()
        self.env, self.work_dir = env, Path(work_dir)
        self.processes, self.ports = {}, {}

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()

    def command(self, name):
        """The command line of process ``name`` ("a", "b" or "worker")."""
        if name == "worker":
            return [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
        port = self.ports.setdefault(name, free_port())
        return [
            *(sys.executable, "-m", "gunicorn", "config.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "60"),
            *("--name", f"khuyencong-node-{name}"),
        ]

    def manage(self, *args):
        """Run ``manage.py args…`` with the nodes' environment; fail with its output unless it succeeds."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def start(self, *names):
        """Start the processes ``names``; web nodes are waited for until they answer."""
        for name in names:
            log_file = open(self.work_dir / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the process)
            self.processes[name] = subprocess.Popen(
                self.command(name), cwd=ROOT, env=self.env, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
            log_file.close()
        for name in names:
            if name != "worker":
                self.wait_until_up(name)

    def wait_until_up(self, name):
        """Wait until node ``name`` answers HTTP (any status), or fail with its log."""
        deadline = time.monotonic() + BOOT_SECONDS
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                break
            try:
                urllib.request.urlopen(self.url(name, "/robots.txt"), timeout=2).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"node {name} did not start:\n{self.output(name)}")

    def url(self, name, path):
        """The address of ``path`` on node ``name``."""
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def output(self, name):
        """The last lines node ``name`` wrote (its log under the work directory)."""
        path = self.work_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-40:]) if path.exists() else ""

    def stop(self, name, sig=signal.SIGTERM):
        """Send ``sig`` to process ``name``'s group (SIGKILL: the node dies mid-way, nothing is flushed) and wait."""
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def close(self):
        """Kill every process still running (SIGKILL to each process group: nothing is left behind)."""
        for name in list(self.processes):
            self.stop(name, signal.SIGKILL)


class Browser:
    """A visitor (or an editor, once signed in) of one node: keeps cookies, does not follow redirects."""

    def __init__(self, cluster, node):
        self.cluster, self.node = cluster, node
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def request(self, path, data=None):
        """(status, headers, text) of GET ``path`` (POST with ``data``, a dict, and the CSRF token)."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookie("csrftoken")}).encode()
        request = urllib.request.Request(self.cluster.url(self.node, path), data=body)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def cookie(self, name):
        """The value of cookie ``name``, or ""."""
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")

    def sign_in(self, username, password):
        """Sign in to the Wagtail admin of this node; fail unless it worked."""
        self.request("/admin/login/")
        status, headers, _text = self.request("/admin/login/", {"username": username, "password": password})
        assert status == 302 and self.cookie("sessionid"), f"sign-in on node {self.node} failed ({status})"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_STARTED = time.monotonic()


def say(text):
    """One line of the drill's account (shown by bench/two_nodes.sh, which runs the test with ``-s``)."""
    print(f"[two nodes {time.monotonic() - _STARTED:6.1f} s] {text}", flush=True)


def wait_for(check, seconds, step=0.2):
    """Call ``check()`` until it returns something true (returned) or ``seconds`` pass (the last value returned)."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)
