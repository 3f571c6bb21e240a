"""The one declaration of each registry record's fields as the outside world sees them.

Every surface that shows a record's fields outside its page is derived from the tables below:

- the Wagtail API v2 (``api_fields`` of the models, the nested serializers, the ``body_fields`` of the
  producer and certificate endpoints) from the fields marked ``api``;
- open data (``/du-lieu-mo/<kind>.csv|json``) from the fields marked ``open_data``: their ``name`` is the public
  column name, which must not change (users' scripts read it);
- the admin exports (CSV/XLSX of Registry → …) from the fields marked ``export``, headed by ``label``;
- the import schemas (``import_registry`` and the templates ``/du-lieu-mo/mau/<kind>.csv``) from the fields with
  a ``parse`` function.

Privacy: verification codes are never declared (they prove possession of a certificate); the name of a
producer's representative (a private person) is declared for the staff's export and import only.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.api import APIField

from core.canonical import page_url as canonical_page_url
from core.canonical import site_url
from core.cells import safe_cell

from .choices import CommuneKind, Level, ProducerKind, ProductGroup, Region, TradeGroup, VillageType
from .importing import parsers as p

TEXT, INTEGER, DECIMAL, DATE, BOOLEAN, CODES = "text", "integer", "decimal", "date", "boolean", "codes"
"""The types of a public field. Their JSON value, the same in open data and in the API (``PublicField.json_value``):

- ``TEXT``: a string, ``""`` when there is nothing (never ``null``);
- ``INTEGER``, ``DECIMAL``: a JSON number (a decimal as its float: ``78.5``, ``13.98``), ``null`` when unknown;
- ``DATE``: ``"YYYY-MM-DD"`` (a date-time as its local date), ``null`` when there is none;
- ``BOOLEAN``: ``true``/``false``, ``null`` when unknown;
- ``CODES``: a list of codes (``["det", "gom"]``), ``[]`` when there is none; one cell of codes joined by ``,`` in
  CSV and in the import.

CSV cells are text: numbers as written in the database (``"-13.500000"``), ISO dates, ``""`` for nothing."""


def attribute(path):
    """A reader of the dotted attribute ``path`` (``"producer.slug"``); ``None`` when a link on the way is empty."""

    def read(obj, request=None):
        for name in path.split("."):
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return obj

    return read


def page_url(obj, request=None):
    """The absolute URL of a page or record on ``SITE_URL`` (core/canonical.py), whatever the request's host."""
    if hasattr(obj, "get_url_parts"):
        return canonical_page_url(obj)
    return site_url(obj.get_absolute_url())


def text_of(path):
    """A reader of ``str()`` of the related object at ``path`` (``""`` when empty): communes, products."""
    inner = attribute(path)

    def read(obj, request=None):
        value = inner(obj, request)
        return "" if value is None else str(value)

    return read


@dataclass(frozen=True)
class PublicField:
    """One field of a record as the outside world sees it.

    ``name``: the API field, open-data column and import column name. ``label``: the column heading of exports
    (Vietnamese, translated). ``read(obj, request)``: its value (default: the attribute ``name``). ``type``: one of
    ``TEXT``, ``INTEGER``, ``DECIMAL``, ``DATE``, ``BOOLEAN``. ``parse``: the import parser (``None``: not
    importable); ``required``: the import rejects an empty cell. ``api``: in the API, with the value and JSON type
    open data has (``json_value``), unless ``native``: the model field's own serializer, or the one the API module
    gives (stream fields, pictures, nested records). ``open_data``, ``export``: in open data, in the admin
    export."""

    name: str
    label: Any  # a lazy translation
    read: Callable[..., Any] | None = None
    type: str = TEXT
    parse: Callable[[Any], Any] | None = None
    required: bool = False
    api: bool = True
    native: bool = False
    open_data: bool = True
    export: bool = True

    def value(self, obj, request=None):
        """The raw value of this field for ``obj`` (a str, number, date, bool or None)."""
        reader = self.read or attribute(self.name)
        return reader(obj, request)

    def json_value(self, value):
        """``value`` (from ``value()``) as open-data JSON and the API publish it, by this field's ``type`` (see the
        types above): the one rule of JSON types and empty values. Raises ``ValueError`` for a value the type
        cannot hold (a declaration that does not match its model field)."""
        if self.type == TEXT:
            return "" if value is None else str(value)
        if self.type == CODES:
            return [] if value is None else [str(code) for code in value]
        if value is None or value == "":
            return None
        if self.type == INTEGER:
            return int(value)
        if self.type == DECIMAL:
            return float(value)
        if self.type == DATE:
            if isinstance(value, datetime.datetime):
                value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
            return value.isoformat()
        if self.type == BOOLEAN:
            return bool(value)
        raise ValueError(f"unknown public field type {self.type!r}")

    def csv_value(self, value):
        """``value`` as one CSV cell of open data (text): as written in the database, ISO dates, codes joined by
        ``,``, ``""`` for nothing. Made safe for spreadsheets (``core.cells.safe_cell``)."""
        if value is None:
            return ""
        if self.type == CODES:
            value = ",".join(str(code) for code in value)
        elif isinstance(value, datetime.date):
            value = self.json_value(value)
        return str(safe_cell(value))


