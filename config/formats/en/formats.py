"""English date input formats of the admin: the same day-first dates as in Vietnamese (``WAGTAIL_DATE_FORMAT`` is
one setting for every language), so that 05/11/2026 is never read as 11 May. ISO dates are still accepted."""

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS", "TIME_INPUT_FORMATS"]
