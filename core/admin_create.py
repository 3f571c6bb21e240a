"""A new page exists only once its editor saves it.

Wagtail 8 autosaves the create view: typing a title and picking an image in "Viết tin mới" creates a draft page
(and takes its slug) without a click on "Lưu nháp", so every abandoned attempt left an orphan draft under its parent
and pushed the real article to ``…-9``. ``WAGTAIL_AUTOSAVE_INTERVAL`` is one setting for both views, so
``CreateWithoutAutosaveView`` turns autosave off on the create view only: the editor (the page exists, it was saved
on purpose) keeps autosaving. ``install_create_without_autosave`` makes it the create view of every page type that
has no page viewset of its own (all of ours); called once from ``core/wagtail_hooks.py``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import base_page_viewset


class CreateWithoutAutosaveView(CreateView):
    """Wagtail's page create view with autosave off: the page is created by "Lưu nháp", "Gửi duyệt" or "Xuất bản",
    never by the autosave controller (no ``w-autosave`` in the form, and a JSON autosave post from an old tab is
    refused with a 400 instead of creating a page)."""

    def get_context_data(self, **kwargs):
        """The create form without the autosave controller and its "saved" indicator."""
        self.autosave_enabled = False
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context.pop("autosave_indicator", None)
        return context

    def post(self, request, *args, **kwargs):
        """Refuse an autosave (JSON) post: only a submitted form creates a page."""
        if self.expects_json_response:
            return self.json_error_response("autosave_disabled", _("Trang mới chỉ được tạo khi bấm Lưu nháp."))
        return super().post(request, *args, **kwargs)


def install_create_without_autosave():
    """Make ``CreateWithoutAutosaveView`` the create view of Wagtail's default page viewset (used by every page type
    that has no ``PageViewSet`` of its own)."""
    base_page_viewset.add_view_class = CreateWithoutAutosaveView
