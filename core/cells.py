"""One safe-cell rule for every spreadsheet and CSV the site produces (open data, admin exports, XLSX).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return would be run as a formula by
Excel, LibreOffice or Google Sheets (CSV/formula injection, OWASP). Such text is prefixed with an apostrophe,
which spreadsheet programs show as text; numbers, dates and booleans pass through unchanged.

Control characters that XML (hence XLSX) cannot carry (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are
removed, so a stray vertical tab in a comment never makes an export fail; tab, newline and carriage return stay.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Characters an XLSX cell cannot hold (the same set as ``openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE``).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """``value`` made safe for a CSV or XLSX cell: control characters XLSX cannot carry are removed (tab, newline
    and carriage return kept), then text starting with a formula character gets a leading ``'``.

    Non-text values (int, Decimal, float, date, bool, ``None``) are returned unchanged, so that numbers stay
    numbers.
    """
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    """``safe_cell`` applied to every value of an iterable; returns a list."""
    return [safe_cell(value) for value in values]
