"""Submitted versions of an online application: what the producer sent each time they submitted (first submission,
then every resubmission after the center asked for more information), kept unchanged for staff to compare."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationVersion(models.Model):
    """One submission of an application, frozen: the registration form's values (``data``: field name → value as
    submitted, the product group as its code) and the dossier files it held (``documents``; a file the producer
    removes afterwards is kept, marked removed, so every version stays readable). Written by
    ``services.applications.submit``; read by staff in Hồ sơ đăng ký → one application → Các lần nộp."""

    application = models.ForeignKey(
        "producers.Application", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(
        _("lần nộp"), help_text=_("1 cho lần nộp đầu, 2, 3… cho các lần nộp lại.")
    )
    submitted_at = models.DateTimeField(_("nộp lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("nội dung phiếu đăng ký"), default=dict)
    documents = models.ManyToManyField(
        "producers.ApplicationDocument", verbose_name=_("tệp hồ sơ"), blank=True, related_name="versions"
    )

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("lần nộp hồ sơ đăng ký")
        verbose_name_plural = _("các lần nộp hồ sơ đăng ký")
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="applicationversion_unique")]

    def __str__(self):
        return f"{self.application_id} v{self.number}"
