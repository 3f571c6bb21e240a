"""Registers the core app's admin screens (see core/viewsets.py)."""

from axes.models import AccessAttempt
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .viewsets import LoginLockoutViewSet, UnlockOnlyPolicy

register_permission_policy(AccessAttempt, UnlockOnlyPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_login_lockouts():
    return LoginLockoutViewSet()
