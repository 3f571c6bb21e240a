"""The competition lifecycle: every action of ``lifecycle.Action`` tried in every state through the screens a
juror, the chair or a manager uses. Allowed → it works; refused → 409 with the Vietnamese reason and nothing
changed in the database (never a 500)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from registry.catalogue.models import Certificate
from registry.competitions import lifecycle
from registry.competitions.choices import CompetitionStatus, SheetStatus
from registry.competitions.lifecycle import Action
from registry.competitions.models import (
    AuditEntry,
    Conflict,
    NoConflictStatement,
    ResultsAmendment,
    ScoreSheet,
)
from registry.competitions.tasks import send_reminders
from tests.factories import EntryFactory, JurorFactory, fill_sheet

pytestmark = pytest.mark.django_db
DECISION = datetime.date(2026, 6, 27)


@pytest.fixture
def world(demo_accounts):
    """A competition with a chair and two members: entry 1 scored by all three (80 points each), entry 2
    unscored; member A has confirmed "no conflict" on entry 2, member B has not."""
    u = demo_accounts
    entry1 = EntryFactory()
    competition = entry1.competition
    entry2 = EntryFactory(competition=competition)
    chair = JurorFactory(competition=competition, user=u["giamkhao1"], chair=True)
    a = JurorFactory(competition=competition, user=u["giamkhao2"])
    b = JurorFactory(competition=competition, user=u["giamkhao3"])
    for juror in (chair, a, b):
        juror.user.email = f"{juror.user.username}@example.org"
        juror.user.save()
        fill_sheet(juror, entry1, [32, 32, 8, 8])
    NoConflictStatement.objects.create(juror=a, entry=entry2)
    return {
        "competition": competition,
        "entry1": entry1,
        "entry2": entry2,
        "chair": chair,
        "a": a,
        "b": b,
        "manager": u["quanly"],
    }


def set_state(competition, state):
    competition.status = state
    competition.save(update_fields=["status"])


def snapshot(w):
    """Everything an action could change."""
    c = w["competition"]
    c.refresh_from_db()
    return {
        "status": c.status,
        "sheets": sorted(ScoreSheet.objects.filter(entry__competition=c).values_list("id", "status")),
        "scores": sorted(
            ScoreSheet.objects.filter(entry__competition=c).values_list("id", "scores__criterion_id", "scores__value")
        ),
        "conflicts": Conflict.objects.count(),
        "statements": NoConflictStatement.objects.count(),
        "entries": sorted(c.entries.values_list("id", "recognized", "decision_number", "certificate_id")),
        "certificates": sorted(Certificate.objects.values_list("id", "revoked_at")),
        "amendments": ResultsAmendment.objects.count(),
        "audit": AuditEntry.objects.count(),
        "mail": len(mail.outbox),
        "jurors": sorted(c.jurors.values_list("id", flat=True)),
    }


def form_values(entry, values, action):
    data = {"action": action, "comment": "", "confirm": "on"}
    for c, v in zip(entry.competition.rubric.top_criteria(), values, strict=True):
        data[f"score_{c.id}"] = v
    return data


def perform(client, w, action):
    """Try ``action`` the way a person would; returns (response, check that the action took effect)."""
    c, e1, e2 = w["competition"], w["entry1"], w["entry2"]
    slug = c.slug
    jury = "competitions:"
    admin = "competitions_admin:"
    state = CompetitionStatus(c.status)
    if action in lifecycle.FORWARD or action == Action.MOVE_BACK:
        client.force_login(w["manager"])
        if action == Action.MOVE_BACK:
            order = list(CompetitionStatus)
            target = lifecycle.BACK.get(state) or order[max(order.index(state) - 1, 0)]
        else:
            target = lifecycle.FORWARD[action]
        direction = "back" if action == Action.MOVE_BACK else "forward"
        data = {"status": target.value, "reason": "Hội đồng yêu cầu", "confirm": "on", "direction": direction}
        response = client.post(reverse(admin + "status", args=[c.pk]), data)
        return response, lambda: c.__class__.objects.get(pk=c.pk).status == target
    if action in (Action.EDIT_SHEET, Action.SUBMIT_SHEET):
        client.force_login(w["a"].user)
        kind = "submit" if action == Action.SUBMIT_SHEET else "save"
        response = client.post(
            reverse(jury + "jury-entry", args=[slug, e2.code]), form_values(e2, ["30", "30", "8", "8"], kind)
        )
        expected = SheetStatus.SUBMITTED if kind == "submit" else SheetStatus.DRAFT
        return response, lambda: ScoreSheet.objects.filter(juror=w["a"], entry=e2, status=expected).exists()
    if action == Action.REOPEN_SHEET:
        client.force_login(w["chair"].user)
        sheet = ScoreSheet.objects.get(juror=w["a"], entry=e1)
        response = client.post(reverse(jury + "jury-reopen", args=[slug, sheet.pk]), {"reason": "Nhập nhầm"})
        return response, lambda: ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT
    if action == Action.CONFIRM_NO_CONFLICT:
        client.force_login(w["b"].user)
        response = client.post(reverse(jury + "jury-no-conflict", args=[slug, e2.code]))
        return response, lambda: NoConflictStatement.objects.filter(juror=w["b"], entry=e2).exists()
    if action == Action.DECLARE_CONFLICT:
        client.force_login(w["b"].user)
        response = client.post(reverse(jury + "jury-conflict", args=[slug, e2.code]), {"reason": "Em ruột"})
        return response, lambda: Conflict.objects.filter(juror=w["b"], entry=e2).exists()
    if action == Action.SEND_REMINDERS:
        client.force_login(w["manager"])
        response = client.post(reverse(admin + "remind", args=[c.pk]))
        return response, lambda: len(mail.outbox) == 3  # everyone still has entry 2 to score
    if action == Action.DECIDE:
        client.force_login(w["manager"])
        data = {"entry": e1.pk, "recognized": "on", "decision_number": "7/QĐ-UBND", "decision_date": "2026-06-27"}
        response = client.post(reverse(admin + "results", args=[c.pk]), data)
        return response, lambda: c.entries.get(pk=e1.pk).decision_number == "7/QĐ-UBND"
    if action == Action.ISSUE_CERTIFICATES:
        client.force_login(w["manager"])
        response = client.post(reverse(admin + "issue", args=[c.pk]))
        return response, lambda: c.entries.get(pk=e1.pk).certificate_id is not None
    if action == Action.AMEND:
        client.force_login(w["manager"])
        sheet = ScoreSheet.objects.get(juror=w["a"], entry=e1)
        criterion = c.rubric.top_criteria()[0]
        data = {"sheet": sheet.pk, "reason": "Cộng nhầm", f"score_{criterion.id}": "30,5"}
        response = client.post(reverse(admin + "amend", args=[c.pk]), data)
        return response, lambda: ResultsAmendment.objects.filter(competition=c).exists()
    if action == Action.DELETE_RECORDS:
        client.force_login(w["manager"])
        juror = w["b"]
        response = client.post(reverse("competition_jurors:delete", args=[juror.pk]))
        return response, lambda: not juror.__class__.objects.filter(pk=juror.pk).exists()
    raise AssertionError(f"no way to perform {action}")


@pytest.mark.parametrize("state", list(CompetitionStatus))
def test_every_action_in_every_state(client, world, state):
    """The state × action matrix."""
    c = world["competition"]
    # a recognized entry without certificate, so that issuing has something to do
    entry1 = world["entry1"]
    entry1.recognized, entry1.decision_number, entry1.decision_date = True, "1/QĐ-UBND", DECISION
    entry1.save()
    set_state(c, state)
    failures = []
    for action in Action:
        savepoint = transaction.savepoint()
        mail.outbox = []
        before = snapshot(world)
        response, took_effect = perform(client, world, action)
        allowed = lifecycle.allowed(c, action)
        if allowed:
            if response.status_code not in (200, 302) or not took_effect():
                failures.append(f"{state} {action}: allowed but {response.status_code}, not done")
        else:
            if response.status_code != 409:
                failures.append(f"{state} {action}: refused but {response.status_code}")
            elif str(lifecycle.refusal(c, action)) not in response.content.decode():
                failures.append(f"{state} {action}: 409 without the reason")
            if snapshot(world) != before:
                failures.append(f"{state} {action}: refused but the database changed")
        transaction.savepoint_rollback(savepoint)
        c.refresh_from_db()
    assert not failures, "\n".join(failures)


def test_matrix_table_is_complete():
    """Every state has an entry in the table and every forward action leads to the next state."""
    assert set(lifecycle.ALLOWED) == set(CompetitionStatus)
    order = list(CompetitionStatus)
    for action, target in lifecycle.FORWARD.items():
        sources = [s for s in order if action in lifecycle.ALLOWED[s]]
        assert sources == [order[order.index(target) - 1]]
    assert CompetitionStatus.PUBLISHED not in lifecycle.BACK and CompetitionStatus.ARCHIVED not in lifecycle.BACK


def test_task_and_service_ask_the_lifecycle(world):
    """Reminders are not sent for a published competition; services refuse outside their states."""
    c = world["competition"]
    set_state(c, CompetitionStatus.PUBLISHED)
    assert send_reminders.enqueue(c.pk).return_value == 0 and mail.outbox == []
    set_state(c, CompetitionStatus.SCORING)
    assert send_reminders.enqueue(c.pk).return_value == 3


def test_moving_back_needs_a_reason_and_is_audited(client, world):
    c = world["competition"]
    client.force_login(world["manager"])
    url = reverse("competitions_admin:status", args=[c.pk])
    response = client.post(url, {"status": "entries-open", "reason": ""})
    assert response.status_code == 400 and "Cần ghi lý do khi lùi trạng thái" in response.content.decode()
    c.refresh_from_db()
    assert c.status == CompetitionStatus.SCORING
    response = client.post(url, {"status": "entries-open", "reason": "Bổ sung hồ sơ"})
    assert response.status_code == 302
    log = AuditEntry.objects.filter(competition=c).first()
    assert log.reason == "Bổ sung hồ sơ" and log.old == {"status": "scoring"}
    page = client.get(reverse("competitions_admin:audit", args=[c.pk])).content.decode()
    assert "chuyển trạng thái từ “Đang chấm điểm” sang “Đang nhận hồ sơ”: lý do Bổ sung hồ sơ." in page
    response = client.post(url, {"status": "published", "reason": "x"})
    assert response.status_code == 409 and "Không thể chuyển" in response.content.decode()


def test_amendment_form_accepts_decimal_comma(world):
    from registry.competitions.admin_forms import AmendForm

    c = world["competition"]
    criteria = list(c.rubric.top_criteria())
    sheet = ScoreSheet.objects.filter(entry=world["entry1"]).first()
    form = AmendForm(
        {"sheet": sheet.pk, "reason": "x", f"score_{criteria[0].id}": "30,5", f"score_{criteria[1].id}": "0.25"},
        competition=c,
        criteria=criteria,
    )
    assert not form.is_valid() and "bước 0,5" in str(form.errors)
    form = AmendForm(
        {"sheet": sheet.pk, "reason": "x", f"score_{criteria[0].id}": "30,5"}, competition=c, criteria=criteria
    )
    assert form.is_valid() and form.values() == {criteria[0].id: Decimal("30.5")}


def test_new_users_see_the_refusal_not_a_500(client, world):
    """A juror without a seat gets 404 and an anonymous visitor the login page, in every state."""
    other = JurorFactory().user  # a juror of another competition: no seat on this one
    for state in CompetitionStatus:
        set_state(world["competition"], state)
        client.force_login(other)
        url = reverse("competitions:jury-no-conflict", args=[world["competition"].slug, world["entry2"].code])
        assert client.post(url).status_code == 404
