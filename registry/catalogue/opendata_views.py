"""``/du-lieu-mo/``: the open-data page, CSV/JSON downloads and the import template of each kind."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition, require_safe

from core.cells import safe_row
from core.page_cache import page_cacheable

from .importing.schemas import SCHEMAS, example_row
from .opendata import DATASETS, LICENCE_NAME, LICENCE_URL
from .opendata_files import data_version, download

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


def _etag(request, kind, fmt):
    """The ``ETag`` of a download: of its dataset, format and data version (registry/catalogue/opendata_files.py)."""
    if kind not in DATASETS or fmt not in FORMATS:
        return None
    return data_version(request).etag(kind, fmt)


def _last_modified(request, kind, fmt):
    """The ``Last-Modified`` of a download: when its data version started."""
    if kind not in DATASETS or fmt not in FORMATS:
        return None
    return data_version(request).last_modified


@require_safe
@page_cacheable()
@condition(etag_func=_etag, last_modified_func=_last_modified)
def open_data_download(request, kind, fmt):
    """A dataset as CSV or JSON, streamed in constant memory from its file of the current data version (written by
    the first request of the version), with ``ETag``/``Last-Modified``: a repeated request gets a 304. Never stored
    by the page cache (a streamed response); see registry/catalogue/opendata_files.py."""
    if kind not in DATASETS or fmt not in FORMATS:
        raise Http404("Không có bộ dữ liệu này.")
    return download(DATASETS[kind], kind, fmt, request)


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
