"""Import a whole register file atomically and explain it row by row.

Every row is parsed (only the columns the file has), checked and saved inside one transaction; if any row fails
nothing is kept. ``dry_run`` does everything and rolls back, so its report is exactly what confirming would do:
per row, whether it adds a record, changes one (which fields, old → new) or leaves it unchanged (then it is not
saved at all), its errors and its warnings, each with the row number of the spreadsheet (header = row 1).

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
from .parsers import RowError
from .readers import read_rows
from .savers import CREATED, SAVERS, UNCHANGED, UPDATED, validation_message
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


def _file_errors(schema, present):
    keys = KEY_COLUMNS.get(schema.kind, (schema.key,))
    if not any(key in present for key in keys):
        return [_("Thiếu cột khóa (cần một trong các cột): %(columns)s.") % {"columns": ", ".join(keys)}]
    return []


def import_file(path, kind, dry_run=False, progress=None, user=None, source_name=""):
    """Import ``path`` as ``kind`` and return an ``ImportReport``; ``user`` and ``source_name`` (the uploaded
    file's name) go to the audit log. Raises ``readers.NotASpreadsheet`` for unreadable files."""
    schema, save = SCHEMAS[kind], SAVERS[kind]
    report = ImportReport(kind)
    headings = schema.headings()
    rows = [(number, schema.resolve(raw, headings)) for number, raw in read_rows(path)]
    report.rows = len(rows)
    present = set(rows[0][1]) if rows else set()
    report.errors = _file_errors(schema, present) if rows else []
    if report.errors:
        return report
    missing = [name for name in schema.required_names() if name not in present]
    site_settings = SiteSettings.load()
    seen, outcomes = {}, []
    try:
        with LogContext(user=user), transaction.atomic():
            for done, (number, raw) in enumerate(rows, start=1):
                result = RowResult(number)
                report.results.append(result)
                try:
                    values = parse_row(schema, raw)
                    result.key = key = _row_key(schema, values)
                    if key and key in seen:
                        raise RowError(_("trùng khóa “%(key)s” với dòng %(row)s") % {"key": key, "row": seen[key]})
                    seen[key] = number
                    result.warnings = coordinate_warnings(values, site_settings)
                    with transaction.atomic():
                        outcome = save(values, missing)
                    result.status = outcome.status
                    result.changes = [(name, shown(old), shown(new)) for name, old, new in outcome.changes]
                    outcomes.append(outcome)
                except RowError as error:
                    result.errors.append(str(error))
                except ValidationError as error:
                    result.errors.append(validation_message(error))
                except DatabaseError as error:
                    result.errors.append(_("lỗi cơ sở dữ liệu (%(error)s)") % {"error": error})
                _count(report, result)
                if progress:
                    progress(done, len(rows))
            if report.errors or dry_run:
                raise _Rollback
            _audit(kind, outcomes, user, source_name, report)
            report.applied = True
    except _Rollback:
        pass
    return report


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
