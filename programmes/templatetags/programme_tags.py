"""``{% support_received producer=… %}`` / ``{% support_received village=… %}``: the section "Hỗ trợ khuyến công đã
nhận" of a producer's profile and a craft village's page (one include each, ``templates/programmes/includes/
support_received.html``). Lists the live public projects whose money is committed or spent (approved, in
progress, accepted) that name the producer or the village among their beneficiaries (the ten newest, with the
count and amount of them all): three queries once per page-cache generation (``core.shared_data.shared_value``, the same for every visitor: a publish of a project, producer or village
starts a new generation), none on the next requests; nothing is shown when there is none."""

from urllib.parse import urlencode

from django import template
from django.db.models import Count, Q, Sum

from core.shared_data import shared_value
from core.translation import default_locale_id

from ..choices import FUNDED_STATUSES
from ..listing import public_projects
from ..models import ProjectIndexPage

register = template.Library()


@register.inclusion_tag("programmes/includes/support_received.html", takes_context=True)
def support_received(context, producer=None, village=None):
    """The context of the section (``funded_projects``): ``projects`` (the newest, with content and commune;
    ``beneficiary_count``: its published producers and villages, so a shared project says it is shared and never
    reads as if this beneficiary received all of it), ``count`` and ``total`` (VND, the amounts of all its
    projects, labelled as such) and ``more_url`` (the others, when some are not listed). Read from the
    shared store (``support-received-v2:producer:<pk>`` or ``…:village:<pk>``) when it holds them."""
    if producer is not None:
        name = f"support-received-v2:producer:{producer.pk}"
    elif village is not None:
        name = f"support-received-v2:village:{village.pk}"
    else:
        return {"projects": []}
    return shared_value(name, lambda: funded_projects(producer, village), context.get("request"))


SHOWN = 10
"""Most projects the section lists (the newest): the total and the amount count them all."""


def funded_projects(producer=None, village=None):
    """``{"projects", "count", "total", "more_url"}`` of ``support_received`` for ``producer`` or ``village``, from
    the database: the ``SHOWN`` newest projects, the number and the summed amount (VND) of them all, and when there
    are more, the project list searched by the beneficiary's name (``/de-an-khuyen-cong/?q=…``, in the active
    language) — the section stays the same size however many projects a beneficiary received. Three queries."""
    funded = public_projects().filter(status__in=FUNDED_STATUSES)
    if producer is not None:
        mine, name = funded.filter(producers=producer), producer.name
    elif village is not None:
        mine, name = funded.filter(villages=village), village.title
    else:
        return {"projects": []}
    # annotated before the beneficiary filter: a filter first would make the counts reuse its join (always 1)
    projects = list(
        funded.annotate(
            beneficiary_count=Count("producers", filter=Q(producers__live=True), distinct=True)
            + Count("villages", filter=Q(villages__live=True), distinct=True)
        )
        .filter(pk__in=mine.values("pk"))
        .select_related("programme_content", "commune")
        .defer_streamfields()
        .order_by("-year", "title", "pk")[:SHOWN]
    )
    if not projects:
        return {"projects": []}
    totals = mine.aggregate(count=Count("pk"), total=Sum("support_amount"))
    more_url = ""
    if totals["count"] > len(projects):
        index = ProjectIndexPage.objects.live().filter(locale_id=default_locale_id()).first()
        if index is not None:
            more_url = f"{(index.localized or index).url}?{urlencode({'q': name})}"
    return {"projects": projects, "count": totals["count"], "total": totals["total"] or 0, "more_url": more_url}
