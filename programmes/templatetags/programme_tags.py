"""``{% support_received producer=… %}`` / ``{% support_received village=… %}``: the section "Hỗ trợ khuyến công đã
nhận" of a producer's profile and a craft village's page (one include each, ``templates/programmes/includes/
support_received.html``). Lists the live public projects whose money is committed or spent (approved, in
progress, accepted) that name the producer or the village among their beneficiaries: one query once per page-cache
generation (``core.shared_data.shared_value``, the same for every visitor: a publish of a project, producer or village
starts a new generation), none on the next requests; nothing is shown when there is none."""

from django import template
from django.db.models import Count, Q

from core.shared_data import shared_value

from ..choices import FUNDED_STATUSES
from ..listing import public_projects

register = template.Library()


@register.inclusion_tag("programmes/includes/support_received.html", takes_context=True)
def support_received(context, producer=None, village=None):
    """The context of the section: ``projects`` (newest first, with content and commune; ``beneficiary_count``:
    its published producers and villages, so a shared project says it is shared and never reads as if this
    beneficiary received all of it) and ``total`` (VND, the projects' amounts, labelled as such). Read from the
    shared store (``support-received-v1:producer:<pk>`` or ``…:village:<pk>``) when it holds them."""
    if producer is not None:
        name = f"support-received-v1:producer:{producer.pk}"
    elif village is not None:
        name = f"support-received-v1:village:{village.pk}"
    else:
        return {"projects": []}
    return shared_value(name, lambda: funded_projects(producer, village), context.get("request"))


def funded_projects(producer=None, village=None):
    """``{"projects", "total"}`` of ``support_received`` for ``producer`` or ``village``, from the database (one
    query)."""
    # annotated before the beneficiary filter: a filter first would make the counts reuse its join (always 1)
    projects = (
        public_projects()
        .filter(status__in=FUNDED_STATUSES)
        .annotate(
            beneficiary_count=Count("producers", filter=Q(producers__live=True), distinct=True)
            + Count("villages", filter=Q(villages__live=True), distinct=True)
        )
    )
    if producer is not None:
        projects = projects.filter(producers=producer)
    elif village is not None:
        projects = projects.filter(villages=village)
    else:
        return {"projects": []}
    projects = list(
        projects.select_related("programme_content", "commune").defer_streamfields().order_by("-year", "title", "pk")
    )
    return {"projects": projects, "total": sum(project.support_amount for project in projects)}
