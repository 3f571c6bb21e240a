"""``manage.py restore ARCHIVE``: restore a backup into an empty database, then rebuild the search indexes."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu (tạo bằng lệnh backup) vào cơ sở dữ liệu trống, rồi dựng lại chỉ mục tìm kiếm."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp khuyencong-….tar.gz do lệnh backup tạo.")

    def handle(self, *args, archive, **options):
        self.stdout.write("1/3 Khôi phục cơ sở dữ liệu và tệp media…")
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"    bản sao lưu lúc {manifest['created']}")
        self.stdout.write("2/3 Áp dụng các migration mới hơn bản sao lưu (nếu có)…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("3/3 Dựng lại chỉ mục tìm kiếm…")
        call_command("update_index", verbosity=0)
        if getattr(settings, "ELASTICSEARCH_URL", ""):
            call_command("search_index", "--rebuild", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Đã khôi phục."))
