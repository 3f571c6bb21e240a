"""Enumerations of competitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetitionStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    ENTRIES_OPEN = "entries-open", _("Đang nhận hồ sơ")
    SCORING = "scoring", _("Đang chấm điểm")
    CLOSED = "closed", _("Đã kết thúc chấm")
    DECIDED = "decided", _("Hội đồng đã quyết định")
    PUBLISHED = "published", _("Đã công bố kết quả")
    ARCHIVED = "archived", _("Đã lưu trữ")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Trung bình cộng")
    TRIMMED_MEAN = "trimmed-mean", _("Trung bình bỏ điểm cao nhất và thấp nhất (từ 5 phiếu)")


class PeerVisibility(models.TextChoices):
    NEVER = "never", _("Không bao giờ")
    AFTER_SUBMISSION = "after-submission", _("Sau khi nộp phiếu của mình")
    AFTER_CLOSING = "after-closing", _("Sau khi kết thúc chấm")


class AssignmentMode(models.TextChoices):
    ALL = "all", _("Mọi giám khảo chấm mọi hồ sơ")
    BALANCED = "balanced", _("Phân công cân bằng N giám khảo mỗi hồ sơ")


class EntryStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    ELIGIBLE = "eligible", _("Hợp lệ")
    INELIGIBLE = "ineligible", _("Không hợp lệ")
    WITHDRAWN = "withdrawn", _("Đã rút")


class JurorRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch hội đồng")
    MEMBER = "member", _("Thành viên")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã nộp")
    VOID = "void", _("Vô hiệu (xung đột lợi ích khai báo sau khi nộp)")


class AuditAction(models.TextChoices):
    SAVE = "save", _("Lưu nháp")
    SUBMIT = "submit", _("Nộp phiếu")
    REOPEN = "reopen", _("Mở lại phiếu")
    DECISION = "decision", _("Quyết định của hội đồng")
    STATUS = "status", _("Đổi trạng thái")
    CONFLICT = "conflict", _("Khai báo xung đột lợi ích")
    PUBLISH = "publish", _("Công bố kết quả")
    CERTIFICATE = "certificate", _("Cấp giấy chứng nhận")
    VOID = "void", _("Vô hiệu phiếu chấm")
    NO_CONFLICT = "no-conflict", _("Cam kết không xung đột lợi ích")
    AMEND = "amend", _("Sửa đổi kết quả đã công bố")
    REVOKE = "revoke", _("Thu hồi giấy chứng nhận")


class DossierKind(models.TextChoices):
    """Kinds of dossier files; the value is the middle of the neutral file name (``SP-2026-010-ho-so-1.pdf``)."""

    APPLICATION = "ho-so", _("Hồ sơ đăng ký, thuyết minh")
    TEST_REPORT = "kiem-nghiem", _("Phiếu kiểm nghiệm, chứng nhận chất lượng")
    PHOTO = "hinh-anh", _("Hình ảnh sản phẩm")
    OTHER = "khac", _("Tài liệu khác")


class JurorState(models.TextChoices):
    """Where a juror's sheet of an entry stands (the tabs of the juror's competition page)."""

    TODO = "todo", _("Chưa nộp")
    DONE = "done", _("Đã nộp")


class ProgressState(models.TextChoices):
    """What a manager or the chair looks for among the entries while scoring and deciding."""

    BELOW_QUORUM = "below-quorum", _("Chưa đủ phiếu")
    FLAGGED = "flagged", _("Có cảnh báo chênh lệch")
    PASSED = "passed", _("Đạt, có thể công nhận")
    RECOGNIZED = "recognized", _("Đã công nhận")
