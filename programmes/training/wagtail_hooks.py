"""Admin registrations of the training app: the collaborators' snippet screens, the course registrations screens
and their buttons on a course page's header."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet

from core.viewsets import FoldedSnippetViewSet

from . import admin_views
from .models import Collaborator, CoursePage


class CollaboratorViewSet(FoldedSnippetViewSet):
    """Snippets → Cộng tác viên khuyến công: the directory by commune (searched folded, like every admin listing:
    "ksor h bia" finds "Ksor H'Bia"; filterable by commune)."""

    model = Collaborator
    icon = "group"
    menu_label = _("Cộng tác viên khuyến công")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["full_name", "commune", "role", "contact_public", "active"]
    list_filter = ["commune", "active", "contact_public"]
    search_fields = ["full_name", "role", "phone"]
    ordering = ["sort_key", "pk"]


class CourseRegistrationsViewSet(ViewSet):
    """The registrations of a course (``/admin/dao-tao/<page id>/dang-ky/``) and their XLSX export."""

    name = "training_admin"
    url_prefix = "dao-tao"

    def get_urlpatterns(self):
        return [
            path("<int:page_id>/dang-ky/", admin_views.RegistrationsView.as_view(), name="registrations"),
            path("<int:page_id>/dang-ky.xlsx", admin_views.export_registrations, name="export"),
        ]


register_snippet(CollaboratorViewSet)


@hooks.register("register_admin_viewset")
def register_registrations_viewset():
    return CourseRegistrationsViewSet()


@hooks.register("register_page_header_buttons")
def course_registration_buttons(page, user, view_name, next_url=None):
    """ "Đăng ký và điểm danh" and "Tải danh sách (XLSX)" on a course page's header, for those who may edit it."""
    if not issubclass(page.specific_class or object, CoursePage) or not page.permissions_for_user(user).can_edit():
        return
    yield HeaderButton(
        _("Đăng ký và điểm danh"), url=reverse("training_admin:registrations", args=[page.pk]), icon_name="group"
    )
    yield HeaderButton(
        _("Tải danh sách (XLSX)"), url=reverse("training_admin:export", args=[page.pk]), icon_name="download"
    )
