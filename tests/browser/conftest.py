"""Browser tests: the browser leaves the live server quiet before the database is flushed.

A transactional test ends by truncating every table. Wagtail's page editor pings its editing session when it loads
and releases it when the page is left (a beacon); a request still writing when the truncation starts takes its
locks in another order and PostgreSQL aborts one of them ("Database test_khuyencong couldn't be flushed", seen in
CI after a test ending on the page editor). So before the flush each browser test leaves its page and waits until
the live server has answered every request.
"""

import threading
import time

import pytest
from django.core.signals import request_finished, request_started

QUIET_SECONDS = 0.3
MAX_WAIT_SECONDS = 10


class _InFlight:
    """Counts the live server's requests between Django's request_started and request_finished signals."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.last_change = time.monotonic()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1
            self.last_change = time.monotonic()

    def finished(self, **kwargs):
        with self.lock:
            self.count = max(0, self.count - 1)
            self.last_change = time.monotonic()

    def wait_quiet(self):
        """Return once no request has been in flight for QUIET_SECONDS (at most MAX_WAIT_SECONDS)."""
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while time.monotonic() < deadline:
            with self.lock:
                quiet = self.count == 0 and time.monotonic() - self.last_change >= QUIET_SECONDS
            if quiet:
                return
            time.sleep(0.05)


@pytest.fixture(autouse=True)
def _quiet_live_server_before_flush(request):
    """Set up after ``page`` and ``live_server`` (requested here), so torn down before them: leave the page, then
    wait for the server's last request to finish; only then does ``live_server``'s database flush run."""
    if "live_server" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page") if "page" in request.fixturenames else None
    request.getfixturevalue("live_server")
    in_flight = _InFlight()
    request_started.connect(in_flight.started, weak=False)
    request_finished.connect(in_flight.finished, weak=False)
    try:
        yield
    finally:
        try:
            for each in page.context.pages if page else ():
                if not each.is_closed():
                    each.goto("about:blank")
        except Exception:  # noqa: BLE001 - a crashed page has nothing left to send; the wait below still runs
            pass
        in_flight.wait_quiet()
        request_started.disconnect(in_flight.started)
        request_finished.disconnect(in_flight.finished)
