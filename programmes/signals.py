"""Side effects on the support projects of saving the records they name, connected in ``ProgrammesConfig.ready()``.

A project's folded search text (``/de-an-khuyen-cong/?q=``, ``ProjectPage.folded_source_texts``) holds the names of
its published beneficiary producers and villages: when one is renamed, unpublished or published again, the
projects naming it are folded again from the stored rows (``search.mixins.refold``)."""

from django.db.models import Q
from django.db.models.signals import post_save

from registry.catalogue.models import CraftVillagePage, Producer
from search.mixins import refold

from .models import ProjectPage


def refold_beneficiary_projects(sender, instance, **kwargs):
    """A producer or a craft village was saved with another name or published state: fold again the projects that
    name it (none when neither changed: ``shared_search_changed``; else two queries to read them with their
    beneficiaries, a write only when a text changed)."""
    if not instance.shared_search_changed:
        return
    field = "producers" if isinstance(instance, Producer) else "villages"
    projects = (
        ProjectPage.objects.filter(Q(**{field: instance.pk}))
        .select_related("commune")
        .prefetch_related("producers", "villages")
        .distinct()
    )
    refold(projects)


def connect():
    """Connect the receivers (called once from ``ProgrammesConfig.ready()``)."""
    post_save.connect(refold_beneficiary_projects, sender=Producer, dispatch_uid="programmes-refold-producer")
    post_save.connect(refold_beneficiary_projects, sender=CraftVillagePage, dispatch_uid="programmes-refold-village")
