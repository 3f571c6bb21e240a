"""``{% load numbers %}``: the ``number`` filter, numbers grouped by thousands in the active language."""

from django import template

from core.numbers import format_number

register = template.Library()


@register.filter
def number(value, decimals=None):
    """``{{ count|number }}`` → 1.234.567 (vi) / 1,234,567 (en); ``{{ score|number:2 }}`` → 32,50 / 32.50.
    ``decimals`` is the number of digits after the decimal separator (None: the value's own, trailing zeros
    dropped). Never for URLs, attributes or machine-readable output."""
    if decimals not in (None, ""):
        try:
            decimals = int(decimals)
        except (TypeError, ValueError):
            decimals = None
    else:
        decimals = None
    return format_number(value, decimals)
