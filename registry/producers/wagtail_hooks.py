"""Registers the staff screens of the producers' portal in the Wagtail admin (``admin_views``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views


class ProducerAccountsViewSet(ViewSet):
    """Menu "Yêu cầu nhận cơ sở" at /admin/co-so-san-xuat/, shown to users who may review claims."""

    name = "producers_admin"
    icon = "user"
    menu_label = _("Yêu cầu nhận cơ sở")
    url_prefix = "co-so-san-xuat"

    def get_urlpatterns(self):
        return [
            path("", admin_views.QueueView.as_view(), name="index"),
            path("<int:pk>/", admin_views.ClaimView.as_view(), name="claim"),
            path("moi/", admin_views.InviteView.as_view(), name="invite"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: admin_views.may_review(request.user)
        return item


@hooks.register("register_admin_viewset")
def register_viewset():
    return ProducerAccountsViewSet()
