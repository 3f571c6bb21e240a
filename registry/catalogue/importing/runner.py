"""Import a whole register file atomically and explain it row by row.

Two passes. The check pass parses every row (only the columns the file has), resolves its references, finds the
record it names and validates the result in memory (``savers.Context(apply=False)``): it reads and never writes,
so it takes no write lock and the live site keeps saving meanwhile (SQLite allows one writer). Its report is
what confirming would do: per row, whether it adds a record, changes one (which fields, old → new) or leaves it
unchanged, its errors and its warnings, each with the row number of the spreadsheet (header = row 1). A dry run
(``--dry-run``, the admin screen's preview) stops there.

Only when no row has an error does the save pass open one transaction and write the rows that add or change
something (unchanged rows are not touched), so the write lock is held only for the writes themselves; if any
row fails then, nothing is kept.

An applied import is written to Wagtail's audit log (action ``catalogue.import``, on each record added or
changed, with the file name, the user and the changes), visible in each record's history and in Reports → Site
history; the pages it publishes are logged under the same user and log context.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext, log

from core.models import SiteSettings

from ..public_fields import FIELDS
from .parsers import RowError, text
from .readers import UncomputedFormula, read_rows
from .savers import CREATED, SAVERS, UNCHANGED, UPDATED, Context, validation_message
from .schemas import SCHEMAS, parse_row

IMPORT_ACTION = "catalogue.import"

# The columns that can find an existing record of each kind (any one is enough).
KEY_COLUMNS = {"producers": ("tax_code", "slug", "name")}


@dataclass
class RowResult:
    """One row of the file: its number, natural key, outcome (``created``, ``updated``, ``unchanged``; ``""``
    when it has errors), changes as ``(field name, old, new)`` shown as text, errors and warnings (Vietnamese)."""

    number: int
    key: str = ""
    status: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


@dataclass
class ImportReport:
    """The result of one import: counts (``created``, ``updated``, ``unchanged``, ``errors`` = rows with
    errors), every error and warning message (with its row number), each row's result, and whether the changes
    were kept (``applied``)."""

    kind: str
    rows: int = 0
    counts: dict = field(default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0, "errors": 0})
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    results: list = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        """One line: ``12 dòng: 1 thêm mới, 2 cập nhật, 9 không đổi, 0 lỗi.``"""
        return _(
            "%(rows)s dòng: %(created)s thêm mới, %(updated)s cập nhật, %(unchanged)s không đổi, %(errors)s lỗi."
        ) % {"rows": self.rows, **self.counts}


class _Rollback(Exception):
    pass


def shown(value):
    """A value as the preview shows it: dates 29/11/2026, decimal comma, records by name, ``""`` for nothing."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, list | tuple):
        return ", ".join(shown(v) for v in value)
    return str(value)


def field_label(kind, name):
    """The label of field ``name`` of ``kind`` (``commune`` → "xã/phường"), else ``name`` itself."""
    for public in FIELDS[kind]:
        if public.name in (name, f"{name}_id", f"{name}_code", f"{name}_slug"):
            return str(public.label)
    return name


def coordinate_warnings(values, site_settings):
    """Warnings for a latitude/longitude pair outside the province's bounding box (``SiteSettings.in_bounds``)."""
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if latitude is None or longitude is None or site_settings.in_bounds(latitude, longitude):
        return []
    return [
        _("tọa độ (%(lat)s; %(lng)s) nằm ngoài phạm vi của %(province)s trong Cài đặt, hãy kiểm tra lại")
        % {"lat": shown(latitude), "lng": shown(longitude), "province": site_settings.province_name}
    ]


def _row_key(schema, values):
    return str(values.get(schema.key) or values.get("tax_code") or values.get("name") or "")


def _key_columns(schema):
    return KEY_COLUMNS.get(schema.kind, (schema.key,))


