"""Read the rows of a register kept in Excel (.xlsx) or CSV, as dicts keyed by the header row.

CSV files come from many programs, so the reader takes what it can read without guessing and says plainly what
it cannot: UTF-8 with or without a byte-order mark; UTF-16 (Excel's "Unicode text", marked by its byte-order mark
or recognised by its zero bytes) read as such; comma, semicolon (Excel with Vietnamese regional settings) or tab
separators, chosen from the header line, and Excel's ``sep=;`` first line. Legacy encodings (Windows-1258, -1252,
TCVN3) cannot be told apart reliably, so they get a message naming the line and how to save as CSV UTF-8; a NUL
byte gets its line number; an .xlsx workbook named .csv is read as a workbook, an Excel 97–2003 .xls is named.
Every problem is a ``NotASpreadsheet`` with a Vietnamese message, never a traceback.
"""

import codecs
import csv
import io
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import clean_text

SAVE_AS_UTF8 = gettext_lazy("Hãy mở tệp bằng Excel và lưu lại dạng “CSV UTF-8 (phân cách bằng dấu phẩy)”.")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls (and other old Office files)
DELIMITERS = (",", ";", "\t")


class NotASpreadsheet(Exception):
    """The file is not an .xlsx workbook or a CSV text file."""


def _normalise_header(value):
    return str(value or "").strip().lower().lstrip("\ufeff").replace(" ", "_").rstrip("*")


class UncomputedFormula(str):
    """An .xlsx cell holding a formula saved without its computed value (as openpyxl and some other programs
    write them): the text is the formula. The importer makes it a row error rather than read it as empty."""


def display_name(name):
    """A file name fit to show in a message: its last component, NFC, without control characters, at most 120
    characters (an uploaded file's name is whatever the user's computer sent)."""
    name = clean_text(Path(str(name).replace("\\", "/")).name).replace("\n", " ").replace("\t", " ").strip()
    return name[:117] + "…" if len(name) > 120 else name


def read_rows(path, name=None):
    """Yield ``(row_number, {column: value})`` for every non-empty row; row numbers are the spreadsheet's (the
    header is the first non-empty row, usually 1). ``name``: the file's name as the user knows it (an upload's
    own name, not the temporary file's), used in messages."""
    path = Path(path)
    shown = display_name(name or path.name)
    if not path.is_file():
        raise NotASpreadsheet(_("Không tìm thấy tệp %(path)s.") % {"path": shown})
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise NotASpreadsheet(
            _("Tệp %(name)s không phải bảng tính: chỉ nhận tệp .xlsx (Excel) hoặc .csv.") % {"name": shown}
        )
    with path.open("rb") as handle:
        start = handle.read(8)
    if start == OLE_MAGIC:
        raise NotASpreadsheet(
            _(
                "Tệp %(name)s là bảng tính Excel 97–2003 (.xls), không đọc được: hãy mở bằng Excel và lưu lại dạng "
                "“Sổ làm việc Excel (.xlsx)” hoặc “CSV UTF-8”."
            )
            % {"name": shown}
        )
    rows = _xlsx_rows(path, shown) if suffix == ".xlsx" or start.startswith(ZIP_MAGIC) else _csv_rows(path, shown)
    rows = enumerate(rows, start=1)
    header_number, header = next(((n, row) for n, row in rows if _filled(row)), (0, None))  # blank lines skipped
    if not header:
        raise NotASpreadsheet(_("Tệp %(name)s không có dòng tiêu đề.") % {"name": shown})
    names = [_normalise_header(h) for h in header]
    for number, values in rows:
        values = list(values) + [None] * (len(names) - len(values))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        yield number, {name: values[i] for i, name in enumerate(names) if name}


def _filled(row):
    """Whether a row has a non-blank cell."""
    return bool(row) and any(v is not None and str(v).strip() != "" for v in row)


def read_header(path):
    """The normalised column names of the file."""
    for _number, row in read_rows(path):
        return list(row.keys())
    return []


