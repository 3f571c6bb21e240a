"""Template filters of the competition pages, the judges' portal and the competition PDFs."""

from django import template

from core import text

from .. import scoring

register = template.Library()


@register.filter
def person_name(user):
    """``{{ user|person_name }}``: the name in Vietnamese order (``core.text.person_name``), e.g. "Đinh Thị Mai"."""
    return text.person_name(user)


@register.filter
def vn_number(value):
    """``{{ score|vn_number }}``: a score with the decimal comma and no trailing zeros (32.5 → "32,5", 40.0 → "40")."""
    if value is None or value == "":
        return ""
    return scoring.format_number(value)


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: ``mapping[key]``, or None when absent (per-criterion values of a result)."""
    return mapping.get(key) if mapping else None
