"""The one declaration of a support project's fields as the outside world sees them (API, open data, admin
import), with the catalogue's ``PublicField`` (``registry/catalogue/public_fields.py``).

Privacy: the staff's contact person and phone of a project are never declared. Beneficiary producers are
published by name and address of their public profile, as the catalogue's open data publishes every producer
(a household business carries its owner's name as its trade name; its representative is never published).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.catalogue.api import ProducerSummarySerializer
from registry.catalogue.importing import parsers as p
from registry.catalogue.models import Producer
from registry.catalogue.public_fields import DATE, INTEGER, F, attribute, page_url, text_of, wagtail_api_fields

from .choices import FundingSource, ProjectStatus


def live_producers(with_commune=False):
    """Prefetch of a project's beneficiary producers that are published (a producer the center unpublished is named
    nowhere public: not on the project page, in open data or the API), for ``prefetch_related``."""
    queryset = Producer.objects.filter(live=True).order_by("sort_key", "name")
    return Prefetch("producers", queryset=queryset.select_related("commune") if with_commune else queryset)


def _producer_names(project, request=None):
    return "; ".join(producer.name for producer in project.producers.all() if producer.live)


def _producer_slugs(project, request=None):
    return "; ".join(producer.slug for producer in project.producers.all())


def _village_titles(project, request=None):
    return "; ".join(village.title for village in project.public_villages)


def _village_slugs(project, request=None):
    return "; ".join(village.slug for village in project.public_villages)


class VillageSummarySerializer(serializers.Serializer):
    """What a project's API record shows of a beneficiary craft village."""

    title = serializers.CharField()
    slug = serializers.CharField()


def _choice_label(name):
    def read(project, request=None):
        return str(getattr(project, f"get_{name}_display")())

    return read


PROJECT_FIELDS = [
    F("slug", _("đường dẫn"), parse=p.slug, required=True, api=False),
    F("title", _("tên đề án"), parse=p.text, required=True, api=False),
    F("url", _("địa chỉ trang"), read=page_url, api=False),
    F("year", _("năm"), type=INTEGER, parse=p.year, required=True),
    F("funding_source", _("nguồn kinh phí"), parse=p.choice(FundingSource), required=True),
    F("funding_source_label", _("tên nguồn kinh phí"), read=_choice_label("funding_source"), api=False),
    F("programme_content", _("nội dung khuyến công"), read=attribute("programme_content.code"), parse=p.text,
      required=True),
    F("programme_content_name", _("tên nội dung khuyến công"), read=text_of("programme_content"), api=False),
    F("decision_number", _("số quyết định"), parse=p.text),
    F("decision_date", _("ngày quyết định"), type=DATE, parse=p.date),
    F("support_amount", _("kinh phí hỗ trợ (đồng)"), type=INTEGER, parse=p.integer),
    F("counterpart_amount", _("vốn đối ứng (đồng)"), type=INTEGER, parse=p.integer),
    # Import: tax codes or slugs of producers, separated by ";". API: a summary of each producer.
    F("producers", _("cơ sở thụ hưởng"), read=_producer_slugs, parse=p.text, open_data=False),
    F("producer_names", _("tên cơ sở thụ hưởng"), read=_producer_names, api=False),
    F("producer_slugs", _("đường dẫn cơ sở thụ hưởng"), read=_producer_slugs, api=False),
    F("villages", _("làng nghề thụ hưởng"), read=_village_slugs, parse=p.text, open_data=False),
    F("village_names", _("tên làng nghề thụ hưởng"), read=_village_titles, api=False),
    F("beneficiary_group", _("nhóm thụ hưởng"), parse=p.text),
    F("commune", _("xã/phường"), read=text_of("commune")),
    F("commune_code", _("mã xã/phường"), read=attribute("commune.code"), parse=p.text, api=False),
    F("status", _("tình trạng"), parse=p.choice(ProjectStatus), required=True),
    F("status_label", _("tên tình trạng"), read=_choice_label("status"), api=False),
    F("cancellation_reason", _("lý do hủy"), parse=p.text),
    F("jobs", _("việc làm tạo mới hoặc duy trì"), type=INTEGER, parse=p.integer),
    F("capacity_added", _("năng lực tăng thêm"), parse=p.text),
    F("trainees", _("số học viên"), type=INTEGER, parse=p.integer),
    F("products_developed", _("sản phẩm phát triển"), type=INTEGER, parse=p.integer),
    F("summary", _("tóm tắt"), parse=p.text),
]  # fmt: skip

PROJECT_API_FIELDS = wagtail_api_fields(
    PROJECT_FIELDS,
    {
        "producers": ProducerSummarySerializer(many=True),
        "villages": VillageSummarySerializer(many=True, source="public_villages"),
    },
)
