"""Registers the registry's admin screens (including "Nhập dữ liệu"), the audit-log action of imports, the
Decree 52 check after a craft village is saved and the help text of the editors (admin_help.py)."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from core.admin_help import register_help_texts

from .admin_help import HELP_TEXTS
from .importing.runner import IMPORT_ACTION
from .viewsets import RegistryViewSetGroup

register_snippet(RegistryViewSetGroup)
register_help_texts(HELP_TEXTS)


@hooks.register("register_log_actions")
def register_import_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportLogFormatter(LogFormatter):
        label = gettext_lazy("Nhập từ tệp")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            changes = ", ".join(data.get("changes", {}))
            if data.get("status") == "created":
                return _("Thêm mới khi nhập tệp “%(file)s”.") % {"file": data.get("file", "")}
            return _("Cập nhật khi nhập tệp “%(file)s”: %(changes)s.") % {
                "file": data.get("file", ""),
                "changes": changes,
            }


def _warn_about_thresholds(request, page):
    specific = page.specific
    warnings = getattr(specific, "threshold_warnings", None)
    if warnings is None:
        return
    for warning in specific.threshold_warnings():
        messages.warning(request, _("Nghị định 52: %(warning)s") % {"warning": warning})


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_thresholds(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_thresholds(request, page)
