"""Once the council has decided, nothing of a competition can be deleted (issue 10, tester's pass): not the
competition, its entries, jurors, sheets, scores or conflicts, from the admin or from code; the admin hides the
delete button and answers 409 with the reason; the published results and the certificate stay as they were."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from registry.catalogue.models import Certificate
from registry.competitions.choices import CompetitionStatus
from registry.competitions.documents import xlsx as xlsx_docs
from registry.competitions.lifecycle import ActionNotAllowed
from registry.competitions.models import Competition, Conflict, Entry, Juror, Score, ScoreSheet
from registry.competitions.services import council
from registry.competitions.services.results import compute_results
from registry.competitions.services.sheets import reopen_sheet
from tests.factories import EntryFactory, fill_sheet
from tests.test_competition_integrity import DECISION, council_of_three, publish_with_certificate, set_state

pytestmark = pytest.mark.django_db
__all__ = ["council_of_three"]  # the fixture, imported for use here


def _ranking(competition):
    return [(e.pk, r.score) for e, r in compute_results(competition)["rows"]]


@pytest.mark.parametrize("route", ["competition_records", "competition_entries", "competition_jurors"])
def test_admin_cannot_delete_records_of_a_published_competition(client, council_of_three, route):
    w = council_of_three
    certificate = publish_with_certificate(w)
    c = w["competition"]
    target = {"competition_records": c, "competition_entries": w["good"], "competition_jurors": w["a"]}[route]
    before = _ranking(c)
    client.force_login(w["manager"])
    edit = client.get(reverse(f"{route}:edit", args=[target.pk]))
    assert reverse(f"{route}:delete", args=[target.pk]) not in edit.content.decode()  # no delete button
    listing = client.get(reverse(f"{route}:index"))
    assert reverse(f"{route}:delete", args=[target.pk]) not in listing.content.decode()
    for method in (client.get, client.post):
        response = method(reverse(f"{route}:delete", args=[target.pk]))
        assert response.status_code == 409
        assert "không xóa được" in response.content.decode()
    assert type(target).objects.filter(pk=target.pk).exists()
    assert _ranking(Competition.objects.get(pk=c.pk)) == before
    assert Certificate.objects.filter(pk=certificate.pk).exists()


@pytest.mark.parametrize("state", [CompetitionStatus.DECIDED, CompetitionStatus.PUBLISHED, CompetitionStatus.ARCHIVED])
def test_nothing_of_a_decided_competition_can_be_deleted_from_code(council_of_three, state):
    w = council_of_three
    c = w["competition"]
    Conflict.objects.create(juror=w["a"], entry=w["good"], reason="x")  # declared while scoring
    set_state(c, state)
    sheet = ScoreSheet.objects.filter(entry=w["good"]).first()
    for obj in (c, w["good"], w["a"], sheet, sheet.scores.first(), Conflict.objects.first()):
        with pytest.raises(ActionNotAllowed), transaction.atomic():
            obj.delete()
    with pytest.raises(ActionNotAllowed), transaction.atomic():
        Juror.objects.filter(competition=c).delete()
    assert Entry.objects.filter(pk=w["good"].pk).exists() and Score.objects.filter(sheet=sheet).count() == 4


def test_records_can_be_deleted_before_the_decision(client, council_of_three):
    w = council_of_three
    set_state(w["competition"], CompetitionStatus.CLOSED)
    client.force_login(w["manager"])
    response = client.post(reverse("competition_jurors:delete", args=[w["b"].pk]))
    assert response.status_code == 302 and not Juror.objects.filter(pk=w["b"].pk).exists()
    w["competition"].delete()
    assert not Competition.objects.filter(pk=w["competition"].pk).exists()


def test_an_issued_certificate_cannot_be_deleted(council_of_three):
    certificate = publish_with_certificate(council_of_three)
    with pytest.raises(ActionNotAllowed), transaction.atomic():
        certificate.delete()


# --- moving back undoes decisions; publishing checks them ------------------------------------------------------


def test_moving_back_to_scoring_undoes_decisions_so_a_failing_entry_is_not_certified(council_of_three):
    w = council_of_three
    c, good, manager = w["competition"], w["good"], w["manager"]
    council.change_status(c, CompetitionStatus.CLOSED, manager)
    council.decide(good, manager, True, "344/QĐ-UBND", DECISION)
    council.change_status(c, CompetitionStatus.DECIDED, manager)
    council.change_status(c, CompetitionStatus.CLOSED, manager, reason="Chấm lại")
    assert Entry.objects.get(pk=good.pk).recognized  # scores cannot change while closed: decision kept
    council.change_status(c, CompetitionStatus.SCORING, manager, reason="Chấm lại")
    entry = Entry.objects.get(pk=good.pk)
    assert not entry.recognized and entry.decision_number == ""
    for juror in (w["chair"], w["a"], w["b"]):
        sheet = ScoreSheet.objects.get(juror=juror, entry=good)
        reopen_sheet(sheet.pk, manager, "Chấm lại")
        fill_sheet(juror, good, [10, 10, 8, 8])  # 36 points
    council.change_status(c, CompetitionStatus.CLOSED, manager, confirm=True)
    with pytest.raises(ValidationError):
        council.decide(good, manager, True, "345/QĐ-UBND", DECISION)
    council.change_status(c, CompetitionStatus.DECIDED, manager)
    assert council.issue_certificates(c, manager) == []
    council.change_status(c, CompetitionStatus.PUBLISHED, manager)
    assert Entry.objects.get(pk=good.pk).certificate_id is None


def test_moving_back_is_refused_once_certificates_are_issued(client, council_of_three):
    w = council_of_three
    c, good, manager = w["competition"], w["good"], w["manager"]
    council.change_status(c, CompetitionStatus.CLOSED, manager)
    council.decide(good, manager, True, "344/QĐ-UBND", DECISION)
    council.change_status(c, CompetitionStatus.DECIDED, manager)
    council.issue_certificates(c, manager)
    client.force_login(manager)
    data = {"status": "closed", "reason": "Chấm lại", "direction": "back"}
    response = client.post(reverse("competitions_admin:status", args=[c.pk]), data)
    assert response.status_code == 409 and "Đã cấp giấy chứng nhận" in response.content.decode()
    assert Competition.objects.get(pk=c.pk).status == CompetitionStatus.DECIDED


def test_publishing_refuses_decisions_that_no_longer_hold(council_of_three):
    w = council_of_three
    c, good, manager = w["competition"], w["good"], w["manager"]
    council.change_status(c, CompetitionStatus.CLOSED, manager)
    council.decide(good, manager, True, "344/QĐ-UBND", DECISION)
    council.change_status(c, CompetitionStatus.DECIDED, manager)
    certificate = council.issue_certificates(c, manager)[0]
    Certificate.objects.filter(pk=certificate.pk).update(score=Decimal("81.67"))  # stale certificate
    with pytest.raises(ActionNotAllowed, match="giấy chứng nhận ghi 81,67 điểm, kết quả là 80 điểm"):
        council.change_status(c, CompetitionStatus.PUBLISHED, manager)
    Certificate.objects.filter(pk=certificate.pk).update(score=Decimal("80"))
    Score.objects.filter(sheet__entry=good).update(value=1)  # results changed behind the council's back
    with pytest.raises(ActionNotAllowed, match="chưa đạt điểm đạt"):
        council.change_status(c, CompetitionStatus.PUBLISHED, manager)
    assert Competition.objects.get(pk=c.pk).status == CompetitionStatus.DECIDED


# --- published competitions and their entries are frozen; certificates print what was issued ------------------


@pytest.mark.parametrize(
    "field,value",
    [("name", "Tên mới"), ("slug", "ten-moi"), ("year", 2030), ("signer_name", "Lê Văn Bình"),
     ("certificate_valid_months", 12), ("council_name", "Hội đồng khác")],
)  # fmt: skip
def test_no_field_of_a_published_competition_changes_in_the_admin(client, council_of_three, field, value):
    w = council_of_three
    publish_with_certificate(w)
    c = Competition.objects.get(pk=w["competition"].pk)
    client.force_login(w["manager"])
    url = reverse("competition_records:edit", args=[c.pk])
    page = client.get(url)
    assert "mọi thông tin của cuộc bình chọn và hồ sơ đã khóa" in page.content.decode()  # said up front
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    for name in ("tie_break", "prize_bands"):
        data[name] = json.dumps(getattr(c, name))
    data[field] = value
    response = client.post(url, data)
    assert response.status_code == 200 and "Sửa đổi kết quả đã công bố" in response.content.decode()
    assert getattr(Competition.objects.get(pk=c.pk), field) == getattr(c, field)


@pytest.mark.parametrize("field,value", [("jury_title", "Tên mới"), ("description", "Thuyết minh mới")])
def test_no_field_of_a_published_entry_changes_and_moving_an_entry_is_refused(client, council_of_three, field, value):
    w = council_of_three
    publish_with_certificate(w)
    entry = Entry.objects.get(pk=w["good"].pk)
    client.force_login(w["manager"])
    url = reverse("competition_entries:edit", args=[entry.pk])
    data = {
        "competition": entry.competition_id, "product": entry.product_id, "status": entry.status,
        "status_reason": "", "jury_title": entry.jury_title, "description": entry.description,
        "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0", "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post(url, {**data, field: value})
    assert response.status_code == 200 and "không sửa được hồ sơ" in response.content.decode()
    assert getattr(Entry.objects.get(pk=entry.pk), field) == getattr(entry, field)
    # moving an entry to another competition: a message, never a 500 (IntegrityError on its number)
    other = EntryFactory()
    response = client.post(url, {**data, "competition": other.competition_id})
    assert response.status_code == 200 and "cuộc bình chọn khác" in response.content.decode()
    assert Entry.objects.get(pk=entry.pk).competition_id == entry.competition_id


def test_certificate_fields_freeze_once_issued_and_issuing_needs_the_signer(client, council_of_three):
    w = council_of_three
    c, good, manager = w["competition"], w["good"], w["manager"]
    council.change_status(c, CompetitionStatus.CLOSED, manager)
    council.decide(good, manager, True, "344/QĐ-UBND", DECISION)
    council.change_status(c, CompetitionStatus.DECIDED, manager)
    Competition.objects.filter(pk=c.pk).update(signer_name="")
    client.force_login(manager)
    page = client.get(reverse("competitions_admin:results", args=[c.pk])).content.decode()
    assert "người ký giấy chứng nhận" in page and "disabled" in page
    response = client.post(reverse("competitions_admin:issue", args=[c.pk]))
    assert response.status_code == 409 and not Entry.objects.get(pk=good.pk).certificate_id
    Competition.objects.filter(pk=c.pk).update(signer_name="Nguyễn Văn An")
    council.issue_certificates(c, manager)
    c = Competition.objects.get(pk=c.pk)
    c.signer_name = "Lê Văn Bình"
    with pytest.raises(ValidationError, match="Đã cấp giấy chứng nhận"):
        c.full_clean()
    c.refresh_from_db()
    c.meeting_place = "Hội trường tầng 2"  # not printed on the certificate: still editable before publication
    c.full_clean()


def test_result_label_in_minutes_and_xlsx_follows_what_the_council_may_decide(council_of_three):
    """Tester's pass: an entry below quorum was labelled "Đạt" although the council could not recognize it."""
    w = council_of_three
    c = w["competition"]
    short = EntryFactory(competition=c)
    fill_sheet(w["a"], short, [32, 32, 8, 8])  # 80 points on 1 sheet of 3
    failing = EntryFactory(competition=c)
    for juror in (w["chair"], w["a"], w["b"]):
        fill_sheet(juror, failing, [10, 10, 5, 5])
    workbook = load_workbook(io.BytesIO(xlsx_docs.results_xlsx(c)))
    labels = {row[1]: row[6] for row in workbook.active.iter_rows(min_row=3, values_only=True)}
    assert labels == {w["good"].code: "Đạt", short.code: "Chưa đủ phiếu", failing.code: "Không đạt"}
