"""Numbers for people to read, in the active language: 1.234.567,5 in Vietnamese, 1,234,567.5 in English.

The separators come from the format modules of ``config/formats/`` (``FORMAT_MODULE_PATH``). Use
``format_number`` in Python (PDF texts, messages) and the ``number`` template filter in templates
(``{% load numbers %}{{ count|number }}``). Machine-readable output (CSV, JSON, open data, URLs, HTML attributes)
keeps plain digits: never pass it through here.

The other way: ``parse_amount`` / ``AmountField`` read an amount of money in đồng as people type it (1.500.000).
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _


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


_DIGITS = re.compile(r"^\d+$")
_DOT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_CURRENCY = re.compile(r"(?:đồng|đ|vnđ|vnd)$", re.IGNORECASE)
MAX_AMOUNT = 10**15  # a thousand trillion đồng: more than any provincial budget, less than a 64-bit column


def parse_amount(value):
    """A whole amount of money in đồng typed by a person: ``1500000``, ``1.500.000``, ``1 500 000`` or with ``đ``,
    ``đồng``, ``VND`` after it → ``1500000`` (int); empty → ``None``. Raises ``ValueError`` with a Vietnamese
    message for a decimal comma or point (the đồng has no subunit: ``2500000,5`` is refused, never read as
    25000005), a negative or a number above ``MAX_AMOUNT``."""
    text = unicodedata.normalize("NFC", str(value or "")).strip()
    text = _CURRENCY.sub("", text).strip()
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not text:
        return None
    if text.startswith("-") or text.startswith("−"):
        raise ValueError(_("Số tiền không được âm."))
    if "," in text:
        raise ValueError(_("Số tiền tính bằng đồng, không có phần lẻ: bỏ dấu phẩy (ví dụ 1.500.000)."))
    if _DOT_GROUPED.match(text):
        text = text.replace(".", "")
    if not _DIGITS.match(text):
        raise ValueError(_("Hãy nhập số tiền bằng chữ số, ví dụ 1.500.000."))
    amount = int(text)
    if amount > MAX_AMOUNT:
        raise ValueError(_("Số tiền quá lớn."))
    return amount


class AmountField(forms.CharField):
    """A form field for an amount in đồng that accepts what people type (``parse_amount``), shown as plain digits
    (unambiguous in every language); a text input with a numeric keyboard on phones (a browser number input drops a
    decimal comma silently: ``2500000,5`` became 25000005)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if len(value) > 40:  # checked here: the validators run on the parsed int
            raise forms.ValidationError(_("Hãy nhập số tiền bằng chữ số, ví dụ 1.500.000."))
        try:
            return parse_amount(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def prepare_value(self, value):
        return str(value) if isinstance(value, int) else value
