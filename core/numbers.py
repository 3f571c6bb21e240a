"""Numbers for people to read, in the active language: 1.234.567,5 in Vietnamese, 1,234,567.5 in English.

The separators come from the format modules of ``config/formats/`` (``FORMAT_MODULE_PATH``). Use
``format_number`` in Python (PDF texts, messages) and the ``number`` template filter in templates
(``{% load numbers %}{{ count|number }}``). Machine-readable output (CSV, JSON, open data, URLs, HTML attributes)
keeps plain digits: never pass it through here.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats


def format_number(value, decimals=None):
    """``value`` (int, float, Decimal or a numeric string) grouped by thousands with the active language's
    separators. ``decimals``: digits after the separator (rounded); None keeps the value's own digits without
    trailing zeros (Decimal("32.50") → "32,5"). None and "" give ""; a value that is not a number is returned as
    text unchanged (a template never fails on it)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = value if isinstance(value, int | Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if isinstance(number, Decimal):
        if not number.is_finite():
            return str(value)
        if decimals is not None:  # Django's number_format cuts the digits off; round half up first
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        else:
            number = number.normalize()
            if number == number.to_integral_value():
                number = number.quantize(Decimal(1))
    return formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
