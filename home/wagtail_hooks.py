"""Registers the dashboard's shortcuts panel (home/admin_shortcuts.py) and the help text of the home app's editors."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin_help import register_help_texts

from .admin_shortcuts import add_shortcuts_panel

register_help_texts({"home.standardpage": {"body": _("Nội dung trang: đoạn văn, ảnh, bảng; bấm dấu + để thêm khối.")}})


@hooks.register("construct_homepage_panels")
def shortcuts_panel(request, panels):
    add_shortcuts_panel(request, panels)
