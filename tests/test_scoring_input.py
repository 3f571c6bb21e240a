"""Scores typed as Vietnamese people type them, and one rule for a sheet's total.

The portal's live total (static/js/scoring.js, display only) and the server (scoring.py, the scoring form, the SQL
annotation) are run on the same table of cases and must agree.
"""

import json
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

from registry.competitions import scoring
from registry.competitions.jury.forms import ScoreSheetForm
from registry.competitions.models import NoConflictStatement, ScoreSheet
from registry.competitions.services.sheets import get_or_create_sheet, save_sheet
from tests.factories import EntryFactory, JurorFactory, fill_sheet

SCRIPT = Path(settings.BASE_DIR) / "static" / "js" / "scoring.js"
NODE = shutil.which("node") or shutil.which("nodejs")

# (typed text, maximum, expected value or None, expected error: None | "number" | "rule")
CASES = [
    ("32,5", "40", D("32.5"), None),
    ("32.5", "40", D("32.5"), None),
    ("40.00", "40", D("40"), None),
    ("40,0", "40.0", D("40"), None),
    ("0,5", "10", D("0.5"), None),
    ("0", "10", D("0"), None),
    (" 7 ", "10", D("7"), None),
    ("", "40", None, None),
    ("   ", "40", None, None),
    ("abc", "40", None, "number"),
    ("3,2,1", "40", None, "number"),
    ("1e3", "40", None, "number"),
    ("41", "40", None, "rule"),
    ("40,5", "40", None, "rule"),
    ("-1", "40", None, "rule"),
    ("-0,5", "40", None, "rule"),
    ("0.25", "40", None, "rule"),
    ("7.3", "10", None, "rule"),
    ("32,50", "40", D("32.5"), None),
]

# sheets of a 40/40/10/10 rubric: typed values → total (None when incomplete or any value invalid)
MAXIMA = ["40", "40", "10", "10"]
SHEETS = [
    (["30", "32,5", "8", "7"], D("77.5")),
    (["30", "32.5", "8", "7,5"], D("78")),
    (["40.00", "40", "10", "10"], D("100")),
    (["0", "0", "0", "0"], D("0")),
    (["30", "", "8", "7"], None),
    (["30", "abc", "8", "7"], None),
    (["30", "41", "8", "7"], None),
    (["30", "0.25", "8", "7"], None),
    (["", "", "", ""], None),
]


def server_parse(text, maximum):
    """(value, error) as the server sees a typed score."""
    try:
        value = scoring.parse_score(text)
    except scoring.NotANumber:
        return None, "number"
    if value is None:
        return None, None
    if not scoring.score_fits(value, D(maximum)):
        return None, "rule"
    return value, None


def run_js(expression_source):
    """Evaluate ``expression_source`` (JavaScript using ``S``, the scoring module) in node; returns parsed JSON."""
    program = (
        f"const S = require({json.dumps(str(SCRIPT))});\nprocess.stdout.write(JSON.stringify({expression_source}));"
    )
    result = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize(("text", "maximum", "value", "error"), CASES)
def test_server_reads_scores_as_typed(text, maximum, value, error):
    assert server_parse(text, maximum) == (value, error)


def test_format_number_uses_the_decimal_comma():
    assert scoring.format_number(D("32.5")) == "32,5"
    assert scoring.format_number(D("40.0")) == "40"
    assert scoring.format_number(D("100")) == "100"
    assert scoring.format_number(D("0.50")) == "0,5"
    assert scoring.format_number(None) == ""


def test_rule_message_names_step_and_range_in_vietnamese_format():
    assert scoring.rule_message(D("40.0")) == "Điểm phải là bội số của 0,5, từ 0 đến 40."
    assert scoring.rule_message(D("7.5")) == "Điểm phải là bội số của 0,5, từ 0 đến 7,5."


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_js_parser_agrees_with_the_server():
    cases = [[text, maximum] for text, maximum, _value, _error in CASES]
    js = run_js(f"{json.dumps(cases)}.map(c => S.parseScore(c[0], c[1]))")
    for (text, maximum, _value, _error), got in zip(CASES, js, strict=True):
        value, error = server_parse(text, maximum)
        expected_value = None if value is None else float(value)
        assert (got["value"], got["error"]) == (expected_value, error), text


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_js_total_agrees_with_the_server_form():
    criteria = [
        SimpleNamespace(id=i, code=str(i), name=f"Tiêu chí {i}", max_points=D(m)) for i, m in enumerate(MAXIMA, 1)
    ]
    fields = [[[text, maximum] for text, maximum in zip(values, MAXIMA, strict=True)] for values, _ in SHEETS]
    js = run_js(
        f"{json.dumps(fields)}.map(f => {{ const r = S.sheetTotal(f); return [r.total, S.formatNumber(r.total)]; }})"
    )
    for (values, expected), (js_total, js_text) in zip(SHEETS, js, strict=True):
        form = ScoreSheetForm({f"score_{c.id}": v for c, v in zip(criteria, values, strict=True)}, criteria=criteria)
        server_total = form.total() if form.is_valid() else None
        assert server_total == expected, values
        assert (None if js_total is None else D(str(js_total))) == expected, values
        assert js_text == scoring.format_number(server_total), values


