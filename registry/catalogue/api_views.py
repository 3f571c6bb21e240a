"""Wagtail API v2 endpoints of registry records that are not pages: /api/v2/producers/, /api/v2/certificates/.

Their fields are the API fields declared in ``public_fields.py``."""

from wagtail.api.v2.views import BaseAPIViewSet

from .models import Certificate, Producer
from .public_fields import CERTIFICATE_FIELDS, PRODUCER_FIELDS, api_names


class ProducersAPIViewSet(BaseAPIViewSet):
    """Public fields of producers (establishments: their contact details are public business data)."""

    model = Producer
    name = "producers"
    body_fields = BaseAPIViewSet.body_fields + api_names(PRODUCER_FIELDS)
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["name", "slug", "kind", "commune"]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["name", "slug"]

    def get_queryset(self):
        return Producer.objects.filter(live=True).select_related("commune").order_by("name", "pk")


class CertificatesAPIViewSet(BaseAPIViewSet):
    """Public fields of certificates of live public products (``publicly_visible``); never the verification code."""

    model = Certificate
    name = "certificates"
    body_fields = BaseAPIViewSet.body_fields + api_names(CERTIFICATE_FIELDS)
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["serial", "product", "level", "year", "status"]

    def get_queryset(self):
        return Certificate.objects.publicly_visible().select_related("product").order_by("-year", "serial")
