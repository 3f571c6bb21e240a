"""Helpers for the admin-form tests: the project's page and snippet models with the edit handlers the admin uses."""

from wagtail.hooks import search_for_hooks
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from core.admin_help import editor_panels

PROJECT_APPS = {"home", "news", "catalogue", "competitions", "producers", "programmes", "training", "core"}


def project_models():
    """``(model, edit_handler)`` of every page and snippet model of the project (after every wagtail_hooks ran)."""
    search_for_hooks()
    models = [*get_page_models(), *get_snippet_models()]
    for model in dict.fromkeys(models):
        if model._meta.app_label in PROJECT_APPS:
            yield model, editor_panels(model)


def editor_forms():
    """``(model, form class)`` of every page and snippet editor of the project."""
    for model, handler in project_models():
        yield model, handler.get_form_class()