def _file_errors(schema, present):
    keys = _key_columns(schema)
    if not any(key in present for key in keys):
        return [_("Thiếu cột khóa (cần một trong các cột): %(columns)s.") % {"columns": ", ".join(keys)}]
    return []


def _parse(schema, raw):
    """The row's clean values, or RowError naming every problem; a row whose key cells are all empty is said
    to lack its identifier (``thiếu mã định danh (slug)``) rather than to have an empty required cell."""
    keys = [key for key in _key_columns(schema) if key in raw]
    problems = [
        _("ô “%(column)s” là công thức chưa có giá trị; hãy dán giá trị (Paste Values)") % {"column": name}
        for name, cell in raw.items()
        if isinstance(cell, UncomputedFormula)
    ]
    if problems:  # never read as an empty cell, which would blank the field
        raise RowError("; ".join(problems))
    if not any(text(raw[key]) for key in keys):
        problems.append(_("thiếu mã định danh (%(columns)s)") % {"columns": ", ".join(keys)})
    try:
        values = parse_row(schema, raw, optional=keys if problems else ())
    except RowError as error:
        problems.append(str(error))
    if problems:
        raise RowError("; ".join(problems))
    return values


def _site_settings():
    """The site settings as stored, or their defaults: never created here (a dry run writes nothing)."""
    return SiteSettings.base_queryset().first() or SiteSettings()


def import_file(path, kind, dry_run=False, progress=None, user=None, source_name="", max_rows=None):
    """Import ``path`` as ``kind`` and return an ``ImportReport``; ``user`` and ``source_name`` (the uploaded
        file's name) go to the audit log. ``progress(done, total, stage)``, if given, is called after each row of the
        check pass (stage ``"check"``) and of the save pass (``"save"``). A dry run executes no write and opens no
        transaction. ``max_rows``: a file with more data rows is refused as a whole (a file error, nothing checked).
    Raises ``readers.NotASpreadsheet`` for unreadable files."""
    schema = SCHEMAS[kind]
    report = ImportReport(kind)
    headings = schema.headings()
    rows = [(number, schema.resolve(raw, headings)) for number, raw in read_rows(path, name=source_name or None)]
    report.rows = len(rows)
    if max_rows is not None and len(rows) > max_rows:
        report.errors = [
            _(
                "Tệp có %(rows)s dòng dữ liệu, nhiều hơn %(max)s dòng mà màn hình này nhập được trong một lần: hãy "
                "chia tệp thành nhiều tệp nhỏ hơn, hoặc nhờ quản trị viên nhập bằng lệnh “manage.py import_registry”."
            )
            % {"rows": len(rows), "max": max_rows}
        ]
        return report
    present = set(rows[0][1]) if rows else set()
    report.errors = _file_errors(schema, present) if rows else []
    if report.errors:
        return report
    missing = [name for name in schema.required_names() if name not in present]
    checked = _check(schema, rows, missing, _site_settings(), report, progress)
    if report.errors or dry_run:
        return report
    try:
        with LogContext(user=user), transaction.atomic():
            outcomes = _save(schema, checked, missing, report, progress)
            _audit(kind, outcomes, user, source_name, report)
            report.applied = True
    except _Rollback:
        pass
    return report


def _check(schema, rows, missing, site_settings, report, progress):
    """The check pass: every row's result, without writing; returns ``[(result, values)]`` of the good rows."""
    save, ctx = SAVERS[schema.kind], Context(apply=False)
    seen, records, checked = {}, {}, []
    for done, (number, raw) in enumerate(rows, start=1):
        result = RowResult(number)
        report.results.append(result)
        try:
            values = _parse(schema, raw)
            result.key = key = _row_key(schema, values)
            if key and key in seen:
                raise RowError(_("trùng khóa “%(key)s” với dòng %(row)s") % {"key": key, "row": seen[key]})
            seen[key] = number
            result.warnings = coordinate_warnings(values, site_settings)
            outcome = save(dict(values), missing, ctx)
            _check_same_record(schema, outcome.obj, number, values, records)
            result.status = outcome.status
            result.changes = [(name, shown(old), shown(new)) for name, old, new in outcome.changes]
            checked.append((result, values))
        except RowError as error:
            result.errors.append(str(error))
        except ValidationError as error:
            result.errors.append(validation_message(error))
        except DatabaseError as error:
            result.errors.append(_("lỗi cơ sở dữ liệu (%(error)s)") % {"error": error})
        _count(report, result)
        if progress:
            progress(done, len(rows), "check")
    return checked


