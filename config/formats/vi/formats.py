"""Vietnamese number formats (Django's own ``vi`` module plus digit grouping, which it leaves out).

Decimal comma and a dot every three digits: 1.234.567,5. Grouping is applied where a template asks for it with the
``number`` filter (``core/templatetags/numbers.py``), not to every integer: ``USE_THOUSAND_SEPARATOR`` stays off
so that identifiers and years in URLs and attributes are never written "2.026". Read through
``FORMAT_MODULE_PATH`` in settings.
"""

from django.conf.locale.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
