"""Template filter of the translation editor's page (templates/wagtail_localize/admin/edit_translation.html)."""

from django import template

from core.admin_localize import editor_props

register = template.Library()


@register.filter
def localize_editor_props(props, page_perms):
    """wagtail-localize's editor props for a user with ``page_perms``: see ``core.admin_localize.editor_props``."""
    return editor_props(props, page_perms)
