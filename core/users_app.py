"""Wagtail's users app with the project's user screens (listed in ``INSTALLED_APPS`` in place of ``wagtail.users``).

Kept out of ``core/apps.py`` so that Django still finds ``CoreConfig`` as the one app config of ``core``."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """``wagtail.users`` (same label, models and templates) whose user listing search folds like every other admin
    listing: "nguyen van an" finds "Nguyễn Văn An" (``core.viewsets.UserViewSet``)."""

    user_viewset = "core.viewsets.UserViewSet"
