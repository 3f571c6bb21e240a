"""Wagtail API v2 endpoints of registry records that are not pages: /api/v2/producers/, /api/v2/certificates/."""

from wagtail.api.v2.views import BaseAPIViewSet

from .models import Certificate, Producer


class ProducersAPIViewSet(BaseAPIViewSet):
    model = Producer
    name = "producers"
    body_fields = BaseAPIViewSet.body_fields + [
        "name",
        "slug",
        "kind",
        "tax_code",
        "address",
        "commune",
        "legacy_district",
        "phone",
        "email",
        "website",
        "description",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["name", "slug", "kind", "commune"]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["name", "slug"]

    def get_queryset(self):
        return Producer.objects.select_related("commune").order_by("name", "pk")


class CertificatesAPIViewSet(BaseAPIViewSet):
    """Public fields of certificates of live products; never the verification code."""

    model = Certificate
    name = "certificates"
    body_fields = BaseAPIViewSet.body_fields + [
        "serial",
        "product",
        "level",
        "region",
        "year",
        "score",
        "decision_number",
        "decision_date",
        "issuer",
        "valid_from",
        "valid_until",
        "status",
        "revoked_at",
        "revoked_reason",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["serial", "product", "level", "year", "status"]

    def get_queryset(self):
        return Certificate.objects.filter(product__live=True).select_related("product").order_by("-year", "serial")
