"""The public "who to contact in my commune" lookup (``/cong-tac-vien/?xa=…``): the active collaborators of the
communes whose name matches what was typed, folded (``core.text.fold``: "ia grai" finds "Ia Grai", "dak doa"
finds "Đak Đoa"), or of every commune when nothing was typed. Phone numbers and e-mail addresses appear only for
collaborators whose consent to publish them is recorded (``Collaborator.public_phone``/``public_email``).

Two queries whatever the number of collaborators: the communes that have one, then their collaborators.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.page_cache import page_cacheable
from core.text import fold
from registry.catalogue.models import Commune

from .forms import CommuneLookupForm
from .models import Collaborator


def communes_matching(query):
    """``(communes, matched)``: the communes with an active collaborator, A–Z, and those whose folded name (or
    "kind name", e.g. "xa ia grai") contains the folded ``query``, spaces and hyphens aside (all of them when
    ``query`` is empty)."""
    communes = list(Commune.objects.filter(collaborators__active=True).distinct().order_by("sort_key", "code"))
    folded = _squeezed(query)
    if not folded:
        return communes, communes
    matched = [c for c in communes if folded in _squeezed(c.name) or folded in _squeezed(str(c))]
    return communes, matched


def _squeezed(text):
    """Folded, without spaces, hyphens or other punctuation: "ia-grai", "iagrai" and "Ia Grai" compare equal."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def collaborators_by_commune(communes):
    """``[(commune, [collaborator, …]), …]`` for ``communes``, in their order, collaborators A–Z (one query)."""
    by_commune = {commune.pk: (commune, []) for commune in communes}
    for person in Collaborator.objects.filter(active=True, commune__in=list(by_commune)).order_by("sort_key", "pk"):
        by_commune[person.commune_id][1].append(person)
    return [by_commune[commune.pk] for commune in communes]


@page_cacheable(params=("xa",))
def collaborators(request):
    """The lookup page. A query longer than the field allows answers 400 with the form's Vietnamese message."""
    form = CommuneLookupForm(request.GET or None)
    query = form.cleaned_data["xa"] if form.is_bound and form.is_valid() else ""
    status = 400 if form.is_bound and not form.is_valid() else 200
    communes, matched = communes_matching(query)
    context = {
        "form": form,
        "query": query,
        "communes": communes,
        "groups": collaborators_by_commune(matched) if status == 200 else [],
        "page_title": _("Cộng tác viên khuyến công"),
    }
    return render(request, "training/collaborators.html", context, status=status)
