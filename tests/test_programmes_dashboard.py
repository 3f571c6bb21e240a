"""Issue 16, items 2 and 6: the transparency dashboard ``/de-an-khuyen-cong/tong-quan/`` on the demo projects —
its totals equal a hand sum of the demo data (``demo/projects.py``: the 12 approved, in progress or accepted
projects; the proposed one and the cancelled one left out) and the people trained in the demo's past courses
(``demo/training.py``), each chart's table carries the chart's numbers, and the page makes the same number of
queries at 1× and 3× the demo projects and trainees."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo import catalogue as demo_catalogue
from demo import projects as demo_projects
from demo import training as demo_training
from demo.context import SeedContext
from programmes.dashboard import CHART_WIDTH, VALUE_CHAR_WIDTH, Bar, Chart

pytestmark = pytest.mark.django_db

URL = "/de-an-khuyen-cong/tong-quan/"

# Hand sums of demo/projects.py (support, counterpart in VND), funded projects only.
BY_YEAR = {
    2022: (280 + 180 + 140, 420 + 20 + 210),
    2023: (150 + 320 + 80, 30 + 480 + 0),
    2024: (300 + 95, 600 + 5),  # the cancelled packaging machine (120) is left out
    2025: (210 + 160, 40 + 240),
    2026: (60 + 350, 15 + 500),  # the proposed weaving course (120) is left out
}
MILLION = 1_000_000
# Hand count of demo/training.py's past courses, everyone attended: rush mats (18 people, ended ~100 days ago) and
# macadamia (26 × scale, ~400 days ago). The three upcoming courses have not ended: nobody trained yet.
TRAINED = {"mats": 18, "macadamia": 26}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("core.page_cache.")]


@pytest.fixture
def demo(home_page):
    ctx = SeedContext(write=lambda *_: None)
    demo_catalogue.seed(ctx)
    demo_projects.seed(ctx)
    demo_training.seed(ctx)
    return ctx


def test_totals_equal_a_hand_sum_of_the_demo_projects(client, demo):
    response = client.get(URL)
    assert response.status_code == 200
    totals = response.context["totals"]
    assert totals["support"] == 2_325 * MILLION == sum(s for s, _c in BY_YEAR.values()) * MILLION
    assert totals["counterpart"] == 2_560 * MILLION == sum(c for _s, c in BY_YEAR.values()) * MILLION
    assert totals["projects"] == 12
    assert totals["jobs"] == 15 + 30 + 8 + 12 + 20 + 25 + 18
    assert totals["trainees"] == 30 + 20 + 25
    assert totals["trained"] == 18 + 26 == sum(TRAINED.values())
    assert 'data-total="trained">44<' in response.content.decode()
    today = timezone.localdate()
    years = [(today - datetime.timedelta(days=120 - 19)).year, (today - datetime.timedelta(days=400 - 1)).year]
    expected = {}
    for year, trained in zip(years, TRAINED.values(), strict=True):
        courses, people = expected.get(str(year), (0, 0))
        expected[str(year)] = (courses + 1, people + trained)
    trained_chart = response.context["training_chart"]
    assert {bar.label: (bar.projects, bar.value) for bar in trained_chart.bars} == expected
    html = response.content.decode()
    assert "2.325.000.000" in html and "2.560.000.000" in html  # Vietnamese thousands dots
    years = {bar.label: (bar.value, bar.counterpart) for bar in response.context["charts"][0].bars}
    assert years == {str(y): (s * MILLION, c * MILLION) for y, (s, c) in BY_YEAR.items()}


def test_each_chart_and_its_table_carry_the_same_numbers(client, demo):
    html = client.get(URL).content.decode()
    for key in ("year", "content", "commune", "trained"):
        block = html[html.index(f'data-chart="{key}"') :]
        block = block[: block.index("</section>")]
        svg = block[block.index("<svg") : block.index("</svg>")]
        table = block[block.index("<table") : block.index("</table>")]
        in_table = [int(v) for v in re.findall(r'data-value="(\d+)"', table)]
        in_chart = [v.replace(".", "").replace(",", ".") for v in re.findall(r'class="chart__value">([^<]+)<', svg)]
        unit = 1 if key == "trained" else MILLION
        assert [float(v) for v in in_chart] == [round(v / unit, 1) for v in in_table], key
        # every table adds up to the headline: the province-wide broadcast project (80 million, no commune) has a
        # row of its own in the commune table (a tester found the commune table 80 million short)
        expected = {"year": 2_325, "content": 2_325, "commune": 2_325}.get(key, 0) * MILLION or sum(TRAINED.values())
        assert sum(in_table) == expected
        assert 'role="img"' in svg and "<title" in svg
    assert "Toàn tỉnh hoặc nhiều xã/phường" in html
    assert "<script" not in html[html.index("<main") : html.index("</main>")]
    # each section and each scrollable table region is a landmark with a name of its own (axe landmark-unique)
    names = re.findall(r'<(?:section|div)[^>]*aria-labelledby="([^"]+)"', html)
    assert len(names) == len(set(names)) and any(name.endswith("-table") for name in names)


def test_the_dashboard_keeps_its_query_count_as_projects_grow(client, demo):
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    demo_projects.seed(SeedContext(scale=3, write=lambda *_: None))
    demo_training.seed(SeedContext(scale=3, write=lambda *_: None))
    client.get(URL)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)
    assert response.context["totals"]["projects"] == 36
    # 78 registrations for macadamia's 30 seats at 3×: 30 confirmed and attended, the rest waited (not trained)
    assert response.context["totals"]["trained"] == 18 + 30
    assert len(large) == len(small)


def test_a_bar_value_of_any_size_stays_inside_the_chart():
    # A tester's 1.100.000.376,5 đ project: its value "1.100,0" million fitted, "1.100.000,4" was cut at 390 px.
    for top in (80_000_000, 2_325_000_000, 1_100_000_376_500_000):
        bars = [Bar("Xã A", top, 1, 0, 0, 0), Bar("Xã B", top // 3, 1, 0, 0, 0)]
        chart = Chart("x", "Tiêu đề", "Xã", bars)
        for bar in chart.bars:
            assert bar.width >= 0
            assert bar.value_x + VALUE_CHAR_WIDTH * len(bar.value_text) <= CHART_WIDTH