class PublicValueField(serializers.Field):
    """The DRF field of a declared ``PublicField`` in the API: the value ``PublicField.value`` reads, as
    ``PublicField.json_value`` types it, so that the API and open-data JSON agree field by field."""

    def __init__(self, public_field, **kwargs):
        self.public_field = public_field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request") if hasattr(self, "parent") else None
        return self.public_field.json_value(self.public_field.value(obj, request))


def F(name, label, api_only=False, **options):  # noqa: N802 (a short constructor keeps the tables readable)
    """A ``PublicField``; ``api_only``: a field only the API carries, with its own serializer (images, stream
    fields, nested records)."""
    if api_only:
        options.update(open_data=False, export=False, native=True)
    return PublicField(name, label, **options)


# -- records that are not pages -------------------------------------------------------------------------------

PROVINCE_FIELDS = [
    F("code", _("mã"), parse=p.text, required=True, api=False, open_data=False),
    F("name", _("tên"), parse=p.text, required=True, api=False, open_data=False),
]

COMMUNE_FIELDS = [
    F("code", _("mã"), parse=p.text, required=True, api=False, open_data=False),
    F("name", _("tên"), parse=p.text, required=True, api=False, open_data=False),
    F("kind", _("loại"), parse=p.choice(CommuneKind), required=True, api=False, open_data=False),
    F("province", _("tỉnh"), read=text_of("province"), api=False, open_data=False),
    F("province_code", _("mã tỉnh"), read=attribute("province.code"), parse=p.text, required=True, api=False,
      open_data=False, export=False),
    F("effective_from", _("hiệu lực từ"), type=DATE, parse=p.date, api=False, open_data=False),
    F("effective_until", _("hiệu lực đến"), type=DATE, parse=p.date, api=False, open_data=False),
]  # fmt: skip

PRODUCER_FIELDS = [
    F("slug", _("đường dẫn"), parse=p.slug),
    F("name", _("tên cơ sở"), parse=p.text, required=True),
    F("kind", _("loại hình"), parse=p.choice(ProducerKind), required=True),
    F("tax_code", _("mã số thuế"), parse=p.text),
    F("representative", _("người đại diện"), parse=p.text, api=False, open_data=False),
    F("address", _("địa chỉ"), parse=p.text),
    F("commune", _("xã/phường"), read=text_of("commune")),
    F("commune_code", _("mã xã/phường"), read=attribute("commune.code"), parse=p.text, api=False, export=False),
    F("legacy_district", _("huyện (cũ)"), parse=p.text),
    F("phone", _("điện thoại"), parse=p.text),
    F("email", _("thư điện tử"), parse=p.email),
    F("website", _("trang web"), parse=p.url),
    F("url", _("địa chỉ trang"), read=page_url, api=False, export=False),
    F("description", _("giới thiệu"), parse=p.text, open_data=False),
]  # fmt: skip

# What a product's API record shows of its producer.
PRODUCER_SUMMARY = ("name", "slug", "kind", "commune")

