"""Enumerations of the producers' portal (values are stable codes; labels Vietnamese, translated to English)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimKind(models.TextChoices):
    """What a producer account asks staff for: to be linked to an existing producer record, or to have one made."""

    CLAIM = "claim", _("Nhận cơ sở có sẵn")
    NEW = "new", _("Đề nghị tạo cơ sở mới")


class ClaimStatus(models.TextChoices):
    """Where a claim stands: waiting for staff, approved (the account is linked), rejected (with a reason) or
    revoked (approved, then unlinked by staff, with a reason)."""

    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")
    REVOKED = "revoked", _("Đã thu hồi")


class ApplicationStatus(models.TextChoices):
    """An online application's state: a draft the producer edits, submitted (before the deadline), then the
    center's review (more information asked, accepted as a competition entry, or rejected)."""

    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    MORE_INFO = "more-info", _("Cần bổ sung")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")


class ApplicationAction(models.TextChoices):
    """What the history of an application records."""

    CREATE = "create", _("Tạo bản nháp")
    SAVE = "save", _("Lưu bản nháp")
    UPLOAD = "upload", _("Tải tệp lên")
    REMOVE_FILE = "remove-file", _("Xoá tệp")
    SUBMIT = "submit", _("Nộp hồ sơ")
    MORE_INFO = "more-info", _("Trung tâm đề nghị bổ sung")
    RESUBMIT = "resubmit", _("Nộp lại hồ sơ")
    ACCEPT = "accept", _("Trung tâm tiếp nhận")
    REJECT = "reject", _("Trung tâm không tiếp nhận")


#: History steps written by the center's staff: shown to the producer as "messages from the center".
CENTER_ACTIONS = ("more-info", "accept", "reject")


class DocumentKind(models.TextChoices):
    """Kinds of dossier files a producer uploads (Circular 26/2014 registration dossier)."""

    PHOTO = "hinh-anh", _("Hình ảnh sản phẩm")
    DESCRIPTION = "thuyet-minh", _("Bản thuyết minh sản phẩm")
    CERTIFICATE = "chung-nhan", _("Giấy chứng nhận chất lượng, an toàn thực phẩm, kiểm nghiệm")
    BUSINESS_REGISTRATION = "dang-ky-kinh-doanh", _("Giấy chứng nhận đăng ký kinh doanh")
    OTHER = "khac", _("Tài liệu khác")
