from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer shared by every app (see the package docstring)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        """Connect the page-cache invalidation receivers of signals.py, register the system checks, give every
        SQLite connection the ``kc_fold`` function of ``core.folding``, make every admin listing search fold
        (``core.viewsets``), make the admin's slug fields propose Vietnamese slugs (core/widgets.py), give page
        addresses the active language (core/translation.py), make approving say what it does
        (core/admin_workflow.py), read page privacy once per request (core/visibility.py), find the page of an address in
        one query (core/routing.py) and make automatic redirects in the default language (core/redirects.py)."""
        from django.db.backends.signals import connection_created

        from . import checks, signals, widgets  # noqa: F401  (checks registers itself on import)
        from .admin_workflow import install_approval_actions
        from .folding import register_fold
        from .redirects import install as redirect_in_default_language
        from .routing import install as route_by_url_path
        from .translation import install_localized_urls
        from .viewsets import fold_every_admin_listing
        from .visibility import install as read_view_restrictions_once_per_request

        signals.connect()
        connection_created.connect(register_fold, dispatch_uid="core.folding.register_fold")
        widgets.use_vietnamese_slugs()
        fold_every_admin_listing()
        _vietnamese_full_names()
        install_localized_urls()
        install_approval_actions()
        read_view_restrictions_once_per_request()
        route_by_url_path()
        redirect_in_default_language()


def _vietnamese_full_names():
    """Make ``User.get_full_name()`` — what Django and Wagtail's admin show (user listings, the account menu,
    workflow e-mails) — give the Vietnamese order of ``core.text.person_name``: "Đinh Thị Mai", not "Mai Đinh Thị".
    ``get_short_name()`` stays the given name, which is how Vietnamese people are addressed."""
    from django.contrib.auth import get_user_model

    from .text import person_name

    def get_full_name(self):
        return person_name(self) if (self.first_name or self.last_name) else ""

    get_user_model().get_full_name = get_full_name
