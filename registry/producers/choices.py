"""Enumerations of the producers' portal (values are stable codes; labels Vietnamese, translated to English)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimKind(models.TextChoices):
    """What a producer account asks staff for: to be linked to an existing producer record, or to have one made."""

    CLAIM = "claim", _("Nhận cơ sở có sẵn")
    NEW = "new", _("Đề nghị tạo cơ sở mới")


class ClaimStatus(models.TextChoices):
    """Where a claim stands: waiting for staff, approved (the account is linked) or rejected (with a reason)."""

    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")
