"""Enumerations of competitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetitionStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    ENTRIES_OPEN = "entries-open", _("Đang nhận hồ sơ")
    SCORING = "scoring", _("Đang chấm điểm")
    CLOSED = "closed", _("Đã kết thúc chấm")
    PUBLISHED = "published", _("Đã công bố kết quả")
