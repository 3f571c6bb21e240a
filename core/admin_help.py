"""Help text for every field an editor fills in the admin. Model fields that carry no ``help_text`` (adding it would
need migrations in every app) get theirs on the admin panel instead: each app's ``wagtail_hooks.py`` registers its
texts with ``register_help_texts``, and ``editor_panels`` sets them on the bound panels of a page or snippet editor
the first time the editor opens (hooks ``before_create_page``/``before_edit_page``/``…_snippet`` in
``core/wagtail_hooks.py``). ``tests/test_admin_editing.py`` walks every editor and fails on a field without help."""

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Page

_TEXTS = {}  # {"app_label.modelname": {field name: lazy text}}
_DONE = set()  # models whose editor already has its help texts


def register_help_texts(texts):
    """Add ``texts`` (``{"app_label.modelname": {field: text}}``, lazy translations) to the help of the editors."""
    for label, fields in texts.items():
        _TEXTS.setdefault(label, {}).update(fields)


def field_panels(panel):
    """Every bound ``FieldPanel`` under ``panel`` (an edit handler), inline panels' child panels included."""
    if isinstance(panel, InlinePanel):
        yield from field_panels(panel.child_edit_handler)
    elif isinstance(panel, FieldPanel):
        yield panel
    else:
        for child in getattr(panel, "children", ()):
            yield from field_panels(child)


def editor_panels(model):
    """The edit handler the admin uses for ``model`` (a page model's, or its snippet viewset's; ``None`` otherwise),
    with the registered help texts set on panels whose model field has none. Cheap after the first call."""
    if issubclass(model, Page):
        handler = model.get_edit_handler()
    else:
        viewset = getattr(model, "snippet_viewset", None)
        handler = viewset._edit_handler if viewset is not None else None
    if handler is not None and model not in _DONE:
        for panel in field_panels(handler):
            text = _TEXTS.get(panel.model._meta.label_lower, {}).get(panel.field_name)
            field_help = getattr(getattr(panel, "db_field", None), "help_text", "")
            if text and not panel.help_text and not field_help:
                panel.help_text = text
        _DONE.add(model)
    return handler
