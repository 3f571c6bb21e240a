from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    """The producers' portal (``/co-so-san-xuat/``): producer accounts, claims of producer records, invitations
    and the producer's dashboard of its own products, certificates and entries."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "registry.producers"
    label = "producers"
    verbose_name = _("Tài khoản cơ sở sản xuất")

    def ready(self):
        from . import corrections  # the catalogue's models are ready now

        corrections.connect_signals()
