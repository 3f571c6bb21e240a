"""Clean input at the boundary of the database: every text a model saves is NFC without control characters.

``clean_instance`` runs on ``pre_save`` (receiver ``core.signals.clean_saved_text``) for every model of the
project and of Wagtail (pages, images, documents, snippets, revisions, tags), whichever way the row is saved: a
form, the admin, the API, an import, a management command or the shell. It applies ``core.text.clean_text`` to

- every ``CharField`` and ``TextField`` (``RichTextField``, ``SlugField``, ``EmailField``, ``URLField`` included),
- every string inside a ``StreamField`` value (the raw JSON its blocks store) and inside a ``JSONField`` (a
  page's revisions, so a draft reopened in the editor is clean too).

Writes that bypass ``save()`` (``QuerySet.update()``, ``bulk_create``, raw SQL) are not cleaned: the XML outputs
(feeds, sitemap) guard themselves with ``xml_safe`` for rows stored that way or before this rule existed.
"""

import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail.fields import StreamField

from .text import clean_text

# Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Third-party apps whose models hold editors' text: Wagtail's (pages, images, documents, snippets, forms,
# redirects, settings, search promotions, revisions) and tags.
THIRD_PARTY_PREFIXES = ("wagtail", "taggit")


def xml_safe(text):
    """``text`` without the characters XML 1.0 cannot carry (U+000B, U+000C, NUL …), for feeds and sitemaps.

    Non-strings are returned unchanged. Unlike ``clean_text`` it does not normalize: an output is not the place
    to rewrite data, only to keep one bad record from breaking a whole document.
    """
    if not isinstance(text, str):
        return text
    return _NOT_XML.sub("", text)


def clean_json(value):
    """``value`` (decoded JSON: dicts, lists, strings, numbers) with every string value passed through
    ``clean_text``; dictionary keys are left as they are (block types, field names)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_json(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_json(item) for key, item in value.items()}
    return value


def _is_covered(app_config):
    """Whether the app's models are cleaned: the project's own apps (under ``BASE_DIR``, not an installed
    package) and the third-party apps of ``THIRD_PARTY_PREFIXES``."""
    if app_config.name.startswith(THIRD_PARTY_PREFIXES):
        return True
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and not {"site-packages", ".venv"} & set(path.parts)


@cache
def text_fields(model):
    """``(plain, streams, jsons)``: the names of ``model``'s concrete text fields, stream fields and JSON fields
    that ``clean_instance`` cleans; three empty tuples for a model of an app that is not covered."""
    try:
        app_config = apps.get_app_config(model._meta.app_label)
    except LookupError:  # a model of no installed app (Django's migration recorder)
        return (), (), ()
    if not _is_covered(app_config):
        return (), (), ()
    plain, streams, jsons = [], [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, StreamField):
            streams.append(field)
        elif isinstance(field, models.JSONField):
            jsons.append(field)
        elif isinstance(field, models.CharField | models.TextField):
            plain.append(field)
    return tuple(plain), tuple(streams), tuple(jsons)


def clean_instance(instance, update_fields=None):
    """Clean ``instance``'s text in place before it is saved (see the module docstring).

    ``update_fields``: when the save writes only some fields, only those are cleaned.
    """
    plain, streams, jsons = text_fields(type(instance))
    wanted = set(update_fields) if update_fields else None
    for field in plain:
        if wanted is not None and field.name not in wanted:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)
    for field in streams:
        if wanted is not None and field.name not in wanted:
            continue
        value = getattr(instance, field.attname)
        if value is None:
            continue
        raw = field.get_prep_value(value)  # the list of blocks as JSON data ({"type", "value", "id"})
        if not isinstance(raw, list):
            continue
        cleaned = clean_json(raw)
        if cleaned != raw:
            setattr(instance, field.attname, cleaned)  # StreamField's descriptor makes a StreamValue of it
    for field in jsons:
        if wanted is not None and field.name not in wanted:
            continue
        value = getattr(instance, field.attname)
        cleaned = clean_json(value)
        if cleaned != value:
            setattr(instance, field.attname, cleaned)


def _xml_safe_any(value):
    """``xml_safe`` through lists and tuples (feed categories); other values unchanged."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe_any(item) for item in value)
    return value


class XmlSafeFeedMixin:
    """A mixin of Django's feed generators (``Rss201rev2Feed``, ``Atom1Feed``): every string of the feed and of
    its items goes through ``xml_safe``, so a record stored with a control character (before ``clean_instance``
    existed, or by ``QuerySet.update()``) cannot make the feed invalid XML or a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_xml_safe_any(arg) for arg in args), **{k: _xml_safe_any(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*(_xml_safe_any(arg) for arg in args), **{k: _xml_safe_any(v) for k, v in kwargs.items()})
