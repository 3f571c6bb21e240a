"""The lifecycle's locks in Wagtail's model screens (Bình chọn → competitions, entries, jurors, conflicts).

Once the council has decided, the delete button of a competition record is hidden (the permission policy and the
listing ask :func:`guards.delete_refusal`) and a direct request to the delete view answers 409 with the reason
(the model-level ``pre_delete`` guard in ``guards`` stays the last line, whatever deletes).
"""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .guards import competition_of, delete_refusal
from .lifecycle import ActionNotAllowed, is_frozen

FROZEN_NOTICE = _(
    "Kết quả đã công bố: mọi thông tin của cuộc bình chọn và hồ sơ đã khóa; kết quả chỉ thay đổi qua "
    "“Sửa đổi kết quả đã công bố”."
)


class LifecyclePermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, minus "delete" on a record whose competition is locked (decided or later)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and delete_refusal(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class LockedIndexView(IndexView):
    """The listing without a delete link on locked records."""

    def get_delete_url(self, instance):
        return None if delete_refusal(instance) else super().get_delete_url(instance)


class LockedDeleteView(DeleteView):
    """Wagtail's delete view that answers 409 with the lifecycle's reason instead of deleting a locked record."""

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission("delete"):
            return super().dispatch(request, *args, **kwargs)
        reason = delete_refusal(self.object)
        if reason:
            return self.refused(reason)
        try:
            return super().dispatch(request, *args, **kwargs)
        except ActionNotAllowed as exc:  # locked between the check and the delete
            return self.refused(exc.reason)

    def refused(self, message):
        """The admin page "refused" with the reason, status 409; nothing was deleted."""
        context = WagtailAdminTemplateMixin.get_context_data(
            self, message=message, competition=competition_of(self.object)
        )
        return render(self.request, "competitions/admin/refused.html", context, status=409)


class LockedEditView(EditView):
    """Wagtail's edit view that says up front, on a published or archived competition or one of its records,
    that nothing can be changed (the model's ``clean`` refuses a change with the same reason)."""

    def get(self, request, *args, **kwargs):
        competition = competition_of(self.get_object())
        if competition is not None and is_frozen(competition):
            messages.warning(request, FROZEN_NOTICE)
        return super().get(request, *args, **kwargs)
