"""Enumerations of the training app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    """Where a registration stands: a seat, the waiting list (in order of arrival), or cancelled by staff."""

    CONFIRMED = "confirmed", _("Đã có chỗ")
    WAITING = "waiting", _("Danh sách chờ")
    CANCELLED = "cancelled", _("Đã hủy")


class CourseKind(models.TextChoices):
    """Vocational training (several days or weeks, a trade) or a short course (tập huấn, a day or two)."""

    TRAINING = "training", _("Đào tạo nghề")
    WORKSHOP = "workshop", _("Tập huấn")