CERTIFICATE_FIELDS = [
    F("serial", _("số hiệu"), parse=p.text, required=True),
    F("product", _("sản phẩm"), read=text_of("product.title"), open_data=False),
    F("product_slug", _("đường dẫn sản phẩm"), read=attribute("product.slug"), parse=p.slug, required=True,
      api=False, export=False),
    F("product_title", _("tên sản phẩm"), read=attribute("product.title"), api=False, export=False),
    F("producer_name", _("tên cơ sở"), read=attribute("product.producer.name"), api=False, export=False),
    F("level", _("cấp"), parse=p.choice(Level), required=True),
    F("region", _("khu vực"), parse=p.choice(Region)),
    F("year", _("năm"), type=INTEGER, parse=p.year, required=True),
    F("score", _("điểm"), type=DECIMAL, parse=p.decimal),
    F("decision_number", _("số quyết định"), parse=p.text, required=True),
    F("decision_date", _("ngày quyết định"), type=DATE, parse=p.date, required=True),
    F("issuer", _("cơ quan cấp"), parse=p.text, required=True),
    F("valid_from", _("hiệu lực từ"), type=DATE, parse=p.date, required=True),
    F("valid_until", _("hiệu lực đến"), type=DATE, parse=p.date),
    F("status", _("tình trạng")),
    F("revoked_at", _("ngày thu hồi"), type=DATE, parse=p.date),
    F("revoked_reason", _("lý do thu hồi"), parse=p.text),
]  # fmt: skip

# -- pages: their title and slug are in the API's meta; editors work on them under Pages (no admin export) ------

PRODUCT_FIELDS = [
    F("slug", _("đường dẫn"), parse=p.slug, required=True, api=False),
    F("title", _("tên sản phẩm"), parse=p.text, required=True, api=False),
    F("url", _("địa chỉ trang"), read=page_url, api=False),
    F("product_group", _("nhóm sản phẩm"), parse=p.choice(ProductGroup), required=True),
    # Import: the producer's tax code or slug. API: a summary of the producer (see api.py).
    F("producer", _("cơ sở sản xuất"), parse=p.text, required=True, open_data=False, native=True),
    F("producer_slug", _("đường dẫn cơ sở"), read=attribute("producer.slug"), api=False),
    F("producer_name", _("tên cơ sở"), read=attribute("producer.name"), api=False),
    F("commune", _("xã/phường"), read=text_of("commune")),
    F("commune_code", _("mã xã/phường"), parse=p.text, api=False, open_data=False),
    F("craft_village_id", _("làng nghề"), type=INTEGER, open_data=False),
    F("craft_village_slug", _("đường dẫn làng nghề"), read=attribute("craft_village.slug"), parse=p.slug,
      api=False),
    F("summary", _("mô tả ngắn"), parse=p.text),
    F("materials", _("nguyên liệu, thành phần"), parse=p.text),
    F("packaging", _("quy cách đóng gói"), parse=p.text),
    F("where_to_buy", _("nơi mua"), parse=p.text, open_data=False),
    F("body", _("nội dung"), api_only=True),
    F("hero_image", _("ảnh đại diện"), api_only=True),
    F("hero_image_thumbnail", _("ảnh thu nhỏ"), api_only=True),
    F("certificates", _("giấy chứng nhận"), api_only=True),
]  # fmt: skip

VILLAGE_FIELDS = [
    F("slug", _("đường dẫn"), parse=p.slug, required=True, api=False),
    F("title", _("tên làng nghề"), parse=p.text, required=True, api=False),
    F("url", _("địa chỉ trang"), read=page_url, api=False),
    F("village_type", _("loại làng nghề"), parse=p.choice(VillageType), required=True),
    F("main_trade", _("nghề chính"), parse=p.text, required=True),
    F("trade_groups", _("nhóm ngành nghề"), type=CODES, parse=p.multi_choice(TradeGroup),
      read=lambda village, request=None: [t.code for t in village.trade_groups.all()]),
    F("commune", _("xã/phường"), read=text_of("commune")),
    F("commune_code", _("mã xã/phường"), parse=p.text, api=False, open_data=False),
    F("legacy_district", _("huyện (cũ)"), parse=p.text),
    F("latitude", _("vĩ độ"), type=DECIMAL, parse=p.latitude),
    F("longitude", _("kinh độ"), type=DECIMAL, parse=p.longitude),
    F("households_total", _("tổng số hộ"), type=INTEGER, parse=p.integer),
    F("households_in_trade", _("số hộ làm nghề"), type=INTEGER, parse=p.integer),
    F("households_percentage", _("tỉ lệ hộ làm nghề (%)"), type=DECIMAL),
    F("stable_production_years", _("số năm sản xuất ổn định"), type=INTEGER, parse=p.integer),
    F("is_recognized", _("đã được công nhận"), type=BOOLEAN, open_data=False),
    F("recognition_decision_number", _("số quyết định công nhận"), parse=p.text),
    F("recognition_decision_date", _("ngày quyết định công nhận"), type=DATE, parse=p.date),
    F("recognition_issuer", _("cơ quan công nhận"), parse=p.text),
    F("traditional_trades", _("nghề truyền thống"), api_only=True),
    F("summary", _("tóm tắt"), parse=p.text, open_data=False),
]  # fmt: skip

