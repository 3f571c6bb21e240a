"""Support projects as open data at ``/du-lieu-mo/projects.csv|json`` (beside the registry's datasets): live public
projects with their amounts (VND), content, commune, status, outcomes and beneficiaries that are organisations or
places (producers by their public name, craft villages, a group's description). Never: the staff's contact person
and phone. Three queries whatever the number of projects."""

from django.utils.translation import gettext_lazy as _

from registry.catalogue import opendata as catalogue_opendata
from registry.catalogue.opendata import Dataset

from .listing import public_projects
from .public_fields import PROJECT_FIELDS, live_producers


def projects():
    """Live public projects, newest first, with what their columns read."""
    return (
        public_projects()
        .select_related("programme_content", "commune")
        .prefetch_related(live_producers(), "villages")
        .order_by("-year", "title", "pk")
    )


def register():
    """Publish the projects beside the registry's datasets (``ProgrammesConfig.ready``)."""
    catalogue_opendata.register("projects", Dataset(_("Đề án khuyến công"), projects, PROJECT_FIELDS))
