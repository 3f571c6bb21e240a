"""``manage.py send_certificate_reminders``: e-mail producers whose certificates expire soon (run daily by cron)."""

from django.core.management.base import BaseCommand

from registry.producers.services.reminders import send_expiry_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc giấy chứng nhận sắp hết hiệu lực (90 và 30 ngày trước) tới các cơ sở sản xuất."

    def handle(self, *args, **options):
        sent = send_expiry_reminders()
        self.stdout.write(f"{sent} thư nhắc đã gửi.")
