"""Read the rows of a register kept in Excel (.xlsx) or CSV, as dicts keyed by the header row."""

import csv
import io
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _


class NotASpreadsheet(Exception):
    """The file is not an .xlsx workbook or a CSV text file."""


def _normalise_header(value):
    return str(value or "").strip().lower().lstrip("\ufeff").replace(" ", "_").rstrip("*")


def read_rows(path):
    """Yield ``(row_number, {column: value})`` for every non-empty row; row numbers are the spreadsheet's (header=1)."""
    path = Path(path)
    if not path.is_file():
        raise NotASpreadsheet(_("Không tìm thấy tệp %(path)s.") % {"path": path})
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        raise NotASpreadsheet(
            _("Tệp %(name)s không phải bảng tính: chỉ nhận tệp .xlsx (Excel) hoặc .csv.") % {"name": path.name}
        )
    rows = iter(rows)
    header = next(rows, None)
    if not header or not any(header):
        raise NotASpreadsheet(_("Tệp %(name)s không có dòng tiêu đề.") % {"name": path.name})
    names = [_normalise_header(h) for h in header]
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * (len(names) - len(values))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        yield number, {name: values[i] for i, name in enumerate(names) if name}


def read_header(path):
    """The normalised column names of the file."""
    for _number, row in read_rows(path):
        return list(row.keys())
    return []


def _xlsx_rows(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise NotASpreadsheet(
            _("Tệp %(name)s không đọc được như một bảng tính Excel (.xlsx).") % {"name": path.name}
        ) from error
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(path):
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise NotASpreadsheet(_("Tệp %(name)s không phải tệp CSV dạng văn bản.") % {"name": path.name})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotASpreadsheet(_("Tệp %(name)s không phải tệp CSV mã hóa UTF-8.") % {"name": path.name}) from error
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)
