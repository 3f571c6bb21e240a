"""One safe-cell rule for every spreadsheet and CSV the site produces (open data, admin exports, XLSX).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return would be run as a formula by
Excel, LibreOffice or Google Sheets (CSV/formula injection, OWASP). Such text is prefixed with an apostrophe,
which spreadsheet programs show as text; numbers, dates and booleans pass through unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` made safe for a CSV or XLSX cell: text starting with a formula character gets a leading ``'``.

    Non-text values (int, Decimal, float, date, bool, ``None``) are returned unchanged, so that numbers stay
    numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    """``safe_cell`` applied to every value of an iterable; returns a list."""
    return [safe_cell(value) for value in values]
