"""``/du-lieu-mo/``: the open-data page, CSV/JSON downloads and the import template of each kind."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.cells import safe_row
from core.page_cache import page_cacheable

from .importing.schemas import SCHEMAS, example_row
from .opendata import DATASETS, LICENCE_NAME, LICENCE_URL

FORMATS = ("csv", "json")


@require_safe
@page_cacheable()
def open_data_index(request):
    datasets = [
        {"kind": kind, "label": dataset.label, "has_template": kind in SCHEMAS} for kind, dataset in DATASETS.items()
    ]
    return render(
        request,
        "catalogue/open_data.html",
        {"datasets": datasets, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL},
    )


def _csv_response(filename, header, rows):
    """A CSV download (UTF-8 with a BOM); ``rows`` must already be safe cells (``core.cells.safe_cell``)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 only with a BOM.
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@page_cacheable()
def open_data_download(request, kind, fmt):
    """A dataset as CSV or JSON, built in memory (page-cached below ``PAGE_CACHE_MAX_BYTES``; issue 18 will stream
    the large ones)."""
    if kind not in DATASETS or fmt not in FORMATS:
        raise Http404("Không có bộ dữ liệu này.")
    dataset = DATASETS[kind]
    fields = dataset.columns
    if fmt == "json":
        rows = list(dataset.json_rows(request))
        return JsonResponse(
            {
                "dataset": kind,
                "title": str(dataset.label),
                "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
                "generated_at": timezone.now().isoformat(timespec="seconds"),
                "count": len(rows),
                "fields": fields,
                "items": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    response = _csv_response(f"khuyencong-{kind}.csv", fields, dataset.csv_rows(request))
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def _template_rows(kind):
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise Http404("Không có mẫu cho loại dữ liệu này.")
    return safe_row(column.name for column in schema.columns), safe_row(example_row(kind))


@require_safe
@page_cacheable()
def import_template(request, kind):
    """A CSV with the columns ``import_registry --kind <kind>`` reads and one example row (passes a dry run)."""
    header, example = _template_rows(kind)
    return _csv_response(f"mau-{kind}.csv", header, [example])


@require_safe
@page_cacheable()
def import_template_xlsx(request, kind):
    """The same template as an Excel workbook (text cells, so codes keep their leading zeros)."""
    from openpyxl import Workbook  # heavy, loaded only for this download (design.md)

    header, example = _template_rows(kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[2]:
        cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response
