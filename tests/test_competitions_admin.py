"""Managers' admin screens: creating a competition, a locked rubric refusing edits, the audit log page,
the dashboard's disagreement flags, and the public listing's query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.competitions.models import Competition, Criterion
from tests.factories import CompetitionFactory, EntryFactory, JurorFactory, competition_index, fill_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, demo_accounts):
    client.force_login(demo_accounts["quanly"])
    return demo_accounts["quanly"]


def test_manager_creates_a_competition(client, manager):
    from registry.competitions.models import Rubric

    rubric = Rubric.objects.get(name="Phiếu chấm điểm sản phẩm CNNT tiêu biểu")
    data = {
        "name": "Bình chọn cấp tỉnh năm 2028",
        "slug": "cap-tinh-2028",
        "level": "provincial",
        "region": "",
        "year": "2028",
        "rubric": rubric.pk,
        "pass_mark": "70",
        "aggregation": "trimmed-mean",
        "tie_break": '["1", "2"]',
        "prize_bands": '[{"label": "Giải A", "min": 90}]',
        "blind": "on",
        "peer_visibility": "after-submission",
        "assignment_mode": "all",
        "jurors_per_entry": "3",
        "disagreement_threshold": "20",
        "outlier_threshold": "15",
        "council_name": "Hội đồng",
        "issuer": "UBND tỉnh Gia Lai",
        "certificate_valid_months": "36",
        "serial_prefix": "GL",
        "entry_code_prefix": "SP",
    }
    response = client.post(reverse("competition_records:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    competition = Competition.objects.get(slug="cap-tinh-2028")
    assert competition.status == "draft" and competition.tie_break == ["1", "2"]
    data["prize_bands"] = '[{"nhan": "A"}]'
    data["slug"] = "cap-tinh-2029"
    response = client.post(reverse("competition_records:add"), data)
    assert response.status_code == 200 and "label" in response.content.decode()


def test_locked_rubric_refuses_new_criteria_in_admin(client, manager):
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition)
    fill_sheet(juror, entry, [10, None, None, None], submit=False)
    rubric = entry.competition.rubric
    response = client.post(
        reverse("competition_criteria:add"),
        {"rubric": rubric.pk, "position": "9", "code": "9", "name": "Tiêu chí mới", "max_points": "5", "guidance": ""},
    )
    assert response.status_code == 200 and "không thể sửa tiêu chí" in response.content.decode()
    assert not Criterion.objects.filter(rubric=rubric, code="9").exists()


def test_dashboard_shows_flags_and_audit_log(client, manager):
    entry = EntryFactory()
    jurors = [JurorFactory(competition=entry.competition) for _ in range(3)]
    for juror, values in zip(jurors, [[38, 38, 9, 9], [36, 36, 9, 9], [15, 15, 5, 5]], strict=True):
        fill_sheet(juror, entry, values)
    pk = entry.competition.pk
    page = client.get(reverse("competitions_admin:dashboard", args=[pk])).content.decode()
    assert entry.code in page and str(jurors[2]) in page and 'class="num flag"' in page
    page = client.get(reverse("competitions_admin:audit", args=[pk])).content.decode()
    assert page.count("nộp phiếu " + entry.code) == 3


def test_public_listing_query_count_constant(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count real renders (the page is cached for anonymous visitors)
    index = competition_index()
    CompetitionFactory(status="published")
    client.get(index.url)
    with CaptureQueriesContext(connection) as small:
        client.get(index.url)
    for _ in range(9):
        EntryFactory(competition=CompetitionFactory(status="scoring"))
    client.get(index.url)  # the first request after a write reads the shared data again (core/shared_data.py)
    with CaptureQueriesContext(connection) as large:
        page = client.get(index.url).content.decode()
    assert page.count("Bình chọn sản phẩm CNNT") >= 10
    assert len(small) == len(large)
