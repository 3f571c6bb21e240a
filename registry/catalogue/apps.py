from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """The registry of products, producers, artisans, craft villages and certificates."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "registry.catalogue"
    label = "catalogue"
    verbose_name = _("Danh mục sản phẩm")

    def ready(self):
        """Declare the catalogue's searchable types to the search app and connect the receivers of signals.py."""
        from . import signals
        from .product_search import registration

        registration.register()
        signals.connect()
