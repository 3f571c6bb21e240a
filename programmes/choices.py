"""Enumerations of support projects (đề án khuyến công)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    """Where the support money comes from (Decree 45/2012/NĐ-CP as amended by 235/2025/NĐ-CP, art. on funds)."""

    NATIONAL = "national", _("Khuyến công quốc gia")
    LOCAL = "local", _("Khuyến công địa phương")
    OTHER = "other", _("Nguồn khác")


class ProjectStatus(models.TextChoices):
    """The life of a project: proposed → approved → in progress → accepted on completion (nghiệm thu), or
    cancelled (with a reason) at any step."""

    PROPOSED = "proposed", _("Đề xuất")
    APPROVED = "approved", _("Đã phê duyệt")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    CANCELLED = "cancelled", _("Đã hủy")


# Projects whose money is committed or spent: what the dashboard adds up and what a producer or village "received".
FUNDED_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.ACCEPTED)