def _xlsx_rows(path, name):
    """The rows of the first sheet as values; a formula cell with no stored value is an ``UncomputedFormula``.

    The workbook is read twice, side by side: for the values Excel stored (``data_only``) and for the formulas,
    since openpyxl gives ``None`` for a formula saved without its value (as openpyxl itself writes them)."""
    from openpyxl import load_workbook  # heavy, loaded only to read a workbook (design.md)

    with path.open("rb") as handle, path.open("rb") as formulas_handle:  # a workbook named .csv is read too
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
            formulas = load_workbook(formulas_handle, read_only=True, data_only=False)
            sheet, formula_sheet = workbook.worksheets[0], formulas.worksheets[0]
        except Exception as error:  # an uploaded file: zip, XML and openpyxl's own errors all mean "unreadable"
            raise NotASpreadsheet(
                _("Tệp %(name)s không đọc được như một bảng tính Excel (.xlsx).") % {"name": name}
            ) from error
        try:
            for values, cells in zip(sheet.iter_rows(values_only=True), formula_sheet.iter_rows(), strict=False):
                yield _with_formulas(values, cells)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise NotASpreadsheet(
                _("Tệp %(name)s bị hỏng: không đọc hết được bảng tính Excel (.xlsx).") % {"name": name}
            ) from error
        finally:
            workbook.close()
            formulas.close()


def _with_formulas(values, cells):
    """``values`` with each formula cell that has no stored value replaced by ``UncomputedFormula``."""
    values = list(values)
    for index, cell in enumerate(cells):
        if index < len(values) and values[index] is None and getattr(cell, "data_type", None) == "f":
            values[index] = UncomputedFormula(cell.value)
    return values


def _line_of(data, index, newline=b"\n"):
    """The 1-based line of position ``index`` in ``data`` (bytes or text)."""
    return data[:index].count(newline) + 1


def _utf16_without_bom(raw):
    """``"utf-16-le"``/``"utf-16-be"`` when the zero bytes fall on every other byte (UTF-16 text with no mark)."""
    sample = raw[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # The headings are ASCII (a zero high byte); Vietnamese letters (U+01xx, U+1Exx) are not, so "mostly".
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode(raw, name):
    """The text of a CSV file, or NotASpreadsheet saying what is wrong with it."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(codecs.BOM_UTF32_LE):
        encoding = "utf-16"
    else:
        encoding = _utf16_without_bom(raw) or "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8-sig":
            raise NotASpreadsheet(
                _("Tệp %(name)s mã hóa UTF-16 nhưng bị hỏng. %(advice)s") % {"name": name, "advice": SAVE_AS_UTF8}
            ) from error
        if _is_binary(raw[:4096]):
            raise NotASpreadsheet(_binary_message(name)) from error
        raise NotASpreadsheet(
            _(
                "Tệp %(name)s không mã hóa UTF-8: dòng %(line)s có ký tự không đọc được (có lẽ tệp được lưu bằng bảng "
                "mã cũ như Windows-1258, Windows-1252 hoặc TCVN3). %(advice)s"
            )
            % {"name": name, "line": _line_of(raw, error.start), "advice": SAVE_AS_UTF8}
        ) from error
    if "\x00" in text:
        if _is_binary(text[:4096]):
            raise NotASpreadsheet(_binary_message(name))
        raise NotASpreadsheet(
            _("Tệp %(name)s có ký tự rỗng (NUL, mã 0) ở dòng %(line)s: tệp bị hỏng hoặc lưu sai định dạng. %(advice)s")
            % {"name": name, "line": _line_of(text, text.index("\x00"), "\n"), "advice": SAVE_AS_UTF8}
        )
    return text


def _is_binary(data):
    """Whether a sample (bytes or text) is mostly not text: more than one in ten characters is a control one."""
    codes = data if isinstance(data, bytes) else [ord(c) for c in data]
    controls = sum(1 for code in codes if code < 32 and code not in (9, 10, 13))
    return bool(codes) and controls * 10 > len(codes)


def _binary_message(name):
    return _("Tệp %(name)s không phải tệp CSV dạng văn bản (có vẻ là ảnh, PDF hoặc tệp nhị phân khác).") % {
        "name": name
    }


_SEP_LINE = re.compile(r"^sep=(.)\r?$")


def _delimiter(header_line):
    """The separator of a CSV file: the most frequent of comma, semicolon and tab in its header line."""
    return max(DELIMITERS, key=header_line.count)


def _csv_rows(path, name):
    text = _decode(path.read_bytes(), name)
    first, _newline, rest = text.partition("\n")
    declared = _SEP_LINE.match(first)
    if declared:  # Excel's hint line; Excel does not show it, so the header stays row 1
        text, delimiter = rest, declared.group(1)
    else:  # from the header: the first line that is not blank (blank lines above it are skipped)
        delimiter = _delimiter(next((line for line in text.split("\n") if line.strip(" \r\t,;")), ""))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        raise NotASpreadsheet(
            _('Tệp %(name)s: từ dòng %(line)s không đọc được như CSV, thường do một dấu ngoặc kép (") không được đóng.')
            % {"name": name, "line": reader.line_num}
        ) from error
