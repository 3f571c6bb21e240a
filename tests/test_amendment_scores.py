"""Report t14, finding 5: an amended decimal score shows on the public results page in the visitor's language
("65,00 → 51,67" in Vietnamese, "65.00 → 51.67" under /en/), never "–". Amendments store scores as JSON numbers
(machine form); the page reads the Vietnamese text stored before too, and a data migration converts it."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from registry.competitions.choices import AuditAction, CompetitionStatus
from registry.competitions.models import AuditEntry, ResultsAmendment
from registry.competitions.models.audit import read_score, stored_score
from registry.competitions.services import council
from registry.competitions.services.amendments import amend_results
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JurorFactory,
    ProductPageFactory,
    UserFactory,
    competition_index,
    fill_sheet,
)

pytestmark = pytest.mark.django_db
migration = importlib.import_module("registry.competitions.migrations.0006_amendment_scores_as_numbers")


@pytest.fixture
def published(home_page, settings):
    """A published competition of one entry scored 65 by three jurors; returns (competition, manager, sheets)."""
    settings.PAGE_CACHE_SECONDS = 0
    competition = CompetitionFactory(slug="cap-tinh-2024", pass_mark=50)
    jurors = [JurorFactory(competition=competition, chair=True), JurorFactory(competition=competition)]
    jurors.append(JurorFactory(competition=competition))
    entry = EntryFactory(competition=competition, product=ProductPageFactory(title="Tiêu đen Chư Sê"))
    sheets = [fill_sheet(juror, entry, [30, 25, 5, 5]) for juror in jurors]
    manager = UserFactory()
    council.change_status(competition, CompetitionStatus.CLOSED, manager)
    council.decide(entry, manager, True, "344/QĐ-UBND", datetime.date(2026, 6, 27))
    council.change_status(competition, CompetitionStatus.DECIDED, manager)
    council.issue_certificates(competition, manager)
    council.change_status(competition, CompetitionStatus.PUBLISHED, manager)
    competition.refresh_from_db()
    return competition, manager, sheets


def results(client, competition, prefix=""):
    # the path written out: a page's ``url`` follows the test thread's active language, left at "en" by an /en/ request
    return client.get(f"{prefix}/{competition_index().slug}/{competition.slug}/ket-qua/").content.decode()


def amend_to_decimal(competition, manager, sheet):
    """Sheet 1 from 65 to 25 points: the mean of 65, 65 and 25 is 51,666… → 51,67."""
    criteria = {c.code: c.pk for c in competition.rubric.criteria.all()}
    values = {criteria["1"]: Decimal("10"), criteria["2"]: Decimal("10"), criteria["3"]: Decimal("3")}
    values[criteria["4"]] = Decimal("2")
    return amend_results(competition, manager, "Nhập nhầm điểm phiếu 1.", sheet, values)


def test_an_amended_decimal_score_shows_in_both_languages(client, published):
    competition, manager, sheets = published
    amendment = amend_to_decimal(competition, manager, sheets[0])
    change = amendment.changes[0]
    assert change["old_score"] == 65 and change["new_score"] == 51.67  # JSON numbers, machine form
    amendment.refresh_from_db()
    assert amendment.changes[0]["new_score"] == 51.67
    entry = AuditEntry.objects.get(action=AuditAction.AMEND)
    assert entry.new["scores"] == {"1": 10, "2": 10, "3": 3, "4": 2} and entry.old["scores"]["2"] == 25

    vietnamese = results(client, competition)
    assert "65,00 → 51,67" in vietnamese and "→ –" not in vietnamese
    english = results(client, competition, "/en")
    assert "65.00 → 51.67" in english and "→ –" not in english


def test_amendments_stored_as_vietnamese_text_still_show_and_are_converted(client, published):
    competition, manager, _sheets = published
    old_form = [
        {"code": "SP-2024-001", "old_score": "65", "new_score": "51,67", "old_serial": "GL-1", "new_serial": None}
    ]
    amendment = ResultsAmendment.objects.create(
        competition=competition, version=2, user=manager, reason="Sửa trước 30/11.", changes=old_form
    )
    audit = AuditEntry.objects.create(
        competition=competition,
        user=manager,
        action=AuditAction.AMEND,
        old={"scores": {"1": "30", "2": "12,5"}},
        new={"scores": {"1": "10", "2": "12,75"}, "juror_name": "Trần Văn Hùng"},
        reason="Sửa trước 30/11.",
    )
    assert "SP-2024-001: 65,00 → 51,67" in results(client, competition)  # read tolerantly before the migration
    assert "SP-2024-001: 65.00 → 51.67" in results(client, competition, "/en")

    migration.forwards(apps, None)
    amendment.refresh_from_db()
    audit.refresh_from_db()
    assert amendment.changes == [{**old_form[0], "old_score": 65.0, "new_score": 51.67}]
    assert audit.old["scores"] == {"1": 30.0, "2": 12.5} and audit.new["scores"] == {"1": 10.0, "2": 12.75}
    assert audit.new["juror_name"] == "Trần Văn Hùng"
    assert "SP-2024-001: 65,00 → 51,67" in results(client, competition)

    migration.backwards(apps, None)
    amendment.refresh_from_db()
    assert amendment.changes[0]["old_score"] == "65" and amendment.changes[0]["new_score"] == "51,67"


@pytest.mark.parametrize(
    ("stored", "expected"),
    [(51.67, "51.67"), (65, "65"), ("51.67", "51.67"), ("51,67", "51.67"), (None, None), ("", None), ("abc", None)],
)
def test_read_score_reads_every_stored_form(stored, expected):
    assert read_score(stored) == (None if expected is None else Decimal(expected))


def test_stored_score_is_a_number_rounded_to_cents():
    assert stored_score(Decimal("51.6666667")) == 51.67 and stored_score(Decimal("65")) == 65.0
    assert stored_score(None) is None