ARTISAN_FIELDS = [
    F("slug", _("đường dẫn"), parse=p.slug, required=True, api=False),
    F("title", _("họ và tên"), parse=p.text, required=True, api=False),
    F("url", _("địa chỉ trang"), read=page_url, api=False),
    F("trade", _("nghề"), parse=p.text, required=True),
    F("birth_year", _("năm sinh"), type=INTEGER, parse=p.year),
    F("ethnicity", _("dân tộc"), parse=p.text),
    F("craft_village_id", _("làng nghề"), type=INTEGER, open_data=False),
    F("craft_village_slug", _("đường dẫn làng nghề"), read=attribute("craft_village.slug"), parse=p.slug,
      api=False),
    F("commune", _("xã/phường"), read=text_of("commune")),
    F("commune_code", _("mã xã/phường"), parse=p.text, api=False, open_data=False),
    F("legacy_district", _("huyện (cũ)"), parse=p.text, api=False, open_data=False),
    F("years_in_trade", _("số năm trong nghề"), type=INTEGER, parse=p.integer),
    F("trainees", _("số người đã truyền nghề"), type=INTEGER, parse=p.integer),
    F("titles", _("danh hiệu"), native=True,
      read=lambda artisan, request=None: "; ".join(
          f"{t.kind.name} ({t.decision_number})" if t.decision_number else t.kind.name for t in artisan.titles.all()
      )),
    F("summary", _("tóm tắt"), parse=p.text, open_data=False),
    F("portrait_thumbnail", _("ảnh chân dung"), api_only=True),
]  # fmt: skip

FIELDS = {
    "provinces": PROVINCE_FIELDS,
    "communes": COMMUNE_FIELDS,
    "producers": PRODUCER_FIELDS,
    "certificates": CERTIFICATE_FIELDS,
    "products": PRODUCT_FIELDS,
    "villages": VILLAGE_FIELDS,
    "artisans": ARTISAN_FIELDS,
}


# -- what each surface takes ----------------------------------------------------------------------------------


def open_data_fields(fields):
    """The open-data columns, in publication order."""
    return [f for f in fields if f.open_data]


def export_fields(fields):
    """The columns of the admin export."""
    return [f for f in fields if f.export]


def import_fields(fields):
    """The columns ``import_registry`` reads."""
    return [f for f in fields if f.parse is not None]


def api_names(fields):
    """Names of the API fields (``body_fields`` of an endpoint)."""
    return [f.name for f in fields if f.api]


def wagtail_api_fields(fields, serializers_by_name=None):
    """Wagtail ``APIField`` list; ``serializers_by_name`` gives a serializer for fields declared elsewhere
    (nested records, renditions)."""
    serializers_by_name = serializers_by_name or {}
    result = []
    for field in fields:
        if not field.api:
            continue
        serializer = serializers_by_name.get(field.name)
        if serializer is None and not field.native:
            serializer = PublicValueField(field)
        result.append(APIField(field.name, serializer=serializer) if serializer else APIField(field.name))
    return result


def nested_serializer(class_name, fields, only=None, exclude=()):
    """A read-only DRF serializer class of the API fields (``only`` these names, ``exclude`` those) for a record
    shown inside another one (a product's certificates, its producer)."""
    attrs = {}
    for field in fields:
        if not field.api or field.name in exclude or (only is not None and field.name not in only):
            continue
        attrs[field.name] = PublicValueField(field)
    return type(class_name, (serializers.Serializer,), attrs)
