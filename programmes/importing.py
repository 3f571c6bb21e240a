"""Import of past years' project lists through the registry's import machinery
(``registry/catalogue/importing/``): ``manage.py import_registry FILE --kind projects [--dry-run]``, the admin
screen Nhập dữ liệu, the templates ``/du-lieu-mo/mau/projects.csv|xlsx``.

A row is one project, found by its ``slug``; it is published under the projects' list page like the registry's
pages (who may import must be allowed to add and publish there). Columns: those of ``PROJECT_FIELDS`` with a
parser; ``programme_content`` takes a content's code (``mo-hinh-trinh-dien``) or its name, ``producers`` tax codes
or slugs of producers and ``villages`` slugs of craft villages (several separated by ``;``), ``commune_code`` the
commune's code. A cancelled project needs ``cancellation_reason``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold
from news.models import ProgrammeContent
from registry.catalogue.importing.extensions import register_kind
from registry.catalogue.importing.parsers import RowError
from registry.catalogue.importing.savers import _commune, _page, _producer_by_key, _save_page
from registry.catalogue.models import CraftVillagePage, Producer

from .models import ProjectIndexPage, ProjectPage
from .public_fields import PROJECT_FIELDS

EXAMPLE = {
    "slug": "vi-du-de-an-mau",
    "title": "Ví dụ – Đề án hỗ trợ máy móc mẫu",
    "year": "2024",
    "funding_source": "local",
    "programme_content": "mo-hinh-trinh-dien",
    "decision_number": "VD-01/QĐ-SCT",
    "decision_date": "15/03/2024",
    "support_amount": "250.000.000",
    "counterpart_amount": "410.000.000",
    "beneficiary_group": "",
    "status": "accepted",
    "jobs": "12",
    "capacity_added": "2 tấn/ngày",
    "summary": "Dòng ví dụ: thay bằng dữ liệu thật hoặc xóa dòng này.",
}


def _split(value):
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _content(value, ctx):
    """The programme content of a code or a name (folded: case and accents ignored); RowError if none."""
    contents = ctx.cached((ProgrammeContent, "all"), lambda: list(ProgrammeContent.objects.all()))
    for content in contents:
        if value == content.code or fold(value) == fold(content.name):
            return content
    raise RowError(_("không có nội dung khuyến công “%(value)s”") % {"value": value})


def _producers(value, ctx):
    found = []
    for key in _split(value):
        producer = ctx.cached((Producer, key), lambda key=key: _producer_by_key(key))
        if producer is None:
            raise RowError(_("không có cơ sở có mã số thuế hoặc đường dẫn “%(key)s”") % {"key": key})
        found.append(producer)
    return found


def save_project(v, missing, ctx):
    """Create or update (and publish) the project of a row; see the module docstring for the columns."""
    relations = {}
    if "programme_content" in v:
        code = v.pop("programme_content")
        v["programme_content"] = _content(code, ctx) if code else None
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"), ctx)
    if "producers" in v:
        relations["producers"] = _producers(v.pop("producers"), ctx)
    if "villages" in v:
        relations["villages"] = [_page(CraftVillagePage, s, _("làng nghề"), ctx) for s in _split(v.pop("villages"))]
    existing = ctx.find(ProjectPage, slug=v["slug"])
    status = v.get("status", getattr(existing, "status", ""))
    reason = v.get("cancellation_reason", getattr(existing, "cancellation_reason", ""))
    if status == "cancelled" and not reason:
        raise RowError(_("đề án bị hủy phải có lý do hủy (cột cancellation_reason)"))
    return _save_page(ProjectPage, ProjectIndexPage, v, missing, ctx, relations=relations)


def register():
    """Declare the kind ``projects`` to the registry's import (``ProgrammesConfig.ready``)."""
    register_kind(
        "projects",
        label=gettext_lazy("Đề án khuyến công"),
        fields=PROJECT_FIELDS,
        key="slug",
        example=EXAMPLE,
        saver=save_project,
        index_page=ProjectIndexPage,
    )
