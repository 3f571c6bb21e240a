"""Registers the registry's admin screens and the Decree 52 check after a craft village is saved."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import RegistryViewSetGroup

register_snippet(RegistryViewSetGroup)


def _warn_about_thresholds(request, page):
    specific = page.specific
    warnings = getattr(specific, "threshold_warnings", None)
    if warnings is None:
        return
    for warning in specific.threshold_warnings():
        messages.warning(request, _("Nghị định 52: %(warning)s") % {"warning": warning})


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_thresholds(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_thresholds(request, page)
