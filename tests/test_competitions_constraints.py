"""Database and form constraints of sheets and scores; concurrent submission on PostgreSQL."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from registry.competitions.choices import AuditAction, SheetStatus
from registry.competitions.jury.forms import ScoreSheetForm
from registry.competitions.models import AuditEntry, Rubric, Score, ScoreSheet
from registry.competitions.services.sheets import SheetLocked, get_or_create_sheet, save_sheet, submit_sheet
from tests.factories import EntryFactory, JurorFactory, fill_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(home_page):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    return get_or_create_sheet(juror, entry)


def test_shipped_rubrics():
    cnnt = Rubric.objects.get(name="Phiếu chấm điểm sản phẩm CNNT tiêu biểu")
    assert [c.max_points for c in cnnt.top_criteria()] == [40, 40, 10, 10]
    assert cnnt.total_points == 100
    assert cnnt.criteria.filter(parent__isnull=False).count() == 4
    ocop = Rubric.objects.get(name="Phiếu đánh giá sản phẩm OCOP")
    assert [c.max_points for c in ocop.top_criteria()] == [40, 25, 35]


def test_sheet_has_one_empty_row_per_criterion(sheet):
    assert sheet.scores.count() == 4
    assert all(s.value is None for s in sheet.scores.all())
    assert sheet.total() is None


def test_out_of_range_score_refused_by_form(sheet):
    criteria = list(sheet.entry.competition.rubric.top_criteria())
    form = ScoreSheetForm({f"score_{criteria[2].id}": "10.5", f"score_{criteria[0].id}": "12.3"}, criteria=criteria)
    assert not form.is_valid()
    assert f"score_{criteria[2].id}" in form.errors  # above 10
    assert f"score_{criteria[0].id}" in form.errors  # not a 0.5 step
    form = ScoreSheetForm({f"score_{criteria[1].id}": "-1"}, criteria=criteria)
    assert not form.is_valid()


def test_out_of_range_score_refused_by_service_and_database(sheet):
    c3 = sheet.entry.competition.rubric.top_criteria()[2]
    with pytest.raises(ValidationError):
        save_sheet(sheet.pk, sheet.juror.user, {c3.id: (Decimal("11"), "")}, "")
    row = Score.objects.get(sheet=sheet, criterion=c3)
    row.value = Decimal("10.5")
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=row.pk).update(value=Decimal("-0.5"))


def test_second_sheet_for_same_entry_and_juror_impossible(sheet):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(entry=sheet.entry, juror=sheet.juror)
    assert get_or_create_sheet(sheet.juror, sheet.entry).pk == sheet.pk


def test_second_score_row_for_criterion_impossible(sheet):
    c1 = sheet.entry.competition.rubric.top_criteria()[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(sheet=sheet, criterion=c1, max_points=40)


def test_submit_requires_every_score_and_locks_the_sheet(sheet):
    entry, juror = sheet.entry, sheet.juror
    fill_sheet(juror, entry, [30, None, 8, 8], submit=False)
    with pytest.raises(ValidationError):
        submit_sheet(sheet.pk, juror.user)
    submitted = fill_sheet(juror, entry, [30, 31.5, 8, 8], submit=True, comment="Sản phẩm tốt")
    assert submitted.status == SheetStatus.SUBMITTED and submitted.total() == Decimal("77.5")
    with pytest.raises(SheetLocked) as exc:
        fill_sheet(juror, entry, [40, 40, 10, 10], submit=False)
    assert "đã nộp" in exc.value.messages[0]
    assert ScoreSheet.objects.get(pk=sheet.pk).total() == Decimal("77.5")
    log = list(AuditEntry.objects.filter(sheet=sheet).order_by("id"))
    assert [a.action for a in log] == [AuditAction.SAVE, AuditAction.SUBMIT]
    assert log[1].old["scores"]["2"] is None and log[1].new["scores"]["2"] == "31.5"


def test_rubric_locked_once_scored(sheet):
    from registry.competitions.models import Criterion

    rubric = sheet.entry.competition.rubric
    assert not rubric.is_locked
    fill_sheet(sheet.juror, sheet.entry, [1, None, None, None], submit=False)
    assert rubric.is_locked
    with pytest.raises(ValidationError):
        Criterion(rubric=rubric, code="5", name="Mới", max_points=5, position=5).full_clean()
    competition = sheet.entry.competition
    competition.rubric = Rubric.objects.exclude(pk=rubric.pk).first()
    with pytest.raises(ValidationError):
        competition.full_clean()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (run in CI)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_leave_one_submitted_sheet(home_page):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    sheet = fill_sheet(juror, entry, [30, 30, 8, 8], submit=False)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        from django.db import connection as conn

        try:
            barrier.wait()
            submit_sheet(sheet.pk, juror.user)
            outcomes.append("ok")
        except SheetLocked:
            outcomes.append("locked")
        finally:
            conn.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["locked", "ok"]
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED and sheet.submitted_at is not None
    assert sheet.total() == Decimal(76)
    assert AuditEntry.objects.filter(sheet=sheet, action=AuditAction.SUBMIT).count() == 1
