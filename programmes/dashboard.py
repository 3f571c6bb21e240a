"""The transparency dashboard ``/de-an-khuyen-cong/tong-quan/``: money and number of projects per year, per
programme content and per commune, with jobs and trainees, computed in the database (four aggregate queries,
whatever the number of projects, plus one for the training courses) and drawn as server-side SVG bar charts with
their data tables.

What is counted: live public projects whose money is committed or spent (approved, in progress, accepted on
completion: ``choices.FUNDED_STATUSES``); proposed and cancelled projects are left out. Amounts are VND
(``support_amount``: the public funds; ``counterpart_amount``: the beneficiaries' contribution).

Trainees come from two sources, shown side by side and never added up (a training project may fund a course, so
a sum could count the same people twice): ``trainees``, the outcome indicator entered on the projects, and
``trained``, the people marked attended in past courses (``programmes.training.stats``). ``programmes`` imports
``programmes.training``, never the other way round (``tests/test_architecture.py``).
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.numbers import format_number
from programmes.training import stats as training_stats
from registry.catalogue.choices import CommuneKind

from .choices import FUNDED_STATUSES

# SVG geometry (user units; the picture scales to its box, at most ``.chart svg { max-width }``): each bar is a row
# of ``ROW_HEIGHT`` with its label on a line of its own above the bar, so long labels fit on a phone.
CHART_WIDTH = 400
ROW_HEIGHT = 50
LABEL_Y = 14
BAR_Y = 20
BAR_HEIGHT = 20
VALUE_WIDTH = 70  # room kept right of the longest bar for its value; more when a value is longer
VALUE_CHAR_WIDTH = 8  # user units per character of a value (digits, dots and commas at the chart's font size)
LABEL_CHARS = 52
MILLION = 1_000_000


def _sums():
    return {
        "support": Coalesce(Sum("support_amount"), 0),
        "counterpart": Coalesce(Sum("counterpart_amount"), 0),
        "projects": Count("pk"),
        "jobs": Coalesce(Sum("jobs"), 0),
        "trainees": Coalesce(Sum("trainees"), 0),
    }


@dataclass
class Bar:
    """One bar: its label, value (VND), the projects it adds up and its geometry in the SVG."""

    label: str
    value: int
    projects: int
    jobs: int
    trainees: int
    counterpart: int
    y: int = 0
    width: float = 0
    value_x: float = 0
    short_label: str = ""

    @property
    def value_text(self):
        """The amount in millions of đồng as the chart writes it (1.234,5 triệu)."""
        return format_number(round(self.value / MILLION, 1))


@dataclass
class Chart:
    """A horizontal bar chart of support amounts: ``bars``, the SVG ``height``, its title and the heading of the
    first column of its table."""

    key: str
    title: object
    category: object
    bars: list
    height: int = 0
    width: int = CHART_WIDTH

    def __post_init__(self):
        top = max((bar.value for bar in self.bars), default=0)
        longest = max((len(bar.value_text) for bar in self.bars), default=0)
        room = CHART_WIDTH - max(VALUE_WIDTH, VALUE_CHAR_WIDTH * longest + 8)
        for position, bar in enumerate(self.bars):
            bar.y = position * ROW_HEIGHT
            bar.width = round(room * bar.value / top, 1) if top else 0
            bar.value_x = round(bar.width + 6, 1)
            bar.short_label = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…"
        self.height = max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)


@dataclass
class CountBar(Bar):
    """A bar of people (the training chart): its value is written as a whole number, not in millions."""

    @property
    def value_text(self):
        return format_number(self.value)


def _training_chart():
    """People trained per year in past courses (one query, ``training.stats.trained_per_year``): a chart whose
    bars count people, and the grand total. ``Bar.projects`` holds the number of courses."""
    rows = training_stats.trained_per_year()
    bars = [CountBar(str(row["year"]), row["trained"], row["courses"], 0, row["trained"], 0) for row in rows]
    chart = Chart("trained", _("Số người được đào tạo qua các khóa học theo năm"), _("Năm"), bars)
    return chart, sum(row["trained"] for row in rows)


def _commune_label(row, kinds):
    if row["commune__code"] is None:
        return gettext("Toàn tỉnh hoặc nhiều xã/phường")
    return f"{kinds.get(row['commune__kind'], '')} {row['commune__name']}"


def _bar(label, row):
    return Bar(str(label), row["support"], row["projects"], row["jobs"], row["trainees"], row["counterpart"])


def dashboard(projects):
    """``{"totals": {...}, "charts": [Chart by year, by content, by commune], "training_chart": Chart}`` of
    ``projects`` (live public projects): the funded ones added up in four GROUP BY queries, and the people trained
    in past courses in one more. ``totals``: support, counterpart, projects, jobs, trainees (the projects'
    indicator), trained (attended a course that has ended) — ints."""
    funded = projects.filter(status__in=FUNDED_STATUSES).order_by()
    totals = funded.aggregate(**_sums())
    by_year = funded.values("year").annotate(**_sums()).order_by("year")
    by_content = (
        funded.values("programme_content__code", "programme_content__name", "programme_content__rank")
        .annotate(**_sums())
        .order_by("programme_content__rank", "programme_content__code")
    )
    by_commune = (  # projects with no commune (province-wide, several communes) make a row of their own
        funded.values("commune__code", "commune__name", "commune__kind", "commune__sort_key")
        .annotate(**_sums())
        .order_by("-support", "commune__sort_key")
    )
    kinds = dict(CommuneKind.choices)
    charts = [
        Chart("year", _("Kinh phí hỗ trợ theo năm"), _("Năm"), [_bar(row["year"], row) for row in by_year]),
        Chart(
            "content",
            _("Kinh phí hỗ trợ theo nội dung khuyến công"),
            _("Nội dung"),
            [_bar(gettext(row["programme_content__name"]), row) for row in by_content],
        ),
        Chart(
            "commune",
            _("Kinh phí hỗ trợ theo xã/phường"),
            _("Xã/phường"),
            [_bar(_commune_label(row, kinds), row) for row in by_commune],
        ),
    ]
    training_chart, totals["trained"] = _training_chart()
    return {"totals": totals, "charts": charts, "training_chart": training_chart}
