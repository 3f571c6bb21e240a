"""The staff roles of the site, declared once: each role is an ``auth.Group`` with a Vietnamese name, its model
permissions, its Wagtail page permissions (granted on the sections ``setup_site`` passes in) and its permissions
on the root collection of images and documents.

``manage.py setup_site`` applies them (``ensure_roles``); nothing else creates these groups. Wagtail's own
migrations create the groups "Editors" and "Moderators" with page permissions on the root page: ``ensure_roles``
renames them to their Vietnamese names (``legacy_names``) and keeps those permissions, so a site never has both.

Permissions are only ever added (an administrator may grant more in Settings → Groups); the one rule enforced on
every run is that editors never publish (the news moderation workflow relies on it).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

ACCESS_ADMIN = "wagtailadmin.access_admin"
MEDIA_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtailimages.change_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.change_document",
)

# wagtail-localize's "Can submit translations" (its migration 0006 hangs it off a content type of no model and gives it
# only to groups named "Editors"/"Moderators" at that moment; ``ensure_roles`` recreates it when it is missing).
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

# Page sections a role may be scoped to; ``setup_site`` maps each to the index pages it created.
SECTION_NEWS = "news"  # /tin-tuc/ and /ban-tin/
SECTION_CATALOGUE = "catalogue"  # /san-pham/, /lang-nghe/, /nghe-nhan/


@dataclass(frozen=True)
class Role:
    """One staff role: the group ``name`` (Vietnamese, shown in the admin), what it is for, the names the group had
    before (renamed on setup), model permissions as ``"app_label.codename"``, Wagtail page permission codenames
    granted on each page of ``page_sections``, and whether it may upload and choose pictures and documents."""

    key: str
    name: str
    description: str
    legacy_names: tuple = ()
    permissions: tuple = ()
    page_permissions: tuple = ()
    page_sections: tuple = ()
    media: bool = False


def _crud(app_label, *models, actions=("add", "change", "delete", "view")):
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions)


EDITORS = Role(
    key="editors",
    name="Biên tập viên",
    description="Viết và sửa tin, trang; gửi duyệt, không tự xuất bản.",
    legacy_names=("Editors",),
    permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
    page_permissions=("add_page", "change_page"),
    page_sections=(SECTION_NEWS,),
    media=True,
)
MODERATORS = Role(
    key="moderators",
    name="Người duyệt tin",
    description="Duyệt và xuất bản tin, trang; khóa và mở khóa trang.",
    legacy_names=("Moderators",),
    permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    page_sections=(SECTION_NEWS,),
    media=True,
)
REGISTRY_STAFF = Role(
    key="registry_staff",
    name="Cán bộ sổ đăng ký",
    description="Cập nhật cơ sở sản xuất, giấy chứng nhận, sản phẩm, làng nghề, nghệ nhân và cộng tác viên.",
    permissions=(
        ACCESS_ADMIN,
        *_crud("catalogue", "producer", "certificate", actions=("add", "change", "view")),
        "catalogue.publish_producer",  # producers have drafts and a workflow (producers' proposals of corrections)
        *_crud("catalogue", "commune", "traditionaltrade", "artisantitle", actions=("view",)),
        "producers.review_producerclaim",  # the producers' portal: approve claims, invite producers
        *_crud("training", "collaborator"),  # the collaborator network (cộng tác viên khuyến công) by commune
    ),
    page_permissions=("add_page", "change_page", "publish_page"),
    page_sections=(SECTION_CATALOGUE,),
    media=True,
)
COMPETITION_MANAGERS = Role(
    key="competition_managers",
    name="Quản lý bình chọn",
    description="Quản lý cuộc bình chọn, hồ sơ, hội đồng, kết quả và giấy chứng nhận.",
    permissions=(
        ACCESS_ADMIN,
        "competitions.manage_competitions",
        "competitions.view_scoresheet",
        "competitions.view_auditentry",
        "producers.view_application",  # Reports → Site history shows the review steps of producers' applications
        *_crud("competitions", "competition", "rubric", "criterion", "entry", "entrydocument", "juror", "conflict"),
    ),
)
# No model permission: the judges' portal checks membership of a competition's council (``Juror``), not the group.
JURORS = Role(key="jurors", name="Giám khảo", description="Chấm điểm hồ sơ được phân công trên cổng giám khảo.")

ROLES = (EDITORS, MODERATORS, REGISTRY_STAFF, COMPETITION_MANAGERS, JURORS)


def _permissions(dotted_names):
    """Return the ``Permission`` rows of ``"app_label.codename"`` names; raise ``LookupError`` naming any missing."""
    wanted = {tuple(name.split(".", 1)) for name in dotted_names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in={c for _, c in wanted}).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    }
    missing = sorted(".".join(key) for key in wanted - found.keys())
    if missing:
        raise LookupError("Missing permissions (run migrate first): " + ", ".join(missing))
    return list(found.values())


def _ensure_submit_translation_permission():
    """Create wagtail-localize's ``submit_translation`` permission as its migration 0006 does, if it is missing (a
    database flushed after migrate, as transactional tests do, loses it: no model declares it)."""
    app_label, codename = SUBMIT_TRANSLATION.split(".")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model="translation")
    Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": "Can submit translations"}
    )


def role_group(role):
    """The group of ``role`` (``Group.DoesNotExist`` before ``setup_site`` has run)."""
    return Group.objects.get(name=role.name)


def _group_for(role):
    """Get the role's group, renaming a legacy group (Wagtail's "Editors"/"Moderators") when there is one;
    return ``(group, what)`` where ``what`` is "created", "renamed from …" or "found"."""
    group = Group.objects.filter(name=role.name).first()
    if group is not None:
        return group, "found"
    legacy = Group.objects.filter(name__in=role.legacy_names).first()
    if legacy is not None:
        old = legacy.name
        legacy.name = role.name
        legacy.save(update_fields=["name"])
        return legacy, "renamed from " + old
    return Group.objects.create(name=role.name), "created"


@transaction.atomic
def ensure_roles(sections=None):
    """Create (or rename) every role's group and add its permissions; idempotent.

    ``sections`` maps a section name (``SECTION_NEWS``, ``SECTION_CATALOGUE``) to the pages on which a role scoped to
    that section receives its page permissions. Returns ``[(role, group, what)]`` where ``what`` says whether the
    group was "created", "renamed from …" or "found". Raises ``LookupError`` if migrations have not run.
    """
    sections = sections or {}
    _ensure_submit_translation_permission()
    root_collection = Collection.get_first_root_node()
    report = []
    for role in ROLES:
        group, what = _group_for(role)
        if role.permissions:
            group.permissions.add(*_permissions(role.permissions))
        for section in role.page_sections:
            for page in sections.get(section, ()):
                for permission in _permissions("wagtailcore." + codename for codename in role.page_permissions):
                    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
        if role.media and root_collection is not None:
            for permission in _permissions(MEDIA_PERMISSIONS):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        report.append((role, group, what))
    # Editors submit for moderation and never publish, wherever a publish permission came from.
    GroupPagePermission.objects.filter(group__name=EDITORS.name, permission__codename="publish_page").delete()
    return report
