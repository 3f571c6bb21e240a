"""The "Bình chọn" admin menu: model viewsets and the managers' custom screens."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from core.admin_help import register_help_texts
from core.viewsets import FoldedModelViewSet

from . import admin_views
from .admin_lock import LifecyclePermissionPolicy, LockedDeleteView, LockedEditView, LockedIndexView
from .models import Competition, Conflict, Criterion, Entry, Juror, Rubric
from .services.access import is_manager


class CompetitionToolsViewSet(ViewSet):
    name = "competitions_admin"
    icon = "table"
    menu_label = _("Bảng điều khiển")
    url_prefix = "binh-chon"

    def get_urlpatterns(self):
        v = admin_views
        return [
            path("", v.IndexView.as_view(), name="index"),
            path("<int:pk>/", v.DashboardView.as_view(), name="dashboard"),
            path("<int:pk>/ket-qua/", v.ResultsView.as_view(), name="results"),
            path("<int:pk>/trang-thai/", v.StatusView.as_view(), name="status"),
            path("<int:pk>/cap-giay-chung-nhan/", v.IssueView.as_view(), name="issue"),
            path("<int:pk>/nhac-nho/", v.RemindView.as_view(), name="remind"),
            path("<int:pk>/phieu/<int:sheet_id>/mo-lai/", v.ReopenView.as_view(), name="reopen"),
            path("<int:pk>/sua-doi-ket-qua/", v.AmendView.as_view(), name="amend"),
            path("<int:pk>/nhat-ky/", v.AuditLogView.as_view(), name="audit"),
            path("<int:pk>/ket-qua.xlsx", v.results_xlsx, name="results_xlsx"),
            path("<int:pk>/phieu-cham.xlsx", v.sheets_xlsx, name="sheets_xlsx"),
            path("<int:pk>/bien-ban.pdf", v.minutes_pdf, name="minutes_pdf"),
            path("<int:pk>/phieu/<int:sheet_id>.pdf", v.sheet_pdf, name="sheet_pdf"),
            path("<int:pk>/giay-chung-nhan/<int:entry_id>.pdf", v.certificate_pdf, name="certificate_pdf"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: is_manager(request.user)
        return item


class LockedViewSet(FoldedModelViewSet):
    """A model viewset whose delete button and view ask the lifecycle (``admin_lock``); its search folds."""

    index_view_class = LockedIndexView
    edit_view_class = LockedEditView
    delete_view_class = LockedDeleteView


for _model in (Competition, Entry, Juror, Conflict):
    register_permission_policy(_model, LifecyclePermissionPolicy(_model))


class CompetitionViewSet(LockedViewSet):
    model = Competition
    icon = "trophy"
    menu_label = _("Cuộc bình chọn")
    list_display = ["name", "year", "level", "status"]
    list_filter = ["status", "level", "year"]
    search_fields = ["name"]
    form_fields = [
        "name", "slug", "level", "region", "year", "entries_open_from", "entries_open_until",
        "scoring_deadline", "rubric", "pass_mark", "aggregation", "tie_break", "prize_bands", "blind",
        "peer_visibility", "assignment_mode", "jurors_per_entry", "disagreement_threshold", "outlier_threshold",
        "quorum", "council_name", "issuer", "signer_position", "signer_name", "meeting_at", "meeting_place",
        "secretary_name", "certificate_valid_months", "serial_prefix", "entry_code_prefix",
    ]  # fmt: skip


class RubricViewSet(FoldedModelViewSet):
    model = Rubric
    icon = "list-ol"
    menu_label = _("Phiếu chấm mẫu")
    list_display = ["name", "version", "total_points"]
    search_fields = ["name"]
    form_fields = ["name", "version", "description"]


class CriterionViewSet(FoldedModelViewSet):
    model = Criterion
    icon = "list-ul"
    menu_label = _("Tiêu chí")
    list_display = ["rubric", "code", "name", "max_points"]
    list_filter = ["rubric"]
    search_fields = ["code", "name"]
    form_fields = ["rubric", "parent", "position", "code", "name", "max_points", "guidance"]


class EntryViewSet(LockedViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = _("Hồ sơ tham gia")
    list_display = ["code", "product", "competition", "status", "recognized"]
    list_filter = ["competition", "status", "product_group"]
    search_fields = ["code", "product__title"]
    panels = [
        FieldPanel("competition"),
        FieldPanel("product"),
        FieldPanel("status"),
        FieldPanel("status_reason"),
        FieldPanel("jury_title"),
        FieldPanel("description"),
        # dossier files (private; jurors download them under neutral names): registry/competitions/jury/dossiers.py
        InlinePanel("documents", heading=_("Tài liệu hồ sơ"), label=_("Tệp hồ sơ")),
    ]


class JurorViewSet(LockedViewSet):
    model = Juror
    icon = "group"
    menu_label = _("Giám khảo")
    list_display = [Column("display_name", label=_("Giám khảo")), "competition", "role", "title"]  # Vietnamese order
    list_filter = ["competition", "role"]
    search_fields = ["user__last_name", "user__first_name", "user__username", "title"]
    form_fields = ["competition", "user", "role", "title", "absent_from_meeting", "max_entries"]


class ConflictViewSet(LockedViewSet):
    model = Conflict
    icon = "warning"
    menu_label = _("Xung đột lợi ích")
    list_display = ["juror", "entry", "declared_at"]
    search_fields = ["entry__code", "reason"]
    form_fields = ["juror", "entry", "reason"]


class CompetitionGroup(ModelViewSetGroup):
    menu_label = _("Bình chọn")
    menu_icon = "trophy"
    menu_order = 250
    items = [
        CompetitionToolsViewSet(),
        CompetitionViewSet("competition_records"),
        EntryViewSet("competition_entries"),
        JurorViewSet("competition_jurors"),
        ConflictViewSet("competition_conflicts"),
        RubricViewSet("competition_rubrics"),
        CriterionViewSet("competition_criteria"),
    ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CompetitionGroup()


register_help_texts(
    {"competitions.competitionindexpage": {"intro": _("Đoạn mở đầu phía trên danh sách cuộc bình chọn.")}}
)