@pytest.mark.django_db
def test_sql_total_agrees_with_the_python_rule(home_page):
    entry = EntryFactory()
    complete = fill_sheet(JurorFactory(competition=entry.competition), entry, [30, 32.5, 8, 7], submit=False)
    missing = fill_sheet(JurorFactory(competition=entry.competition), entry, [30, None, 8, 7], submit=False)
    zeros = fill_sheet(JurorFactory(competition=entry.competition), entry, [0, 0, 0, 0], submit=False)
    empty = ScoreSheet.objects.create(entry=entry, juror=JurorFactory(competition=entry.competition))  # no score row
    annotated = {s.pk: s.total for s in ScoreSheet.objects.with_total()}
    for sheet in (complete, missing, zeros, empty):
        assert annotated[sheet.pk] == sheet.total(), sheet
    assert annotated[complete.pk] == D("77.5") and annotated[missing.pk] is None
    assert annotated[zeros.pk] == 0 and annotated[empty.pk] is None


@pytest.fixture
def seat(home_page):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)  # confirmed before first opening the entry
    return juror, entry


def post_scores(client, juror, entry, values, action="save"):
    criteria = entry.competition.scored_criteria()
    data = {"action": action, "comment": ""}
    data.update({f"score_{c.id}": v for c, v in zip(criteria, values, strict=True)})
    client.force_login(juror.user)
    url = reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])
    return client.post(url, data), url


@pytest.mark.django_db
def test_decimal_comma_is_saved_and_shown_with_the_comma(client, seat):
    juror, entry = seat
    response, url = post_scores(client, juror, entry, ["32,5", "40.00", "0,5", "7.5"])
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(juror=juror, entry=entry)
    assert [s.value for s in sheet.scores.order_by("criterion__position")] == [D("32.5"), D("40"), D("0.5"), D("7.5")]
    page = client.get(url).content.decode()
    assert 'value="32,5"' in page and 'value="40"' in page and 'value="0,5"' in page
    assert "80,5" in page  # the total, with the decimal comma


@pytest.mark.django_db
def test_bad_scores_get_the_step_and_range_message_beside_the_field(client, seat):
    juror, entry = seat
    response, _url = post_scores(client, juror, entry, ["0.25", "41", "-1", "abc"])
    assert response.status_code == 400
    page = response.content.decode()
    # the messages shown beside the fields (data-* attributes carry the same text for the live check)
    assert page.count(">Điểm phải là bội số của 0,5, từ 0 đến 40.</p>") == 2  # 0.25 and 41 (max 40)
    assert ">Điểm phải là bội số của 0,5, từ 0 đến 10.</p>" in page  # -1 on criterion 3 (max 10)
    assert ">Hãy nhập một số, ví dụ 32,5.</p>" in page
    assert "40.0" not in page.split("<form", 1)[1].split("</form>")[0].replace('data-max="40.0"', "")
    assert " ." not in scoring.rule_message(D("40.0"))
    assert page.count('aria-invalid="true"') == 4
    assert not ScoreSheet.objects.filter(juror=juror).exists()  # nothing saved, nothing lost: values shown again
    assert 'value="0.25"' in page and 'value="abc"' in page


@pytest.mark.django_db
def test_service_refuses_off_step_values_with_the_same_message(seat):
    juror, entry = seat
    sheet = get_or_create_sheet(juror, entry)
    first = entry.competition.scored_criteria()[0]
    with pytest.raises(Exception) as caught:
        save_sheet(sheet.pk, juror.user, {first.id: (D("0.25"), "")}, "")
    assert "Điểm phải là bội số của 0,5, từ 0 đến 40." in str(caught.value)


@pytest.mark.django_db
def test_live_total_markup(client, seat):
    juror, entry = seat
    client.force_login(juror.user)
    page = client.get(reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])).content.decode()
    assert 'data-rule-message="Điểm phải là bội số của 0,5, từ 0 đến 40."' in page
    assert "data-invalid-note=" in page and "data-total-note" in page
    assert 'type="number"' not in page  # a number input drops "32,5" in the browser
