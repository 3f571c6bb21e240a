"""Import a whole register file atomically: every row is validated and saved inside one transaction, and if any
row fails nothing is kept. ``dry_run`` validates and rolls back."""

from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .parsers import RowError
from .readers import read_rows
from .savers import SAVERS
from .schemas import SCHEMAS, parse_row


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    counts: dict = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class _Rollback(Exception):
    pass


def import_file(path, kind, dry_run=False, progress=None):
    """Import ``path`` as ``kind``. Raises readers.NotASpreadsheet for unreadable files."""
    schema, save = SCHEMAS[kind], SAVERS[kind]
    report = ImportReport(kind)
    rows = list(read_rows(path))
    report.rows = len(rows)
    missing = [c.name for c in schema.columns if c.required and rows and c.name not in rows[0][1]]
    if missing:
        report.errors.append(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
        return report
    seen = {}
    try:
        with transaction.atomic():
            for done, (number, raw) in enumerate(rows, start=1):
                try:
                    values = parse_row(schema, raw)
                    key = values.get(schema.key) or values.get("tax_code") or values.get("name")
                    if key in seen:
                        raise RowError(_("trùng khóa “%(key)s” với dòng %(row)s") % {"key": key, "row": seen[key]})
                    seen[key] = number
                    with transaction.atomic():
                        report.counts[save(values)] += 1
                except RowError as error:
                    report.errors.append(_("Dòng %(row)s: %(error)s.") % {"row": number, "error": error})
                except DatabaseError as error:
                    report.errors.append(
                        _("Dòng %(row)s: lỗi cơ sở dữ liệu (%(error)s).") % {"row": number, "error": error}
                    )
                if progress:
                    progress(done, len(rows))
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
