"""Registers the core app's admin screens (see core/viewsets.py), the confirmation before approving
(core/admin_workflow.py) and before publishing (static/js/admin/publish-confirm.js), wagtail-localize's names in
Vietnamese (core/admin_localize.py), the help texts of the editors (core/admin_help.py) and the admin's widget for
many-to-many fields."""

from axes.models import AccessAttempt
from django import forms
from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.permissions import register_permission_policy

from .admin_create import install_create_without_autosave
from .admin_help import editor_panels
from .admin_localize import guarded_urls, submit_translation_for_moderation, translate_localize_names
from .admin_workflow import confirm_approvals, replace_review_panel
from .viewsets import LoginLockoutViewSet, UnlockOnlyPolicy

install_create_without_autosave()

register_permission_policy(AccessAttempt, UnlockOnlyPolicy(AccessAttempt))
translate_localize_names()

# Every many-to-many field of a page or snippet form (ParentalManyToManyField included) is a list of checkboxes, never
# a multi-select that needs Ctrl-click. A panel that names its own widget still wins.
register_form_field_override(models.ManyToManyField, override={"widget": forms.CheckboxSelectMultiple})


@hooks.register("register_admin_viewset")
def register_login_lockouts():
    return LoginLockoutViewSet()


@hooks.register("construct_page_action_menu")
def confirm_page_approval(menu_items, request, context):
    confirm_approvals(menu_items, context.get("page"), request.user)


@hooks.register("construct_snippet_action_menu")
def confirm_snippet_approval(menu_items, request, context):
    confirm_approvals(menu_items, context.get("instance"), request.user)


@hooks.register("construct_homepage_panels")
def confirm_dashboard_approval(request, panels):
    replace_review_panel(panels)


@hooks.register("insert_global_admin_css")
def dashboard_links_css():
    """The dashboard panels' row titles styled as the links they are (static/css/admin/dashboard.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin/dashboard.css"))


@hooks.register("insert_global_admin_js")
def confirm_before_publishing():
    """Every "Xuất bản" button of the admin asks before it publishes (static/js/admin/publish-confirm.js)."""
    question = _("Xuất bản ngay? Nội dung sẽ hiện trên trang web công khai (hoặc vào thời điểm đã hẹn).")
    return format_html('<script src="{}" data-message="{}"></script>', static("js/admin/publish-confirm.js"), question)


@hooks.register("insert_global_admin_js")
def translate_localize_editor():
    """The two English labels wagtail-localize's React editor hard-codes, in the editor's language
    (static/js/admin/localize-editor.js)."""
    return format_html(
        '<script src="{}" data-title="{}" data-more-actions="{}"></script>',
        static("js/admin/localize-editor.js"),
        _("Bản dịch từ %(source)s sang %(target)s"),
        _("Thao tác khác"),
    )


@hooks.register("before_create_page")
def help_on_page_create(request, parent_page, page_class):
    editor_panels(page_class)


@hooks.register("register_admin_urls", order=-1)  # before wagtail-localize's own patterns for the same paths
def localize_publish_guards():
    """wagtail-localize's sync and alias conversion, publishing or discarding only for users allowed to publish."""
    return guarded_urls()


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's translation editor answers the POST
def submit_translation(request, page):
    """The translation editor's "Gửi duyệt": save the translation as a draft and start the moderation workflow."""
    return submit_translation_for_moderation(request, page)


@hooks.register("before_edit_page")
def help_on_page_edit(request, page):
    editor_panels(page.specific_class or type(page))


@hooks.register("before_create_snippet")
def help_on_snippet_create(request, model):
    editor_panels(model)


@hooks.register("before_edit_snippet")
def help_on_snippet_edit(request, instance):
    editor_panels(type(instance))
