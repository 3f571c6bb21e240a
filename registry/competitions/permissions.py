"""Permissions of the two competition groups. The data migration 0003 grants them once; ``seed_demo`` calls
``ensure_group_permissions`` again so a flushed test or demo database is repaired."""

from django.contrib.auth.models import Group, Permission

MANAGERS = "Quản lý bình chọn"
JURORS = "Giám khảo"  # no model permission: the portal checks membership of a competition's council
MANAGED_MODELS = ("competition", "rubric", "criterion", "entry", "entrydocument", "juror", "conflict")
MANAGER_CODENAMES = [
    "manage_competitions",
    "view_scoresheet",
    "view_auditentry",
    *[f"{action}_{model}" for model in MANAGED_MODELS for action in ("add", "change", "delete", "view")],
]


def ensure_group_permissions():
    managers, _ = Group.objects.get_or_create(name=MANAGERS)
    Group.objects.get_or_create(name=JURORS)
    perms = Permission.objects.filter(content_type__app_label="competitions", codename__in=MANAGER_CODENAMES)
    admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    managers.permissions.add(*perms, *admin)
    return managers
