"""Simultaneous submits of the same sheet on a file-based SQLite database (the default for a demo): one
succeeds, the other gets a clear 409, never a 500 "database is locked". The PostgreSQL variant (row locks) is
in test_competitions_constraints.py."""

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from registry.competitions.models import NoConflictStatement
from tests.factories import EntryFactory, JurorFactory, fill_sheet


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite locking mode is what is tested here")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_on_sqlite_give_one_success_and_one_409(home_page, tmp_path):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)
    sheet = fill_sheet(juror, entry, [30, 30, 8, None], submit=False)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(juror.user)
    url = reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])
    data = {"action": "submit", "confirm": "on", "comment": ""}
    for c, value in zip(entry.competition.rubric.top_criteria(), ["30", "30", "8", "8"], strict=True):
        data[f"score_{c.id}"] = value

    # Copy the test database (in memory) to a file that the two request threads share, as a real site would.
    path = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original = connections.settings["default"]
    assert original["OPTIONS"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    connections.settings["default"] = {**original, "NAME": str(path), "TEST": {**original["TEST"], "NAME": None}}
    barrier = threading.Barrier(2)
    statuses = []

    def submit(client):
        try:
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        finally:
            connections["default"].close()

    try:
        threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        connections.settings["default"] = original

    assert sorted(statuses) == [302, 409]
    with sqlite3.connect(path) as db:
        status, submitted_at = db.execute(
            "SELECT status, submitted_at FROM competitions_scoresheet WHERE id = ?", [sheet.pk]
        ).fetchone()
        submits = db.execute(
            "SELECT COUNT(*) FROM competitions_auditentry WHERE sheet_id = ? AND action = 'submit'", [sheet.pk]
        ).fetchone()[0]
    assert status == "submitted" and submitted_at is not None and submits == 1
