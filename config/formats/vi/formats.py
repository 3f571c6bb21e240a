"""Vietnamese formats, read through ``FORMAT_MODULE_PATH`` in settings: Django's own ``vi`` module plus

- dates typed and shown as 29/11/2026 and 29/11/2026 14:30 everywhere, the default ``DATE_FORMAT`` too (the admin's
  date tooltips, Wagtail's listings and any ``{{ value|date }}``); Wagtail's date pickers use ``WAGTAIL_DATE_FORMAT``,
  which must be the first input format; ISO dates are still accepted (API, imports, tests);
- numbers with a decimal comma and a dot every three digits, 1.234.567,5. Grouping is applied where a template asks
  for it with the ``number`` filter (``core/templatetags/numbers.py``), not to every integer: ``USE_THOUSAND_SEPARATOR``
  stays off so that identifiers and years in URLs and attributes are never written "2.026".
"""

from django.conf.locale.vi.formats import *  # noqa: F403

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
