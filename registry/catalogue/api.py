"""Fields the Wagtail API v2 (``/api/v2/pages/?type=catalogue.ProductPage&fields=*``) exposes for registry pages.

Derived from the declarations of ``public_fields.py``; here only the serializers of nested records and pictures.
Only public data: no verification codes, no personal contact beyond what the public pages show.
"""

from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField

from .public_fields import (
    ARTISAN_FIELDS,
    CERTIFICATE_FIELDS,
    PRODUCER_FIELDS,
    PRODUCER_SUMMARY,
    PRODUCT_FIELDS,
    VILLAGE_FIELDS,
    nested_serializer,
    wagtail_api_fields,
)

ProducerSummarySerializer = nested_serializer("ProducerSummarySerializer", PRODUCER_FIELDS, only=PRODUCER_SUMMARY)
# A product's certificates, inside the product's record: every public field but the product itself.
CertificatePublicSerializer = nested_serializer("CertificatePublicSerializer", CERTIFICATE_FIELDS, exclude={"product"})


class ArtisanTitleSerializer(serializers.Serializer):
    title = serializers.CharField(source="kind.name")
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    issuer = serializers.CharField()


class TraditionalTradeSerializer(serializers.Serializer):
    name = serializers.CharField()
    years_present = serializers.IntegerField()


PRODUCT_API_FIELDS = wagtail_api_fields(
    PRODUCT_FIELDS,
    {
        "producer": ProducerSummarySerializer(),
        "hero_image_thumbnail": ImageRenditionField("fill-480x360", source="hero_image"),
        "certificates": CertificatePublicSerializer(many=True),
    },
)

VILLAGE_API_FIELDS = wagtail_api_fields(VILLAGE_FIELDS, {"traditional_trades": TraditionalTradeSerializer(many=True)})

ARTISAN_API_FIELDS = wagtail_api_fields(
    ARTISAN_FIELDS,
    {
        "titles": ArtisanTitleSerializer(many=True),
        "portrait_thumbnail": ImageRenditionField("fill-360x480", source="portrait"),
    },
)
