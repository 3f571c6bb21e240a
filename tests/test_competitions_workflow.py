"""Entries (codes, eligibility), status workflow, balanced assignment, reopening, reminders and the demo seed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from demo import competitions as competitions_demo
from demo.context import SeedContext
from registry.catalogue.choices import Level, Region
from registry.catalogue.models import Certificate
from registry.competitions.choices import AssignmentMode, AuditAction, CompetitionStatus, SheetStatus
from registry.competitions.models import Assignment, AuditEntry, Competition, Entry, ScoreSheet
from registry.competitions.services import council
from registry.competitions.services.access import visible_entries
from registry.competitions.services.sheets import reopen_sheet
from registry.competitions.tasks import send_reminders
from tests.factories import (
    CertificateFactory,
    CompetitionFactory,
    ConflictFactory,
    EntryFactory,
    JurorFactory,
    ProductPageFactory,
    UserFactory,
    fill_sheet,
)

pytestmark = pytest.mark.django_db


def test_entry_codes_are_automatic_and_sequential(home_page):
    competition = CompetitionFactory(year=2026, entry_code_prefix="SP")
    first, second = EntryFactory(competition=competition), EntryFactory(competition=competition)
    assert (first.code, second.code) == ("SP-2026-001", "SP-2026-002")
    assert first.producer == first.product.producer and first.product_group == first.product.product_group


def test_regional_entry_needs_valid_provincial_certificate(home_page):
    regional = CompetitionFactory(level=Level.REGIONAL, region=Region.CENTRAL)
    product = ProductPageFactory()
    entry = EntryFactory.build(competition=regional, product=product, producer=product.producer)
    with pytest.raises(ValidationError, match="giấy chứng nhận"):
        entry.full_clean()
    CertificateFactory(product=product, level=Level.PROVINCIAL, expired=True)
    with pytest.raises(ValidationError):
        entry.full_clean()
    CertificateFactory(product=product, level=Level.PROVINCIAL)
    entry.full_clean()


def test_ineligible_entry_needs_reason_and_leaves_scoring(home_page):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    entry.status = "ineligible"
    with pytest.raises(ValidationError):
        entry.full_clean()
    entry.status_reason = "Sản phẩm không do cơ sở tự sản xuất."
    entry.save()
    assert list(visible_entries(juror)) == []


def test_status_workflow_is_audited(home_page):
    competition = CompetitionFactory(status=CompetitionStatus.DRAFT)
    user = UserFactory()
    with pytest.raises(ValidationError):
        council.change_status(competition, CompetitionStatus.PUBLISHED, user)
    for status in (
        CompetitionStatus.ENTRIES_OPEN,
        CompetitionStatus.SCORING,
        CompetitionStatus.CLOSED,
        CompetitionStatus.DECIDED,
    ):
        competition = council.change_status(competition, status, user)
    competition = council.change_status(competition, CompetitionStatus.PUBLISHED, user)
    assert competition.results_published_at is not None
    assert AuditEntry.objects.filter(competition=competition).count() == 5


def test_balanced_assignment_respects_caps_and_conflicts(home_page):
    competition = CompetitionFactory(assignment_mode=AssignmentMode.BALANCED, jurors_per_entry=2)
    entries = [EntryFactory(competition=competition) for _ in range(6)]
    jurors = [JurorFactory(competition=competition) for _ in range(4)]
    jurors[0].max_entries = 1
    jurors[0].save()
    ConflictFactory(juror=jurors[1], entry=entries[0])
    council.assign_balanced(competition)
    for entry in entries:
        assigned = set(Assignment.objects.filter(entry=entry).values_list("juror_id", flat=True))
        assert len(assigned) == 2
    assert not Assignment.objects.filter(juror=jurors[1], entry=entries[0]).exists()
    loads = [Assignment.objects.filter(juror=j).count() for j in jurors]
    assert loads[0] == 1 and sum(loads) == 12 and max(loads[1:]) - min(loads[1:]) <= 1
    assert len(visible_entries(jurors[0])) == 1
    council.assign_balanced(competition)  # running again adds nothing
    assert Assignment.objects.filter(juror__competition=competition).count() == 12


def test_reopen_by_chair_or_manager_with_reason(home_page, demo_accounts):
    entry = EntryFactory()
    chair = JurorFactory(competition=entry.competition, chair=True)
    member = JurorFactory(competition=entry.competition)
    sheet = fill_sheet(member, entry, [30, 30, 8, 8])
    with pytest.raises(PermissionDenied):
        reopen_sheet(sheet.pk, member.user, "Tôi muốn sửa")
    with pytest.raises(ValidationError):
        reopen_sheet(sheet.pk, chair.user, "  ")
    reopen_sheet(sheet.pk, chair.user, "Nhập nhầm điểm tiêu chí 2")
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT and sheet.submitted_at is None
    log = AuditEntry.objects.get(action=AuditAction.REOPEN)
    assert log.user == chair.user and log.reason == "Nhập nhầm điểm tiêu chí 2" and log.old["status"] == "submitted"
    fill_sheet(member, entry, [30, 31, 8, 8])
    reopen_sheet(sheet.pk, demo_accounts["quanly"], "Hội đồng yêu cầu")
    assert AuditEntry.objects.filter(action=AuditAction.REOPEN).count() == 2


def test_reminders_go_to_jurors_with_unfinished_sheets(home_page):
    competition = CompetitionFactory(name="Bình chọn cấp tỉnh 2026")
    entries = [EntryFactory(competition=competition) for _ in range(2)]
    done = JurorFactory(competition=competition, user=UserFactory(email="xong@example.org"))
    late = JurorFactory(competition=competition, user=UserFactory(email="cham@example.org"))
    for entry in entries:
        fill_sheet(done, entry, [30, 30, 8, 8])
    fill_sheet(late, entries[0], [30, 30, 8, 8])
    result = send_reminders.enqueue(competition.pk)
    assert result.return_value == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cham@example.org"]
    assert "1 phiếu chấm chưa nộp" in mail.outbox[0].body and "/giam-khao/" in mail.outbox[0].body


def test_demo_seed_is_idempotent(home_page, demo_accounts):
    for _ in range(4):
        ProductPageFactory()
    ctx = SeedContext(write=lambda *_: None)
    ctx.users = demo_accounts
    competitions_demo.seed(ctx)
    counts = (
        Competition.objects.count(),
        Entry.objects.count(),
        ScoreSheet.objects.count(),
        Certificate.objects.count(),
    )
    competitions_demo.seed(ctx)
    assert counts == (
        Competition.objects.count(),
        Entry.objects.count(),
        ScoreSheet.objects.count(),
        Certificate.objects.count(),
    )
    finished = Competition.objects.get(slug="cap-tinh-2024")
    assert (
        finished.status == CompetitionStatus.PUBLISHED and finished.entries.filter(certificate__isnull=False).exists()
    )
    scoring = Competition.objects.get(slug="cap-tinh-2026")
    assert scoring.status == CompetitionStatus.SCORING
    assert ScoreSheet.objects.filter(entry__competition=scoring, status="submitted").exists()
