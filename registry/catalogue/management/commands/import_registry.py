"""``manage.py import_registry FILE --kind products [--dry-run]``: load a provincial register kept in Excel or CSV."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.catalogue.importing.readers import NotASpreadsheet
from registry.catalogue.importing.runner import field_label, import_file
from registry.catalogue.importing.schemas import SCHEMAS


class Command(BaseCommand):
    help = (
        "Import a register (.xlsx or .csv): all rows or none; only the columns in the file are written; "
        "re-running (or importing an export) changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=list(SCHEMAS))
        parser.add_argument("--dry-run", action="store_true", help="Validate only, save nothing.")

    def handle(self, *args, file, kind, dry_run, **options):
        stages = {"check": _("kiểm tra"), "save": _("ghi")}

        def progress(done, total, stage):
            if done == total or done % 500 == 0:
                self.stdout.write(f"  {stages[stage]} {done}/{total}")

        try:
            report = import_file(file, kind, dry_run=dry_run, progress=progress)
        except NotASpreadsheet as error:
            raise CommandError(str(error)) from error
        if options.get("verbosity", 1) >= 2:
            self._explain(report)
        for message in report.warnings:
            self.stderr.write(_("Cảnh báo: %(message)s") % {"message": message})
        if not report.ok:
            for message in report.errors:
                self.stderr.write(message)
            raise CommandError(
                _("Không nhập dòng nào: %(count)s lỗi trong %(rows)s dòng.")
                % {"count": len(report.errors), "rows": report.rows}
            )
        summary = report.summary()
        if dry_run:
            summary = _("Chạy thử, chưa lưu gì. ") + summary
        self.stdout.write(self.style.SUCCESS(summary))

    def _explain(self, report):
        """With ``-v 2``: each row's outcome and, for a changed row, its fields old → new."""
        labels = {"created": _("thêm mới"), "updated": _("cập nhật"), "unchanged": _("không đổi")}
        for result in report.results:
            if result.errors:  # the row's problems say what is wrong, its key included when it is missing
                for message in result.errors:
                    self.stdout.write(_("Dòng %(row)s: %(error)s.") % {"row": result.number,
                                                                       "error": message.rstrip(".")})  # fmt: skip
                continue
            self.stdout.write(
                _("Dòng %(row)s (%(key)s): %(status)s")
                % {"row": result.number, "key": result.key, "status": labels[result.status]}
            )
            for name, old, new in result.changes:
                self.stdout.write(f"    {field_label(report.kind, name)}: {old or '—'} → {new or '—'}")
