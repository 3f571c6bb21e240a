"""Cell parsers for register imports. Each takes the raw cell and returns a clean value or raises RowError
with a Vietnamese message (the runner prefixes it with the row number and column)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.text import fold


class RowError(Exception):
    pass


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def integer(value):
    value = text(value)
    if not value:
        return None
    try:
        number = int(Decimal(value.replace(",", ".")))
    except (InvalidOperation, ValueError) as error:
        raise RowError(_("“%(value)s” không phải số nguyên.") % {"value": value}) from error
    if number < 0:
        raise RowError(_("“%(value)s” không được âm.") % {"value": value})
    return number


def decimal(value):
    value = text(value)
    if not value:
        return None
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation as error:
        raise RowError(_("“%(value)s” không phải số.") % {"value": value}) from error


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
    cleaned = slugify(fold(value))
    if value and cleaned != value:
        raise RowError(
            _("“%(value)s” không phải đường dẫn hợp lệ (gợi ý: %(slug)s).") % {"value": value, "slug": cleaned}
        )
    return value
