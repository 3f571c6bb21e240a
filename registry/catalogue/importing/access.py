"""Who may import which kind of record: the model permissions of the registry staff role (``core/roles.py``) for
records, and adding and publishing under the index page for pages (an import publishes what it changes)."""

from django.utils.translation import gettext_lazy as _

from ..models import ArtisanIndexPage, CraftVillageIndexPage, ProductIndexPage

KIND_LABELS = {
    "producers": _("Cơ sở sản xuất"),
    "certificates": _("Giấy chứng nhận"),
    "products": _("Sản phẩm"),
    "villages": _("Làng nghề"),
    "artisans": _("Nghệ nhân"),
    "communes": _("Xã/phường"),
    "provinces": _("Tỉnh/thành phố"),
}

_MODEL_PERMISSIONS = {
    "producers": "producer",
    "certificates": "certificate",
    "communes": "commune",
    "provinces": "province",
}
_INDEXES = {"products": ProductIndexPage, "villages": CraftVillageIndexPage, "artisans": ArtisanIndexPage}


def can_import(user, kind):
    """Whether ``user`` may import ``kind``: add and change permission on the model, or for pages the right to
    add and publish pages under the kind's index page."""
    if not user.is_active:
        return False
    if kind in _MODEL_PERMISSIONS:
        model = _MODEL_PERMISSIONS[kind]
        return user.has_perms([f"catalogue.add_{model}", f"catalogue.change_{model}"])
    index = _INDEXES[kind].objects.first()
    if index is None:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_add_subpage() and permissions.can_publish_subpage()


def importable_kinds(user):
    """``[(kind, label)]`` the user may import, in menu order."""
    return [(kind, label) for kind, label in KIND_LABELS.items() if can_import(user, kind)]
