"""The dashboard's "Lối tắt" panel: one click to the tasks an editor does every day (write news, add a product, upload
pictures, import the registry), each shown only to users who may do it. Registered in ``home/wagtail_hooks.py``."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from news.models import NewsIndexPage, NewsPage
from registry.catalogue.importing.access import importable_kinds
from registry.catalogue.models import ProductIndexPage, ProductPage


@dataclass(frozen=True)
class Shortcut:
    """One button of the panel: its label, a one-line description, the admin URL and a Wagtail icon name."""

    label: str
    description: str
    url: str
    icon: str


def _add_page_url(user, index_model, page_model):
    """The "add a page" URL of ``page_model`` under the first ``index_model`` page, if ``user`` may add there."""
    index = index_model.objects.first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        return None
    meta = page_model._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, index.pk))


def shortcuts_for(user):
    """The shortcuts ``user`` may use, in the order of the panel (a list of ``Shortcut``)."""
    shortcuts = []
    if url := _add_page_url(user, NewsIndexPage, NewsPage):
        shortcuts.append(Shortcut(_("Viết tin mới"), _("Soạn một tin bài rồi gửi duyệt"), url, "doc-full-inverse"))
    if url := _add_page_url(user, ProductIndexPage, ProductPage):
        shortcuts.append(Shortcut(_("Thêm sản phẩm"), _("Thêm một sản phẩm vào danh mục"), url, "plus"))
    if policy_registry.get_by_type(get_image_model()).user_has_permission(user, "add"):
        url = reverse("wagtailimages:add_multiple")
        shortcuts.append(Shortcut(_("Tải ảnh lên"), _("Thêm ảnh vào thư viện ảnh"), url, "image"))
    if importable_kinds(user):
        url = reverse("catalogue_import:index")
        shortcuts.append(Shortcut(_("Nhập dữ liệu"), _("Nhập sổ đăng ký từ tệp Excel hoặc CSV"), url, "upload"))
    return shortcuts


class ShortcutsPanel(Component):
    """The dashboard panel listing ``shortcuts_for(request.user)``, first on the page."""

    name = "shortcuts"
    template_name = "wagtailadmin/home/shortcuts.html"
    order = 50

    def __init__(self, shortcuts):
        self.shortcuts = shortcuts

    def get_context_data(self, parent_context):
        return {"shortcuts": self.shortcuts}


def add_shortcuts_panel(request, panels):
    """Put the panel first on the dashboard (``construct_homepage_panels``) when the user has a shortcut."""
    shortcuts = shortcuts_for(request.user)
    if shortcuts:
        panels.insert(0, ShortcutsPanel(shortcuts))
