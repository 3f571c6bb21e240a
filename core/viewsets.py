"""Admin screens of the core app: the login lockouts staff can lift (Settings → Khoá đăng nhập)."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Lockouts are written by django-axes only: staff may list and delete them (deleting unlocks), never add or
    edit. Superusers, and users with the ``axes.delete_accessattempt`` permission, may unlock."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class LoginLockoutIndexView(IndexView):
    """The list of lockouts, titled in the admin's language (django-axes names its model in English)."""

    page_title = _("Khoá đăng nhập")


class LoginLockoutViewSet(ModelViewSet):
    """Failed-login records kept by django-axes: who (account, IP address) and how many failures. Deleting a row
    lifts that lockout at once."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Khoá đăng nhập")
    add_to_settings_menu = True
    name = "khoa-dang-nhap"
    index_view_class = LoginLockoutIndexView
    list_display = [
        Column("username", label=_("Tên đăng nhập")),
        Column("ip_address", label=_("Địa chỉ IP")),
        Column("failures_since_start", label=_("Số lần sai")),
        Column("attempt_time", label=_("Lần thử gần nhất")),
    ]
    list_filter = []
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["username"]
