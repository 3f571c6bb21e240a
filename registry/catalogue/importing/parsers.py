"""Cell parsers for register imports. Each takes the raw cell and returns a clean value or raises RowError
with a Vietnamese message (the runner prefixes it with the row number and column).

Every text goes through ``core.text.clean_text`` (NFC, no control characters), so a file saved on a Mac (NFD) is
stored like one saved on Windows. A cell that ``core.cells.safe_cell`` escaped on export (``'=…``) reads back as
the original text, so an export imports back unchanged. Numbers accept the decimal comma (``13,98``).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.cells import FORMULA_STARTS
from core.text import clean_text, fold, slugify


class RowError(Exception):
    pass


def text(value):
    """A cell as clean text: NFC, control characters removed, surrounding blanks stripped; ``""`` for nothing.

    A leading apostrophe before a formula character (how exports escape cells) is removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = clean_text(str(value)).strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        value = value[1:]
    return value


# Vietnamese thousands dots, unambiguous only with two groups or a decimal comma: 1.234.567, 1.234,5.
# A single dot (13.991) is a decimal point, as in every export.
_GROUPED = re.compile(r"^[+-]?\d{1,3}((\.\d{3}){2,}|(\.\d{3})+,\d+)$")


def _number(value):
    """``Decimal`` of a cell written ``13.98``, ``13,98``, ``1.234,5`` or ``1.234.567``; ``None`` when empty;
    RowError when it is not a finite number."""
    value = text(value)
    if not value:
        return None
    raw = value.replace(" ", "").replace("\u00a0", "")
    if _GROUPED.match(raw):
        raw = raw.replace(".", "")
    raw = raw.replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation as error:
        raise RowError(_("“%(value)s” không phải số.") % {"value": value}) from error
    if not number.is_finite():
        raise RowError(_("“%(value)s” không phải số.") % {"value": value})
    if number and number.adjusted() > 15:  # no register holds such a number; int() of 1e999999999 would hang
        raise RowError(_("“%(value)s” quá lớn.") % {"value": value})
    return number


def integer(value):
    """A whole number ≥ 0 (thousands dots allowed: ``1.234.567``); ``None`` when empty."""
    number = _number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise RowError(_("“%(value)s” không phải số nguyên.") % {"value": text(value)})
    if number < 0:
        raise RowError(_("“%(value)s” không được âm.") % {"value": text(value)})
    return int(number)


def decimal(value):
    """A decimal number (``Decimal``), decimal point or comma; ``None`` when empty."""
    return _number(value)


def _coordinate(limit, message):
    def parse(value):
        number = _number(value)
        if number is not None and not -limit <= number <= limit:
            raise RowError(message % {"value": text(value)})
        return number

    return parse


# WGS 84 decimal degrees. Swapped coordinates in Vietnam give a latitude above 100, caught here.
latitude = _coordinate(
    90, gettext_lazy("vĩ độ “%(value)s” phải trong khoảng −90 đến 90 (vĩ độ và kinh độ có bị đảo không?)")
)
longitude = _coordinate(180, gettext_lazy("kinh độ “%(value)s” phải trong khoảng −180 đến 180"))


def date(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    value = text(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(_("“%(value)s” không phải ngày (dùng dạng 31/12/2024 hoặc 2024-12-31).") % {"value": value})


def year(value):
    number = integer(value)
    if number is not None and not 1900 <= number <= 2100:
        raise RowError(_("Năm %(value)s không hợp lệ.") % {"value": number})
    return number


def choice(choices):
    """Accept a code (``provincial``) or its Vietnamese label (``Cấp tỉnh``), case- and accent-insensitively."""
    lookup = {}
    for code, label in choices.choices:
        lookup[fold(code)] = code
        lookup[fold(str(label))] = code

    def parse(value):
        value = text(value)
        if not value:
            return ""
        found = lookup.get(fold(value))
        if found is None:
            allowed = ", ".join(code for code, _label in choices.choices)
            raise RowError(_("“%(value)s” không thuộc danh sách (%(allowed)s).") % {"value": value, "allowed": allowed})
        return found

    return parse


def multi_choice(choices):
    single = choice(choices)

    def parse(value):
        return [single(part) for part in text(value).replace(";", ",").split(",") if part.strip()]

    return parse


def email(value):
    value = text(value)
    if value:
        try:
            EmailValidator()(value)
        except ValidationError as error:
            raise RowError(_("“%(value)s” không phải địa chỉ thư điện tử.") % {"value": value}) from error
    return value


def url(value):
    value = text(value)
    if value:
        try:
            URLValidator()(value)
        except ValidationError as error:
            raise RowError(_("“%(value)s” không phải địa chỉ web.") % {"value": value}) from error
    return value


def slug(value):
    value = text(value)
    cleaned = slugify(value)
    if value and cleaned != value:
        raise RowError(
            _("“%(value)s” không phải đường dẫn hợp lệ (gợi ý: %(slug)s).") % {"value": value, "slug": cleaned}
        )
    return value
