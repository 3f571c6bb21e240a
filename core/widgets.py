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
    clean-up (which then only lower-cases and trims the slug to 255 characters)."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or SLUG_FORMATTERS, locale=locale)


def use_vietnamese_slugs():
    """Make ``VietnameseSlugInput`` the admin widget of every ``SlugField`` (pages, snippets, model viewsets);
    called from ``CoreConfig.ready()``, after Wagtail registered its own ``SlugInput``."""
    register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
