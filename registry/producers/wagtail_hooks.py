"""Registers the staff screens of the producers' portal in the Wagtail admin: claims and invitations
(``admin_views``, registry staff), the review queue of online applications (``review_views``, competition
managers), and the audit-log labels of the applications' transitions (``services.history``)."""

from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter

from . import admin_views, review_views
from .choices import ApplicationAction
from .services.history import CLAIM_LOG_ACTIONS, LOG_ACTIONS
from .services.review import may_review


class ProducerAccountsViewSet(ViewSet):
    """Menu "Yêu cầu nhận cơ sở" at /admin/co-so-san-xuat/, shown to users who may review claims."""

    name = "producers_admin"
    icon = "user"
    add_to_admin_menu = True
    menu_label = _("Yêu cầu nhận cơ sở")
    url_prefix = "co-so-san-xuat"

    def get_urlpatterns(self):
        return [
            path("", admin_views.QueueView.as_view(), name="index"),
            path("<int:pk>/", admin_views.ClaimView.as_view(), name="claim"),
            path("moi/", admin_views.InviteView.as_view(), name="invite"),
            path("tai-khoan/<int:pk>/thu-hoi/", admin_views.RevokeView.as_view(), name="revoke"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: admin_views.may_review(request.user)
        return item


class ApplicationReviewViewSet(ViewSet):
    """Menu "Hồ sơ đăng ký" at /admin/ho-so-dang-ky/: the review queue, shown to competition managers."""

    name = "producer_applications"
    icon = "doc-full"
    add_to_admin_menu = True
    menu_label = _("Hồ sơ đăng ký")
    url_prefix = "ho-so-dang-ky"

    def get_urlpatterns(self):
        return [
            path("", review_views.QueueView.as_view(), name="index"),
            path("<int:pk>/", review_views.ApplicationView.as_view(), name="application"),
            path("<int:pk>/tep/<int:document_pk>/", review_views.DocumentView.as_view(), name="document"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: may_review(request.user)
        return item


@hooks.register("register_admin_viewset")
def register_viewset():
    return ProducerAccountsViewSet()


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ApplicationReviewViewSet()


class ApplicationLogFormatter(LogFormatter):
    """One transition of an online application in Reports → Site history: the step, and the staff's message."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        text = gettext("Hồ sơ đăng ký %(code)s: %(step)s") % {"code": data.get("code", ""), "step": self.label}
        if data.get("entry"):
            text += " " + gettext("(hồ sơ tham gia %(entry)s)") % {"entry": data["entry"]}
        if data.get("note"):
            text += ": " + data["note"]
        return text + "."


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for step, name in LOG_ACTIONS.items():
        formatter = type(
            f"Log{step.name.title()}", (ApplicationLogFormatter,), {"label": ApplicationAction(step).label}
        )
        actions.register_action(name)(formatter)


#: Labels of the steps of a claim in Reports → Site history.
CLAIM_STEP_LABELS = {
    "request": _("đề nghị nhận cơ sở"),
    "approve": _("duyệt yêu cầu nhận cơ sở"),
    "reject": _("từ chối yêu cầu nhận cơ sở"),
    "revoke": _("thu hồi quyền đại diện cơ sở"),
}


class ClaimLogFormatter(LogFormatter):
    """One step of a claim in Reports → Site history: the step, the account, the producer and the reason."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        text = gettext("%(account)s – %(producer)s: %(step)s") % {
            "account": data.get("account", ""),
            "producer": data.get("producer", ""),
            "step": self.label,
        }
        if data.get("reason"):
            text += " (" + data["reason"] + ")"
        return text + "."


@hooks.register("register_log_actions")
def register_claim_actions(actions):
    for step, name in CLAIM_LOG_ACTIONS.items():
        formatter = type(f"LogClaim{step.title()}", (ClaimLogFormatter,), {"label": CLAIM_STEP_LABELS[step]})
        actions.register_action(name)(formatter)
