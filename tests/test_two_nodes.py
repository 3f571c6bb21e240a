"""The two-node drill (issue 18 item 6): two gunicorn nodes sharing PostgreSQL, a Redis cache and the search index,
with django-tasks' database backend and its worker (tests/two_nodes.py starts them; README "Scale").

An editor publishes through node A; a visitor of node B, who had the old page and the old search in B's page cache,
sees the new ones at once (search: as soon as the worker has run the index update A queued). Node A killed right
after a publish, with the worker stopped, loses nothing: the page is written, and the index update it queued is run
by the worker when it comes back.
"""

import signal
import time
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories.competitions import CompetitionFactory, EntryFactory, JurorFactory
from tests.factories.home import StandardPageFactory, UserFactory, ensure_site
from tests.two_nodes import (
    ENGINE_URL,
    Browser,
    Cluster,
    drop_engine_indices,
    flush_redis,
    node_environment,
    redis_url,
    required,
    say,
    wait_for,
)

pytestmark = [pytest.mark.postgres]

PASSWORD = "dien-tap-2026"
SEARCH_SECONDS = 20  # the worker polls every 0.2 s; a busy CI machine may need more than one second


def database_url():
    """The test database as a URL the nodes can use (PostgreSQL only: skipped or failed otherwise)."""
    database = connection.settings_dict
    if connection.vendor != "postgresql":
        required("the two-node drill needs PostgreSQL: set DATABASE_URL=postgres://…")
    user, password = database["USER"], database["PASSWORD"]
    return (
        f"postgres://{user}:{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def cluster(transactional_db, tmp_path):
    """Node A, node B and the worker on the test database and a Redis DB of their own; killed after the test."""
    url, cache_url = database_url(), redis_url()
    flush_redis(cache_url)
    (tmp_path / "mail").mkdir()
    with Cluster(node_environment(url, cache_url, tmp_path), tmp_path) as nodes:
        try:
            if ENGINE_URL:
                nodes.manage("search_index", "--rebuild")  # empty indices: the nodes' updates go there
            yield nodes
        finally:
            if ENGINE_URL:
                drop_engine_indices()
    flush_redis(cache_url)


def draft(title, new_title):
    """A live page titled ``title`` whose latest revision, not published yet, is titled ``new_title``."""
    page = StandardPageFactory(parent=ensure_site(), title=title)
    page.title = new_title
    page.save_revision()
    return page


def late_juror():
    """A competition being scored whose one juror (``cham@example.org``) has a sheet to submit."""
    competition = CompetitionFactory(name="Bình chọn diễn tập 2027")
    EntryFactory(competition=competition)
    JurorFactory(competition=competition, user=UserFactory(email="cham@example.org"))
    return competition


def mails(cluster):
    """The e-mails the processes sent (the file backend of tests/two_nodes_settings.py), as text."""
    return [path.read_bytes().decode(errors="replace") for path in sorted((cluster.work_dir / "mail").iterdir())]


def editor():
    """A superuser whose password the nodes' production hashers read (the tests' own hasher is MD5)."""
    hashed = PBKDF2PasswordHasher().encode(PASSWORD, "drillsalt2026", iterations=1000)
    return get_user_model().objects.create(username="dientap", password=hashed, is_superuser=True, is_staff=True)


def publish_through(browser, page):
    """Publish ``page``'s latest revision through the admin of ``browser``'s node (Wagtail's bulk publish)."""
    status, _headers, text = browser.request(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/", {"include_descendants": ""}
    )
    assert status == 302, f"publish through node {browser.node} answered {status}: {text[:500]}"


def search_lists(browser, query, page):
    """(whether node ``browser``'s site search for ``query`` lists ``page``, its X-Page-Cache header)."""
    status, headers, text = browser.request("/tim-kiem/?" + urllib.parse.urlencode({"q": query}))
    assert status == 200
    return page.url in text, headers.get("X-Page-Cache")


def test_a_publish_through_node_a_is_seen_at_once_through_node_b_and_killing_a_loses_nothing(cluster):
    started = time.monotonic()
    fair = draft("Trang diễn tập thứ nhất", "Hội chợ Pleiku 2027")
    course = draft("Trang diễn tập thứ hai", "Lớp học dệt thổ cẩm Ia Mơ Nông")
    competition = late_juror()
    editor()
    cluster.start("a", "b", "worker")
    engine = f"the search engine at {ENGINE_URL}" if ENGINE_URL else "the database search backend"
    say(f"node A on :{cluster.ports['a']}, node B on :{cluster.ports['b']}, a db_worker; PostgreSQL, Redis, {engine}")
    a, visitor = Browser(cluster, "a"), Browser(cluster, "b")

    # Node B has the old page and an empty search in its page cache.
    for _ in range(3):
        status, headers, text = visitor.request(fair.url)
        assert status == 200 and "Trang diễn tập thứ nhất" in text
        listed, cached = search_lists(visitor, "hoi cho pleiku", fair)
        assert not listed
    assert headers["X-Page-Cache"] == "hit" and cached == "hit"
    say(f"node B serves {fair.url} and its search for 'hoi cho pleiku' (no hit) from its page cache")

    # An editor publishes through node A: node B shows the new page at once, its search as soon as the worker ran.
    a.sign_in("dientap", PASSWORD)
    publish_through(a, fair)
    say("an editor published 'Hội chợ Pleiku 2027' through node A's admin")
    status, headers, text = visitor.request(fair.url)
    assert "Hội chợ Pleiku 2027" in text and "Trang diễn tập thứ nhất" not in text
    assert headers["X-Page-Cache"] == "miss"
    say("node B shows the new title at once (X-Page-Cache: miss)")
    assert wait_for(lambda: search_lists(visitor, "hoi cho pleiku", fair)[0], SEARCH_SECONDS), (
        f"node B's search never listed the page published through A:\n{cluster.output('worker')}"
    )

    say("node B's search lists it: the worker ran the index update node A queued")

    # The worker is stopped; node A dies (SIGKILL) right after an editor published through it.
    cluster.stop("worker")
    publish_through(a, course)
    status, _headers, _text = a.request(reverse("competitions_admin:remind", kwargs={"pk": competition.pk}), {})
    assert status == 302  # the manager's "send reminders": an e-mail task
    cluster.stop("a", signal.SIGKILL)
    say("worker stopped; a page published and reminders requested through node A, then node A killed (SIGKILL)")
    status, _headers, text = visitor.request(course.url)
    assert "Lớp học dệt thổ cẩm Ia Mơ Nông" in text  # the write is there
    index_task = "search.elastic.tasks." if ENGINE_URL else "modelsearch.tasks."
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__startswith=index_task)
    assert queued.exists()  # so is the index update A queued, waiting for a worker
    for _ in range(3):  # meanwhile node B stores its search without the page (the index has not changed)
        assert not search_lists(visitor, "det tho cam ia mo nong", course)[0]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__endswith=".send_reminders").exists()
    assert mails(cluster) == []
    say(f"node B shows the page; {queued.count()} index update(s) and the reminders wait in the task table")

    # The worker comes back and runs it: node B's search lists the page (its stored copy is not served any more).
    cluster.start("worker")
    assert wait_for(lambda: search_lists(visitor, "det tho cam ia mo nong", course)[0], SEARCH_SECONDS), (
        f"node B kept its stale search after the worker ran the update:\n{cluster.output('worker')}"
    )
    sent = wait_for(lambda: mails(cluster), SEARCH_SECONDS)
    assert len(sent) == 1 and "To: cham@example.org" in sent[0] and "1 phiếu chấm chưa nộp" in sent[0]
    say("worker restarted: it ran the queued tasks; node B's search lists the page, the juror got the reminder")
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    assert time.monotonic() - started < 60
