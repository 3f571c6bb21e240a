"""Admin screens of the core app: the folded search every admin listing uses, and the login lockouts staff can lift
(Settings → Khoá đăng nhập)."""

from functools import cache

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.search.index import class_is_indexed
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .folding import folded_search
from .slug_forms import slug_proposing_form

_wagtail_search_queryset = BaseListingView.search_queryset


def folded_search_queryset(view, queryset):
    """The search of an admin listing view (``BaseListingView.search_queryset``): a model that is not indexed (or
    whose view turns the search backend off) is searched by folded text (``core.folding``) instead of Django's
    ``icontains``, so "gia lai", "GIA LAI", "Đak" or the NFD form of a name typed on a Mac all find "Gia Lai",
    "Đắk Đoa". Indexed models keep Wagtail's search, which folds through ``search/backends/wagtail_vi.py``."""
    indexed = class_is_indexed(queryset.model) and view.search_backend_name
    if not view.is_searching or indexed or not view.search_fields:
        return _wagtail_search_queryset(view, queryset)
    return folded_search(queryset, view.search_fields or [], view.search_query)


def fold_every_admin_listing():
    """Make :func:`folded_search_queryset` the search of every admin listing built on Wagtail's generic listing
    view, Wagtail's own included (users, groups, workflows, tasks, redirects, sites). Called once from
    ``CoreConfig.ready()``; ``tests/test_admin_listing_search.py`` walks the admin's URLs and fails for a listing
    that does not fold."""
    BaseListingView.search_queryset = folded_search_queryset


class FoldedSearchListingMixin:
    """Mixed into an admin listing view of the project: its search is :func:`folded_search_queryset`, whatever a
    base class between it and ``BaseListingView`` does."""

    search_queryset = folded_search_queryset


@cache
def folded_listing_view(view_class):
    """``view_class`` with :class:`FoldedSearchListingMixin` mixed in (one class per listing view class)."""
    if issubclass(view_class, FoldedSearchListingMixin):
        return view_class
    return type(view_class.__name__, (FoldedSearchListingMixin, view_class), {"__module__": view_class.__module__})


class FoldedSearchViewSetMixin:
    """Mixed into every model or snippet viewset of the project: each of its listing views (index and its results
    fragment, whatever ``index_view_class`` the viewset sets) searches folded text (:class:`FoldedSearchListingMixin`).

    ``tests/test_admin_listing_search.py`` walks every registered viewset and fails for one that does not fold."""

    def construct_view(self, view_class, **kwargs):
        if isinstance(view_class, type) and issubclass(view_class, BaseListingView):
            view_class = folded_listing_view(view_class)
        return super().construct_view(view_class, **kwargs)


class SlugProposingViewSetMixin:
    """Mixed into every model or snippet viewset of the project: a model with a slug and a name proposes the slug
    from the name while a new row is typed, and fills or numbers it on the server (``core.slug_forms``)."""

    def get_form_class(self, for_update=False):
        return slug_proposing_form(super().get_form_class(for_update))


class FoldedModelViewSet(SlugProposingViewSetMixin, FoldedSearchViewSetMixin, ModelViewSet):
    """A ``ModelViewSet`` whose listing search folds (see :class:`FoldedSearchViewSetMixin`) and whose slug is
    proposed from the name (:class:`SlugProposingViewSetMixin`)."""


class FoldedSnippetViewSet(SlugProposingViewSetMixin, FoldedSearchViewSetMixin, SnippetViewSet):
    """A ``SnippetViewSet`` whose listing search folds (see :class:`FoldedSearchViewSetMixin`) and whose slug is
    proposed from the name (:class:`SlugProposingViewSetMixin`)."""


class UserViewSet(FoldedSearchViewSetMixin, WagtailUserViewSet):
    """Wagtail's user screens (Settings → Users) with a folded search: "nguyen van an" finds "Nguyễn Văn An" by
    username, family and middle names, given name or e-mail. Installed by ``core.users_app.UsersConfig``."""


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


class LoginLockoutViewSet(FoldedModelViewSet):
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
