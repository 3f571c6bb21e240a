"""The admin screen "Nhập dữ liệu" (Registry → Import): upload an XLSX or CSV and choose the kind, see the dry-run
preview (rows to add, change, leave unchanged; each row's errors and warnings with its row number; old → new of
each changed field), then confirm. The file waits in a private temporary directory (``uploads.py``) between the
two steps; the import itself is ``runner.import_file``.
"""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from . import uploads
from .access import can_import, importable_kinds
from .readers import NotASpreadsheet
from .runner import IMPORT_ACTION, field_label, import_file


class ImportForm(forms.Form):
    """The kind of record and the file (.xlsx or .csv, at most 10 MB)."""

    kind = forms.ChoiceField(label=gettext_lazy("Loại dữ liệu"))
    file = forms.FileField(
        label=gettext_lazy("Tệp bảng tính"),
        help_text=gettext_lazy(
            "Tệp .xlsx hoặc .csv có dòng tiêu đề; có thể dùng tệp mẫu ở trang Dữ liệu mở hoặc tệp xuất từ "
            "trang quản trị. Cột không có trong tệp thì giữ nguyên."
        ),
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if Path(uploaded.name).suffix.lower() not in (".xlsx", ".csv"):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx (Excel) hoặc .csv."))
        if uploaded.size > uploads.MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        return uploaded


class ImportView(WagtailAdminTemplateMixin, View):
    """Upload (POST with a file) → preview; confirm (POST ``token``) → apply and show the result."""

    template_name = "catalogue/admin/import.html"
    page_title = gettext_lazy("Nhập dữ liệu")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.kinds = importable_kinds(request.user)
        if not self.kinds:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def render(self, **context):
        context["import_action"] = IMPORT_ACTION
        return TemplateResponse(self.request, self.template_name, self.get_context_data(**context))

    def get(self, request):
        return self.render(form=ImportForm(kinds=self.kinds))

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request, request.POST["token"])
        form = ImportForm(request.POST, request.FILES, kinds=self.kinds)
        if not form.is_valid():
            return self.render(form=form)
        kind, uploaded = form.cleaned_data["kind"], form.cleaned_data["file"]
        token = uploads.store(request.session, uploaded, kind)
        entry = uploads.pending(request.session, token)
        try:
            report = self._run(entry, dry_run=True)
        except NotASpreadsheet as error:  # said under the file field, the form kept as sent
            uploads.discard(request.session, token)
            form.add_error("file", str(error))
            return self.render(form=form)
        if not report.ok:
            uploads.discard(request.session, token)
            token = None
        return self.render(form=ImportForm(kinds=self.kinds, initial={"kind": kind}), report=report, token=token,
                           entry=entry, rows=_rows(report))  # fmt: skip

    def confirm(self, request, token):
        entry = uploads.pending(request.session, token)
        if entry is None:
            messages.error(request, _("Tệp đã tải lên không còn; hãy tải lên lại."))
            return redirect(reverse("catalogue_import:index"))
        if not can_import(request.user, entry["kind"]):
            raise PermissionDenied
        try:
            report = self._run(entry, dry_run=False)
        except NotASpreadsheet as error:  # read at the preview, so only if the file changed since
            messages.error(request, str(error))
            report = None
        uploads.discard(request.session, token)
        if report is not None and report.applied:
            messages.success(request, _("Đã nhập “%(name)s”: %(summary)s") % {"name": entry["name"],
                                                                               "summary": report.summary()})  # fmt: skip
        return self.render(form=ImportForm(kinds=self.kinds, initial={"kind": entry["kind"]}), report=report,
                           entry=entry, rows=_rows(report), done=True)  # fmt: skip

    def _run(self, entry, dry_run):
        """The import report of the pending upload ``entry``; the preview (``dry_run``) writes nothing."""
        return import_file(
            entry["path"],
            entry["kind"],
            dry_run=dry_run,
            user=self.request.user,
            source_name=entry["name"],
            max_rows=max_rows(),
        )


# Rows the screen checks within one web request. Measured 29/11/2026 with bench/import_dry_run.py on the shared
# 2-core machine (demo data, new rows, ~2.5 s process start subtracted): artisans 8.9 → 3.0 ms/row, products
# 6.0 → 3.0 ms/row once per-file lookups are cached; the tester saw 37 ms/row before under heavy load. 1,000
# rows thus take a few seconds, and stay under gunicorn's 30 s worker timeout even several times slower.
DEFAULT_MAX_ROWS = 1000


def max_rows():
    """The largest file (data rows) the admin screen imports: ``settings.IMPORT_ADMIN_MAX_ROWS``, else
    ``DEFAULT_MAX_ROWS``; larger files go through ``manage.py import_registry``, which has no web timeout."""
    return getattr(settings, "IMPORT_ADMIN_MAX_ROWS", DEFAULT_MAX_ROWS)


def _rows(report):
    """The report's rows for the template, each change with its field label."""
    if report is None:
        return []
    return [
        {
            "result": result,
            "changes": [(field_label(report.kind, name), old, new) for name, old, new in result.changes],
        }
        for result in report.results
    ]


class ImportMenuItem(MenuItem):
    """Shown to staff who may import at least one kind."""

    def is_shown(self, request):
        return bool(importable_kinds(request.user))


class ImportViewSet(ViewSet):
    """The "Nhập dữ liệu" screen in the "Sổ đăng ký" menu group, at ``/admin/catalogue/import/``."""

    name = "catalogue_import"
    url_prefix = "catalogue/import"
    icon = "upload"
    menu_label = gettext_lazy("Nhập dữ liệu")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", ImportView.as_view(), name="index")]