def _identity(obj):
    """What tells records apart: model and primary key, or the object itself for one a dry run only plans."""
    return type(obj), obj.pk if obj.pk is not None else id(obj)


def _check_same_record(schema, obj, number, values, records):
    """RowError when an earlier row of the file names the same record ``obj`` by any of its keys (a tax code on
    one row, a slug on another): the later row would silently overwrite the earlier one. ``records``:
    ``{identity: (row number, values)}``, filled here."""
    identity = _identity(obj)
    if identity not in records:
        records[identity] = (number, values)
        return
    row, earlier = records[identity]
    shared = [name for name in _key_columns(schema) if values.get(name) and values.get(name) == earlier.get(name)]
    if shared:
        name = shared[0]
        detail = f"{field_label(schema.kind, name).lower()} {values[name]}"
    else:
        detail = f"“{obj}”"
    raise RowError(
        _("trùng %(record)s với dòng %(row)s (%(detail)s)")
        % {"record": type(obj)._meta.verbose_name, "row": row, "detail": detail}
    )


def _save(schema, checked, missing, report, progress):
    """The save pass, inside the caller's transaction: write the rows the check pass found adding or changing
    something (each found again, so a change made meanwhile is seen); the first failure rolls everything back."""
    save, ctx = SAVERS[schema.kind], Context(apply=True)
    todo = [(result, values) for result, values in checked if result.status != UNCHANGED]
    outcomes = []
    for done, (result, values) in enumerate(todo, start=1):
        try:
            outcome = save(dict(values), missing, ctx)
        except (RowError, ValidationError, DatabaseError) as error:
            message = validation_message(error) if isinstance(error, ValidationError) else str(error)
            result.errors.append(message)
            result.status = ""
            report.errors.append(_("Dòng %(row)s: %(error)s.") % {"row": result.number, "error": message.rstrip(".")})
            _recount(report)
            raise _Rollback from error
        result.status = outcome.status
        result.changes = [(name, shown(old), shown(new)) for name, old, new in outcome.changes]
        outcomes.append(outcome)
        if progress:
            progress(done, len(todo), "save")
    _recount(report)
    return outcomes


def _count(report, result):
    for message in result.errors:
        report.errors.append(_("Dòng %(row)s: %(error)s.") % {"row": result.number, "error": message.rstrip(".")})
    for message in result.warnings:
        report.warnings.append(_("Dòng %(row)s: %(warning)s.") % {"row": result.number, "warning": message.rstrip(".")})
    if result.errors:
        result.status = ""
        report.counts["errors"] += 1
    else:
        report.counts[result.status] += 1


def _recount(report):
    report.counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0, "errors": 0}
    for result in report.results:
        report.counts[result.status or "errors"] += 1


def _audit(kind, outcomes, user, source_name, report):
    """One log entry per record added or changed, inside the import's transaction."""
    for outcome in outcomes:
        if outcome.status == UNCHANGED:
            continue
        data = {
            "kind": kind,
            "file": source_name,
            "status": outcome.status,
            "summary": report.summary(),
            "changes": {name: [shown(old), shown(new)] for name, old, new in outcome.changes},
        }
        instance = outcome.obj
        if isinstance(instance, models.Model):
            log(instance=instance, action=IMPORT_ACTION, user=user, data=data)
