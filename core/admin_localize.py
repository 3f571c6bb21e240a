"""wagtail-localize's admin in the editor's language where its own catalog cannot reach: names it builds from its
models (the ``Translation`` model has no verbose name, so listings counted "1 translation"; the Translations report's
filters were labelled "Source locale" / "Target locale" from field names) and the dates it writes with ``strftime``
and English month names ("Translated manually on 29 November 2026", the editor's last-published date), which become
dd/mm/yyyy. Its strings are translated in
``locale_admin/vi`` (``django.po`` and ``djangojs.po``). Called from ``core/wagtail_hooks.py``."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail_localize import models as localize_models
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation
from wagtail_localize.views.report import TranslationsReportFilterSet

DATE_FORMAT = "%d/%m/%Y"  # strftime: no month names, the same in every language


def translate_localize_names():
    """Give ``Translation`` translatable display names, the report's locale filters translatable labels and
    wagtail-localize's dates the dd/mm/yyyy form. Only the display names change (``_meta.verbose_name``), not the model
    options migrations read (``original_attrs``)."""
    Translation._meta.verbose_name = pgettext_lazy("một", "bản dịch")
    Translation._meta.verbose_name_plural = pgettext_lazy("nhiều", "bản dịch")
    TranslationsReportFilterSet.base_filters["source_locale"].label = _("Ngôn ngữ gốc")
    TranslationsReportFilterSet.base_filters["target_locale"].label = _("Ngôn ngữ đích")
    localize_models.DATE_FORMAT = DATE_FORMAT
    edit_translation.DATE_FORMAT = DATE_FORMAT
