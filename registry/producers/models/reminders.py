"""Which certificate-expiry reminders were sent (so each is sent once, whenever the daily command runs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateReminder(models.Model):
    """One reminder e-mail sent to a producer's accounts because a certificate of theirs expires within ``days``
    days (``PRODUCER_REMINDER_DAYS``, 90 and 30). Written by ``services.reminders``; read-only."""

    certificate = models.ForeignKey(
        "catalogue.Certificate",
        verbose_name=_("giấy chứng nhận"),
        on_delete=models.CASCADE,
        related_name="expiry_reminders",
    )
    days = models.PositiveSmallIntegerField(_("số ngày trước khi hết hiệu lực"))
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("thư nhắc hết hiệu lực")
        verbose_name_plural = _("thư nhắc hết hiệu lực")
        constraints = [models.UniqueConstraint(fields=["certificate", "days"], name="certificate_reminder_once")]

    def __str__(self):
        return f"{self.certificate_id} – {self.days}"
