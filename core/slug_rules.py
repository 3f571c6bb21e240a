"""The rules of slugs made from a title or a name (see ``core.slugs`` for where they apply): the proposal, its
fallback for a title without letters, and the numbering that makes a proposal unique."""

from django.utils import translation
from wagtail.models import Page

from .text import slugify

FALLBACK_SLUG = "trang"
"""The fallback of a model whose verbose name has no slug (never the case in the project)."""


def fallback_slug(model, max_length=255):
    """The slug of ``model``'s verbose name in Vietnamese (the source language): "tin bài" → "tin-bai"."""
    with translation.override("vi"):
        return slugify(str(model._meta.verbose_name), max_length=max_length) or FALLBACK_SLUG


def proposed_slug(title, model, max_length=255):
    """The slug proposed for ``title`` on ``model``: ``slugify(title)``, or ``fallback_slug(model)`` when the title
    has no letter or digit to keep; ``""`` for an empty title."""
    if not str(title or "").strip():
        return ""
    return slugify(title, max_length=max_length) or fallback_slug(model, max_length=max_length)


def numbered(base, number, max_length=255):
    """``base`` with "-<number>" (none for 1), cut so the whole fits ``max_length``: ("gom", 3) → "gom-3"."""
    if number == 1:
        return base[:max_length]
    suffix = f"-{number}"
    return base[: max_length - len(suffix)].rstrip("-") + suffix


def first_free(base, is_free, max_length=255):
    """The first of ``base``, ``base-2``, ``base-3``… for which ``is_free(slug)`` is true."""
    number = 1
    while not is_free(numbered(base, number, max_length)):
        number += 1
    return numbered(base, number, max_length)


def unique_page_slug(base, parent, page):
    """``base`` made unique among the children of ``parent`` (live pages and drafts, ``page`` itself excepted)."""
    return first_free(base, lambda slug: Page._slug_is_available(slug, parent, page))


def unique_model_slug(instance, field_name, base):
    """``base`` made unique in the column ``field_name`` of ``instance``'s table (``instance`` itself excepted)."""
    model = type(instance)
    max_length = model._meta.get_field(field_name).max_length or 255
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    taken = set(others.filter(**{f"{field_name}__startswith": base[:max_length]}).values_list(field_name, flat=True))
    return first_free(base, lambda slug: slug not in taken, max_length)
