"""Fields the Wagtail API v2 (``/api/v2/pages/?type=catalogue.ProductPage&fields=*``) exposes for registry pages.

Only public data: no verification codes, no personal contact beyond what the public pages show.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField


class ProducerSummarySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    kind = serializers.CharField()
    commune = serializers.StringRelatedField()


class CertificatePublicSerializer(serializers.Serializer):
    serial = serializers.CharField()
    level = serializers.CharField()
    region = serializers.CharField()
    year = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2)
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    issuer = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.CharField()


class ArtisanTitleSerializer(serializers.Serializer):
    title = serializers.CharField(source="kind.name")
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    issuer = serializers.CharField()


class TraditionalTradeSerializer(serializers.Serializer):
    name = serializers.CharField()
    years_present = serializers.IntegerField()


def _string(name):
    return APIField(name, serializer=serializers.StringRelatedField())


PRODUCT_API_FIELDS = [
    APIField("product_group"),
    APIField("producer", serializer=ProducerSummarySerializer()),
    _string("commune"),
    APIField("craft_village_id"),
    APIField("summary"),
    APIField("materials"),
    APIField("packaging"),
    APIField("where_to_buy"),
    APIField("body"),
    APIField("hero_image"),
    APIField("hero_image_thumbnail", serializer=ImageRenditionField("fill-480x360", source="hero_image")),
    APIField("certificates", serializer=CertificatePublicSerializer(many=True)),
]

VILLAGE_API_FIELDS = [
    APIField("village_type"),
    APIField("main_trade"),
    APIField("trade_groups", serializer=serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)),
    _string("commune"),
    APIField("legacy_district"),
    APIField("latitude"),
    APIField("longitude"),
    APIField("households_total"),
    APIField("households_in_trade"),
    APIField("households_percentage"),
    APIField("stable_production_years"),
    APIField("is_recognized"),
    APIField("recognition_decision_number"),
    APIField("recognition_decision_date"),
    APIField("recognition_issuer"),
    APIField("traditional_trades", serializer=TraditionalTradeSerializer(many=True)),
    APIField("summary"),
]

ARTISAN_API_FIELDS = [
    APIField("birth_year"),
    APIField("ethnicity"),
    APIField("trade"),
    APIField("craft_village_id"),
    _string("commune"),
    APIField("years_in_trade"),
    APIField("trainees"),
    APIField("titles", serializer=ArtisanTitleSerializer(many=True)),
    APIField("summary"),
    APIField("portrait_thumbnail", serializer=ImageRenditionField("fill-360x480", source="portrait")),
]
