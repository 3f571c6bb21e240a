"""English number formats (Django's own ``en`` module): decimal point and a comma every three digits, 1,234,567.5.

Grouping is applied where a template asks for it with the ``number`` filter (``core/templatetags/numbers.py``).
"""

from django.conf.locale.en.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
