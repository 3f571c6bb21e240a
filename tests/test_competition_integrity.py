"""Issue 10, reproduced and fixed: reopening, late conflicts, the no-conflict statement, quorum and
eligibility, closing scoring with warnings, amendments after publication, the judges' login."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from registry.catalogue.models import Certificate
from registry.competitions.choices import AuditAction, CompetitionStatus, SheetStatus
from registry.competitions.models import AuditEntry, Conflict, Entry, NoConflictStatement, ScoreSheet
from registry.competitions.services import council
from registry.competitions.services.results import compute_results
from tests.factories import EntryFactory, JurorFactory, ProductPageFactory, competition_index, fill_sheet

pytestmark = pytest.mark.django_db
DECISION = datetime.date(2026, 6, 27)


@pytest.fixture
def council_of_three(demo_accounts):
    """Chair giamkhao1 and members giamkhao2, giamkhao3; ``good`` scored 80 by all three."""
    u = demo_accounts
    good = EntryFactory(product=ProductPageFactory(title="Cà phê bột Đắk Đoa"))
    competition = good.competition
    chair = JurorFactory(competition=competition, user=u["giamkhao1"], chair=True)
    a = JurorFactory(competition=competition, user=u["giamkhao2"])
    b = JurorFactory(competition=competition, user=u["giamkhao3"])
    for juror in (chair, a, b):
        fill_sheet(juror, good, [32, 32, 8, 8])
    return {"competition": competition, "good": good, "chair": chair, "a": a, "b": b, "manager": u["quanly"]}


def set_state(competition, state):
    competition.status = state
    competition.save(update_fields=["status"])


def publish_with_certificate(w):
    c, good = w["competition"], w["good"]
    council.change_status(c, CompetitionStatus.CLOSED, w["manager"])
    council.decide(good, w["manager"], True, "344/QĐ-UBND", DECISION)
    council.change_status(c, CompetitionStatus.DECIDED, w["manager"])
    council.issue_certificates(c, w["manager"])
    council.change_status(c, CompetitionStatus.PUBLISHED, w["manager"])
    good.refresh_from_db()
    return good.certificate


# --- reopening ---------------------------------------------------------------------------------------------


def test_reopening_after_publish_is_refused_and_not_offered(client, council_of_three):
    w = council_of_three
    certificate = publish_with_certificate(w)
    sheet = ScoreSheet.objects.get(juror=w["a"], entry=w["good"])
    client.force_login(w["chair"].user)
    response = client.post(
        reverse("competitions:jury-reopen", args=[w["competition"].slug, sheet.pk]), {"reason": "Sửa điểm"}
    )
    assert response.status_code == 409 and "Chỉ mở lại phiếu chấm khi cuộc bình chọn đang chấm điểm" in (
        response.content.decode()
    )
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    assert compute_results(w["competition"])["rows"][0][1].score == certificate.score
    council_page = client.get(reverse("competitions:jury-council", args=[w["competition"].slug])).content.decode()
    assert reverse("competitions:jury-reopen", args=[w["competition"].slug, sheet.pk]) not in council_page

    client.force_login(w["manager"])
    page = client.get(reverse("competitions_admin:dashboard", args=[w["competition"].pk])).content.decode()
    assert reverse("competitions_admin:reopen", args=[w["competition"].pk, sheet.pk]) not in page
    assert "disabled" in page and "Chỉ mở lại phiếu chấm khi cuộc bình chọn đang chấm điểm" in page
    response = client.post(
        reverse("competitions_admin:reopen", args=[w["competition"].pk, sheet.pk]), {"reason": "Sửa điểm"}
    )
    assert response.status_code == 409
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.SUBMITTED


def test_chair_cannot_reopen_own_sheet_but_can_reopen_others(client, council_of_three):
    w = council_of_three
    slug = w["competition"].slug
    own = ScoreSheet.objects.get(juror=w["chair"], entry=w["good"])
    other = ScoreSheet.objects.get(juror=w["a"], entry=w["good"])
    client.force_login(w["chair"].user)
    page = client.get(reverse("competitions:jury-council", args=[slug])).content.decode()
    assert "Không ai được mở lại phiếu chấm của chính mình." in page
    assert reverse("competitions:jury-reopen", args=[slug, own.pk]) not in page
    response = client.post(reverse("competitions:jury-reopen", args=[slug, own.pk]), {"reason": "Tôi muốn sửa"})
    assert response.status_code == 403 and "chính mình" in response.content.decode()
    assert ScoreSheet.objects.get(pk=own.pk).status == SheetStatus.SUBMITTED

    response = client.post(reverse("competitions:jury-reopen", args=[slug, other.pk]), {"reason": "Nhập nhầm"})
    assert response.status_code == 302
    assert ScoreSheet.objects.get(pk=other.pk).status == SheetStatus.DRAFT

    client.force_login(w["manager"])
    page = html.unescape(client.get(reverse("competitions_admin:audit", args=[w["competition"].pk])).content.decode())
    chair_name = f"{w['chair'].user.last_name} {w['chair'].user.first_name}"
    assert f"{chair_name} mở lại phiếu {w['good'].code} của {w['a'].display_name}: lý do Nhập nhầm." in page
    assert "{" not in page.split("<tbody>")[1].split("</tbody>")[0]  # sentences, not dicts


def test_admin_reopen_needs_reason_through_a_form(client, council_of_three):
    w = council_of_three
    sheet = ScoreSheet.objects.get(juror=w["a"], entry=w["good"])
    client.force_login(w["manager"])
    url = reverse("competitions_admin:reopen", args=[w["competition"].pk, sheet.pk])
    page = client.get(url).content.decode()
    assert "Mở lại phiếu chấm" in page and 'name="reason"' in page and "breadcrumb" in page
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400 and "Cần ghi lý do mở lại phiếu" in response.content.decode()
    assert client.post(url, {"reason": "Hội đồng yêu cầu"}).status_code == 302
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT


# --- conflicts -----------------------------------------------------------------------------------------------


def test_late_conflict_voids_the_sheet_and_removes_the_score(client, demo_accounts):
    u = demo_accounts
    entry = EntryFactory()
    c = entry.competition
    a = JurorFactory(competition=c, user=u["giamkhao2"])
    b = JurorFactory(competition=c, user=u["giamkhao3"])
    fill_sheet(a, entry, [40, 40, 10, 10])
    fill_sheet(b, entry, [30, 30, 8, 8])
    client.force_login(u["quanly"])
    results_url = reverse("competitions_admin:results", args=[c.pk])
    assert "2/2 phiếu" in client.get(results_url).content.decode()

    client.force_login(a.user)
    response = client.post(
        reverse("competitions:jury-conflict", args=[c.slug, entry.code]), {"reason": "Em ruột"}, follow=True
    )
    assert "bị vô hiệu" in response.content.decode()
    sheet = ScoreSheet.objects.get(juror=a, entry=entry)  # kept
    assert sheet.status == SheetStatus.VOID and sheet.voided_at is not None
    (_entry, result) = compute_results(c)["rows"][0]
    assert result.sheet_count == 1 and result.score == Decimal("76.00")
    assert AuditEntry.objects.filter(action=AuditAction.VOID, sheet=sheet).exists()

    client.force_login(u["quanly"])
    assert "1/1 phiếu" in client.get(results_url).content.decode()
    dashboard = client.get(reverse("competitions_admin:dashboard", args=[c.pk])).content.decode()
    assert "Phiếu vô hiệu do xung đột lợi ích" in dashboard and a.display_name in dashboard


def test_conflict_declared_by_manager_also_leaves_the_results(council_of_three):
    w = council_of_three
    Conflict.objects.create(juror=w["a"], entry=w["good"], reason="Khai báo qua quản lý")
    assert compute_results(w["competition"])["rows"][0][1].sheet_count == 2


def test_conflict_on_published_competition_is_refused(client, council_of_three):
    w = council_of_three
    publish_with_certificate(w)
    client.force_login(w["b"].user)
    response = client.post(
        reverse("competitions:jury-conflict", args=[w["competition"].slug, w["good"].code]), {"reason": "Muộn"}
    )
    assert response.status_code == 409 and "Chỉ khai báo xung đột lợi ích khi" in response.content.decode()
    assert not Conflict.objects.exists()
    assert ScoreSheet.objects.get(juror=w["b"], entry=w["good"]).status == SheetStatus.SUBMITTED


def test_juror_confirms_no_conflict_before_first_opening(client, council_of_three):
    w = council_of_three
    entry = EntryFactory(competition=w["competition"], product=ProductPageFactory(title="Mật ong rừng Kbang"))
    url = reverse("competitions:jury-entry", args=[w["competition"].slug, entry.code])
    client.force_login(w["a"].user)
    page = client.get(url).content.decode()
    assert "Tôi cam kết không có xung đột lợi ích" in page and "Mật ong rừng Kbang" not in page
    response = client.post(url, {"action": "save"})
    assert response.status_code == 409 and not ScoreSheet.objects.filter(juror=w["a"], entry=entry).exists()
    response = client.post(reverse("competitions:jury-no-conflict", args=[w["competition"].slug, entry.code]))
    assert response.status_code == 302 and response.url == url
    statement = NoConflictStatement.objects.get(juror=w["a"], entry=entry)
    assert statement.stated_at is not None
    opened = client.get(url).content.decode()  # the scoring form (blind judging: the code, not the title)
    assert "data-scoring" in opened and entry.code in opened and "Tôi cam kết không có" not in opened
    log = AuditEntry.objects.get(action=AuditAction.NO_CONFLICT)
    assert log.user == w["a"].user and log.entry == entry


# --- quorum and eligibility ------------------------------------------------------------------------------------


@pytest.fixture
def mixed(council_of_three):
    """good: 80 on 3 sheets; failing: 50 on 3 sheets; thin: 80 on 1 of 3 sheets; empty: no sheet."""
    w = council_of_three
    c = w["competition"]
    failing = EntryFactory(competition=c)
    thin = EntryFactory(competition=c)
    empty = EntryFactory(competition=c)
    for juror in (w["chair"], w["a"], w["b"]):
        fill_sheet(juror, failing, [20, 20, 5, 5])
    fill_sheet(w["a"], thin, [32, 32, 8, 8])
    fill_sheet(w["b"], thin, [10, None, None, None], submit=False)  # a draft outstanding
    return {**w, "failing": failing, "thin": thin, "empty": empty}


def test_closing_scoring_lists_below_quorum_and_drafts_and_asks(client, mixed):
    w = mixed
    c = w["competition"]
    client.force_login(w["manager"])
    url = reverse("competitions_admin:status", args=[c.pk])
    page = client.get(url + "?status=closed&direction=forward").content.decode()
    assert f"{w['thin'].code}: 1/3 phiếu" in page and f"{w['empty'].code}: 0/3 phiếu" in page
    assert w["b"].display_name in page  # the outstanding draft
    response = client.post(url, {"status": "closed", "direction": "forward"})
    assert response.status_code == 400 and "cần xác nhận" in response.content.decode()
    c.refresh_from_db()
    assert c.status == CompetitionStatus.SCORING
    response = client.post(url, {"status": "closed", "direction": "forward", "confirm": "on"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == CompetitionStatus.CLOSED


def test_failing_under_quorum_and_unscored_entries_cannot_be_recognized(client, mixed):
    w = mixed
    c = w["competition"]
    set_state(c, CompetitionStatus.CLOSED)
    reasons = {
        "failing": "chưa đạt điểm đạt 70",
        "thin": "chưa đủ số phiếu: 1/3 phiếu",
        "empty": "chưa có phiếu chấm nào",
    }
    for key, reason in reasons.items():
        with pytest.raises(ValidationError, match=reason):
            council.decide(w[key], w["manager"], True, "1/QĐ", DECISION)
    client.force_login(w["manager"])
    results_url = reverse("competitions_admin:results", args=[c.pk])
    page = client.get(results_url).content.decode()
    for reason in reasons.values():
        assert reason in page
    response = client.post(
        results_url,
        {"entry": w["failing"].pk, "recognized": "on", "decision_number": "1/QĐ", "decision_date": "2026-06-27"},
    )
    assert response.status_code == 400 and "chưa đạt điểm đạt" in response.content.decode()
    assert not Entry.objects.filter(recognized=True).exists()

    council.decide(w["good"], w["manager"], True, "1/QĐ", DECISION)
    # even if recognition was forced into the database, no certificate follows for an ineligible entry
    Entry.objects.filter(pk__in=[w["failing"].pk, w["thin"].pk, w["empty"].pk]).update(
        recognized=True, decision_number="1/QĐ", decision_date=DECISION
    )
    set_state(c, CompetitionStatus.DECIDED)
    issued = council.issue_certificates(c, w["manager"])
    assert [cert.product_id for cert in issued] == [w["good"].product_id]
    assert Certificate.objects.count() == 1


def test_configured_quorum_lets_an_entry_with_fewer_sheets_through(mixed):
    w = mixed
    c = w["competition"]
    c.quorum = 1
    c.save()
    set_state(c, CompetitionStatus.CLOSED)
    council.decide(w["thin"], w["manager"], True, "1/QĐ", DECISION)
    with pytest.raises(ValidationError, match="chưa có phiếu"):
        council.decide(w["empty"], w["manager"], True, "1/QĐ", DECISION)


def test_database_refuses_a_certificate_on_an_unrecognized_entry(council_of_three):
    w = council_of_three
    publish_with_certificate(w)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=w["good"].pk).update(recognized=False)


# --- amendments ----------------------------------------------------------------------------------------------


def test_amending_published_results_reissues_the_certificate(client, council_of_three):
    w = council_of_three
    c = w["competition"]
    competition_index()
    old = publish_with_certificate(w)
    assert old.score == Decimal("80.00")
    sheet = ScoreSheet.objects.get(juror=w["a"], entry=w["good"])
    criteria = list(c.rubric.top_criteria())
    client.force_login(w["manager"])
    url = reverse("competitions_admin:amend", args=[c.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"sheet": sheet.pk, "reason": "", f"score_{criteria[0].id}": "35"})
    assert response.status_code == 400 and "Cần ghi lý do sửa đổi" in response.content.decode()
    response = client.post(url, {"sheet": sheet.pk, "reason": "Cộng nhầm tiêu chí 1", f"score_{criteria[0].id}": "35"})
    assert response.status_code == 302
    amendment = c.amendments.get()
    assert amendment.version == 2 and amendment.changes[0]["old_score"] == 80  # JSON numbers (report t14, finding 5)
    assert amendment.changes[0]["new_score"] == 81
    old.refresh_from_db()
    good = Entry.objects.select_related("certificate").get(pk=w["good"].pk)
    new = good.certificate
    assert new.pk != old.pk and new.score == Decimal("81.00")
    assert old.revoked_at is not None and old.revoked_reason == f"Thay thế bởi {new.serial}"
    verify = client.get(old.get_verification_path()).content.decode()
    assert f"Thay thế bởi {new.serial}" in verify

    client.logout()
    page = client.get(c.get_results_url()).content.decode()
    assert "Kết quả đã được sửa đổi" in page and "Cộng nhầm tiêu chí 1" in page
    assert timezone.localtime(amendment.at).strftime("%d/%m/%Y") in page and new.serial in page
    assert "80,00 → 81,00" in page  # two decimals, like the results table


def test_amending_before_publication_is_refused(client, council_of_three):
    w = council_of_three
    client.force_login(w["manager"])
    response = client.get(reverse("competitions_admin:amend", args=[w["competition"].pk]))
    assert response.status_code == 409 and "Chỉ sửa đổi kết quả sau khi đã công bố" in response.content.decode()


# --- the judges' login ---------------------------------------------------------------------------------------


def test_judges_login_lands_on_the_portal(client, council_of_three):
    w = council_of_three
    login = reverse("competitions:jury-login")
    credentials = {"username": w["a"].user.username, "password": "khuyencong2026"}
    response = client.post(login, credentials)
    assert response.status_code == 302 and response.url == "/giam-khao/"
    client.logout()
    target = reverse("competitions:jury-competition", args=[w["competition"].slug])
    response = client.post(login + "?next=" + target, {**credentials, "next": target})
    assert response.url == target
    client.logout()
    response = client.post(login, {**credentials, "next": "https://evil.example/"})
    assert response.url == "/giam-khao/"


# --- addresses -----------------------------------------------------------------------------------------------


def test_production_refuses_to_start_without_site_url():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite:////tmp/x.db",
        DJANGO_SETTINGS_MODULE="config.settings.production",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SITE_URL" in result.stderr


def test_reminders_link_to_site_url_and_only_outstanding_jurors(settings, council_of_three):
    from django.core import mail

    from registry.competitions.tasks import send_reminders

    settings.SITE_URL = "https://khuyencong.gialai.gov.vn"
    w = council_of_three
    extra = EntryFactory(competition=w["competition"])
    for juror in (w["chair"], w["a"]):
        juror.user.email = f"{juror.user.username}@example.org"
        juror.user.save()
        fill_sheet(juror, extra, [30, 30, 8, 8])
    w["b"].user.email = "b@example.org"
    w["b"].user.save()
    assert send_reminders.enqueue(w["competition"].pk).return_value == 1
    (message,) = mail.outbox
    assert message.to == ["b@example.org"]
    assert f"https://khuyencong.gialai.gov.vn/giam-khao/{w['competition'].slug}/" in message.body


def test_published_settings_entries_and_conflicts_are_frozen_in_the_admin(council_of_three):
    w = council_of_three
    publish_with_certificate(w)
    c = w["competition"]
    c.pass_mark = Decimal("85")
    with pytest.raises(ValidationError, match="Sửa đổi kết quả đã công bố"):
        c.full_clean()
    c.refresh_from_db()
    c.council_name = "Hội đồng bình chọn sản phẩm tỉnh Gia Lai"  # every field is frozen once published
    with pytest.raises(ValidationError, match="Sửa đổi kết quả đã công bố"):
        c.full_clean()
    entry = Entry.objects.get(pk=w["good"].pk)
    entry.status, entry.status_reason = "withdrawn", "Rút"
    with pytest.raises(ValidationError, match="không sửa được hồ sơ"):
        entry.full_clean()
    with pytest.raises(ValidationError, match="Chỉ khai báo xung đột lợi ích"):
        Conflict(juror=w["a"], entry=w["good"], reason="Muộn").full_clean()


def test_council_and_dashboard_queries_do_not_grow_with_sheets(client, council_of_three):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = council_of_three
    c = w["competition"]
    urls = [
        (w["chair"].user, reverse("competitions:jury-council", args=[c.slug])),
        (w["manager"], reverse("competitions_admin:dashboard", args=[c.pk])),
    ]

    def counts():
        result = []
        for user, url in urls:
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    before = counts()
    for _ in range(4):
        entry = EntryFactory(competition=c)
        for juror in (w["chair"], w["a"], w["b"]):
            fill_sheet(juror, entry, [30, 30, 8, 8])
    assert counts() == before
