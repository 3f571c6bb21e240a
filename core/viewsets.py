"""Admin screens of the core app: the login lockouts staff can lift (Settings → Khoá đăng nhập)."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Lockouts are written by django-axes only: staff may list and delete them (deleting unlocks), never add or
    edit. Superusers, and users with the ``axes.delete_accessattempt`` permission, may unlock."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class LoginLockoutViewSet(ModelViewSet):
    """Failed-login records kept by django-axes: who (account, IP address) and how many failures. Deleting a row
    lifts that lockout at once."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Khoá đăng nhập")
    add_to_settings_menu = True
    name = "khoa-dang-nhap"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = []
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["username"]
