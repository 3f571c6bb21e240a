"""seed_demo for competitions (demo/competitions.py): every seeded sheet comes with its juror's "no conflict"
statement (the portal requires one before a juror sees an entry), and the official documents have what they
print: meeting time and place, secretary, signer's position and name."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Exists, OuterRef

from registry.competitions.models import Competition, NoConflictStatement, ScoreSheet

pytestmark = pytest.mark.django_db


def test_seeded_sheets_have_statements_and_documents_are_complete(home_page):
    call_command("seed_demo", stdout=io.StringIO())
    sheets = ScoreSheet.objects.all()
    assert sheets.exists()
    stated = NoConflictStatement.objects.filter(juror_id=OuterRef("juror_id"), entry_id=OuterRef("entry_id"))
    assert not sheets.exclude(Exists(stated)).exists()
    finished = Competition.objects.get(slug="cap-tinh-2024")
    assert finished.meeting_at and finished.meeting_place and finished.secretary_name
    assert finished.signer_name and finished.signer_position
