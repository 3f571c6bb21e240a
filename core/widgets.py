"""Admin widgets of the core app.

``VietnameseSlugInput``: Wagtail's slug widget (the Stimulus ``w-slug`` controller) given the project's slug rule
(``core.text.SLUG_FORMATTERS``) as its ``formatters``, so the slug proposed while an editor types a title is
``core.text.slugify(title)``: "Đoàn doanh nghiệp Đắk Lắk" → "doan-doanh-nghiep-dak-lak" (Wagtail's own
transliteration gives "djoan-…" and drops the letters that carry two marks).
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

from .text import SLUG_FORMATTERS


class VietnameseSlugInput(SlugInput):
    """The admin's slug field with ``SLUG_FORMATTERS`` run by Wagtail's ``w-slug`` controller before its own
    clean-up (which then only lower-cases and trims the slug to 255 characters).

    ``fallback`` (a slug, see ``core.slug_rules.fallback_slug``) is what a title with no letter or digit proposes
    ("!!! ???" → "tin-bai"): a last formatter that turns an empty result into it, as ``proposed_slug`` does."""

    def __init__(self, attrs=None, formatters=None, locale=None, fallback=None):
        formatters = list(formatters or SLUG_FORMATTERS)
        if fallback:
            formatters.append(("^$", fallback))
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)


def use_vietnamese_slug_widget(field, fallback=None):
    """Give the form ``field`` (a slug field of any admin form: Wagtail's page copy form, a model viewset's plain
    ``ModelForm``) a ``VietnameseSlugInput`` proposing ``fallback`` for a title without letters, keeping the attributes
    the field gave its widget (``maxlength``)."""
    old = field.widget
    widget = VietnameseSlugInput(fallback=fallback)
    widget.attrs = {**old.attrs, **widget.attrs}
    widget.is_required = old.is_required
    field.widget = widget


def use_vietnamese_slugs():
    """Make ``VietnameseSlugInput`` the admin widget of every ``SlugField`` (pages, snippets, model viewsets);
    called from ``CoreConfig.ready()``, after Wagtail registered its own ``SlugInput``."""
    register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
