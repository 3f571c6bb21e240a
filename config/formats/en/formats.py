"""English formats, read through ``FORMAT_MODULE_PATH`` in settings: Django's own ``en`` module plus

- the same day-first input dates as in Vietnamese (``WAGTAIL_DATE_FORMAT`` is one setting for every language), so
  that 05/11/2026 is never read as 11 May; ISO dates are still accepted;
- a decimal point and a comma every three digits, 1,234,567.5, where a template asks for it with the ``number``
  filter (``core/templatetags/numbers.py``).
"""

from django.conf.locale.en.formats import *  # noqa: F403

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS  # noqa: F401

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
