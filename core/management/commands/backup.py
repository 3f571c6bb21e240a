"""``manage.py backup [--output DIR]``: database + media in one dated archive (see core/backup.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp media vào một tệp .tar.gz có ghi ngày giờ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.BACKUP_DIR),
            help="Thư mục chứa bản sao lưu (mặc định: BACKUP_DIR).",
        )

    def handle(self, *args, output, **options):
        self.stdout.write("1/2 Sao lưu cơ sở dữ liệu và tệp media…")
        try:
            archive = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"2/2 Đã ghi {archive} ({archive.stat().st_size:,} byte).".replace(",", "."))
        self.stdout.write(str(archive))
