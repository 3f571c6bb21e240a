"""The public list of support projects ``/de-an-khuyen-cong/``: folded search, multi-select facets with counts
computed in the database, one page of projects.

Query string (every untrusted value is dropped, never an error): ``q`` (text, folded: "ho tro may rang ca phe"
finds "Hỗ trợ máy rang cà phê"), ``year`` (2000–2100), ``content`` (programme content code), ``funding``,
``commune`` (commune code), ``status`` — each repeatable — and ``page``. A facet's counts apply every other filter
but its own (multi-select: checking a second year adds its projects). Queries: one per facet (a GROUP BY), one
count and one page of projects.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translation import show_in_language, source_pages
from news.models import ProgrammeContent
from registry.catalogue.choices import CommuneKind
from registry.catalogue.models import Commune
from search.text import clean_text, multi_values, parse_page, query_tokens, querystring_without, word_prefix_q

from .choices import FundingSource, ProjectStatus
from .models.projects import MAX_YEAR, MIN_YEAR, ProjectPage

PAGE_SIZE = 20


def _year(value):
    return value if value.isascii() and value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR else None


def _code(value):
    return value if value.isascii() and value.replace("-", "").replace("_", "").isalnum() else None


@dataclass(frozen=True)
class Facet:
    """One filter of the list: its query parameter, the field it filters, the fields read with its counts (for
    the labels and the order) and how a value is checked."""

    name: str
    label: object
    field: str
    extra: tuple = ()
    order: tuple = ()
    options: dict = field(default_factory=dict)

    def option_label(self, row):
        """The visible label of a counted value ``row`` (a dict of ``field`` and ``extra``)."""
        value = row[self.field]
        if self.name == "content":
            return gettext(row["programme_content__name"])  # the English of a shipped content name
        if self.name == "commune":
            return f"{CommuneKind(row['commune__kind']).label} {row['commune__name']}"
        if self.name == "funding":
            return str(FundingSource(value).label)
        if self.name == "status":
            return str(ProjectStatus(value).label)
        return str(value)


FACETS = [
    Facet("year", _("Năm"), "year", order=("-year",), options={"validate": _year}),
    Facet("content", _("Nội dung khuyến công"), "programme_content__code", ("programme_content__name",
          "programme_content__rank"), ("programme_content__rank",), {"validate": _code}),
    Facet("funding", _("Nguồn kinh phí"), "funding_source", order=("funding_source",),
          options={"allowed": set(FundingSource.values)}),
    Facet("commune", _("Xã/phường"), "commune__code", ("commune__name", "commune__kind", "commune__sort_key"),
          ("commune__sort_key",), {"validate": _code}),
    Facet("status", _("Tình trạng"), "status", order=("status",), options={"allowed": set(ProjectStatus.values)}),
]  # fmt: skip
QUERY_PARAMS = ("q", "page", *(facet.name for facet in FACETS))
_STATUS_ORDER = {value: rank for rank, value in enumerate(ProjectStatus.values)}
_FUNDING_ORDER = {value: rank for rank, value in enumerate(FundingSource.values)}


def public_projects():
    """Live projects in no private section, each once by its Vietnamese source."""
    return source_pages(ProjectPage.objects.live().public())


def parse_filters(querydict):
    """``{facet name: (values…)}`` of the valid values in the query string: malformed values dropped, and codes of
    contents or communes that do not exist (a forged or stale link) too — one query for each of those two facets,
    only when the query string names some."""
    filters = {facet.name: multi_values(querydict, facet.name, **facet.options) for facet in FACETS}
    for name, model in (("content", ProgrammeContent), ("commune", Commune)):
        if filters[name]:
            known = set(model.objects.filter(code__in=filters[name]).values_list("code", flat=True))
            filters[name] = tuple(value for value in filters[name] if value in known)
    return filters


def search(queryset, text):
    """``queryset`` narrowed to the projects whose folded text has every folded word of ``text`` as a word prefix
    (title, summary, decision number, beneficiaries, commune: ``ProjectPage.folded_source_texts``)."""
    tokens = query_tokens(text)
    return queryset.filter(word_prefix_q("search_folded", tokens)) if tokens else queryset


def apply_filters(queryset, filters, skip=None):
    """``queryset`` with every facet filter of ``filters`` but ``skip``'s."""
    for facet in FACETS:
        values = filters.get(facet.name)
        if facet.name != skip and values:
            queryset = queryset.filter(
                **{f"{facet.field}__in": [int(v) for v in values] if facet.name == "year" else values}
            )
    return queryset


def facet_counts(base, filters):
    """``[{"name", "label", "options": [{"value", "label", "count", "selected"}]}]``: for each facet, the number of
    projects of each value among ``base`` filtered by the other facets (one GROUP BY query per facet). A selected
    value that no project has under the other filters is still listed (count 0, labelled by its code), so it can be
    unchecked."""
    result = []
    for facet in FACETS:
        rows = (
            apply_filters(base, filters, skip=facet.name)
            .exclude(**{f"{facet.field}__isnull": True})
            .order_by()
            .values(facet.field, *facet.extra)
            .annotate(count=Count("pk", distinct=True))
            .order_by(*facet.order)
        )
        selected = {str(v) for v in filters.get(facet.name, ())}
        options = [
            {
                "value": str(row[facet.field]),
                "label": facet.option_label(row),
                "count": row["count"],
                "selected": str(row[facet.field]) in selected,
            }
            for row in rows
        ]
        if facet.name == "status":
            options.sort(key=lambda o: _STATUS_ORDER.get(o["value"], 99))
        elif facet.name == "funding":
            options.sort(key=lambda o: _FUNDING_ORDER.get(o["value"], 99))
        shown = {option["value"] for option in options}
        options += [{"value": v, "label": v, "count": 0, "selected": True} for v in sorted(selected - shown)]
        result.append({"name": facet.name, "label": facet.label, "options": options})
    return result


def project_listing(request):
    """The context of the list: ``search_query``, ``facets``, ``chips`` (active filters with their removal
    links), ``filter_count``, ``page_obj`` (one page of projects in the visitor's language) and ``total``."""
    text = clean_text(request.GET.get("q", ""))
    filters = parse_filters(request.GET)
    base = search(public_projects(), text)
    facets = facet_counts(base, filters)
    projects = (
        apply_filters(base, filters)
        .select_related("programme_content", "commune")
        .defer_streamfields()
        .order_by("-year", "-decision_date", "title", "pk")
    )
    paginator = Paginator(projects, PAGE_SIZE)
    page_obj = paginator.get_page(parse_page(request.GET))
    page_obj.object_list = show_in_language(page_obj.object_list)
    chips = [
        {
            "facet": facet["label"],
            "label": option["label"],
            "remove_query": querystring_without(request.GET, remove=(facet["name"], option["value"])),
        }
        for facet in facets
        for option in facet["options"]
        if option["selected"]
    ]
    if text:
        chips.insert(
            0, {"facet": _("Từ khóa"), "label": text, "remove_query": querystring_without(request.GET, ("q",))}
        )
    return {
        "search_query": text,
        "facets": facets,
        "chips": chips,
        "filter_count": sum(len(values) for values in filters.values()),
        "page_obj": page_obj,
        "total": paginator.count,
    }
