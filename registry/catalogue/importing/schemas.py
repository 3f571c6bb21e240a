"""What ``import_registry`` reads for each kind of record: columns, parsers, natural key and how a row is saved."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..choices import CommuneKind, Level, ProducerKind, ProductGroup, Region, TradeGroup, VillageType
from . import parsers as p
from .parsers import RowError


@dataclass(frozen=True)
class Column:
    name: str
    parse: object = p.text
    required: bool = False


@dataclass
class Schema:
    kind: str
    columns: list
    key: str
    example: dict = field(default_factory=dict)


def C(name, parse=p.text, required=False):  # noqa: N802 (a short constructor keeps the tables readable)
    return Column(name, parse, required)


SCHEMAS = {
    "provinces": Schema(
        "provinces", [C("code", required=True), C("name", required=True)], "code", {"code": "52", "name": "Gia Lai"}
    ),
    "communes": Schema(
        "communes",
        [
            C("code", required=True),
            C("name", required=True),
            C("kind", p.choice(CommuneKind), required=True),
            C("province_code", required=True),
            C("effective_from", p.date),
            C("effective_until", p.date),
        ],
        "code",
        {"code": "21589", "name": "Ia Grai", "kind": "xa", "province_code": "52", "effective_from": "2025-07-01"},
    ),
    "producers": Schema(
        "producers",
        [
            C("name", required=True),
            C("slug", p.slug),
            C("kind", p.choice(ProducerKind), required=True),
            C("tax_code"),
            C("representative"),
            C("address"),
            C("commune_code"),
            C("legacy_district"),
            C("phone"),
            C("email", p.email),
            C("website", p.url),
            C("description"),
        ],
        "slug",
        {
            "name": "Hợp tác xã Cà phê Ia Grai",
            "slug": "htx-ca-phe-ia-grai",
            "kind": "cooperative",
            "tax_code": "5901234567",
            "address": "Thôn 2",
            "commune_code": "21589",
            "legacy_district": "Huyện Ia Grai",
            "phone": "0269 3845 123",
        },
    ),
    "products": Schema(
        "products",
        [
            C("slug", p.slug, required=True),
            C("title", required=True),
            C("product_group", p.choice(ProductGroup), required=True),
            C("producer", required=True),
            C("commune_code"),
            C("craft_village_slug", p.slug),
            C("summary"),
            C("materials"),
            C("packaging"),
            C("where_to_buy"),
        ],
        "slug",
        {
            "slug": "ca-phe-rang-xay-ia-grai",
            "title": "Cà phê rang xay Ia Grai",
            "product_group": "processed-food",
            "producer": "5901234567",
            "summary": "Cà phê Robusta rang mộc.",
        },
    ),
    "certificates": Schema(
        "certificates",
        [
            C("serial", required=True),
            C("product_slug", p.slug, required=True),
            C("level", p.choice(Level), required=True),
            C("region", p.choice(Region)),
            C("year", p.year, required=True),
            C("score", p.decimal),
            C("decision_number", required=True),
            C("decision_date", p.date, required=True),
            C("issuer", required=True),
            C("valid_from", p.date, required=True),
            C("valid_until", p.date),
            C("revoked_at", p.date),
            C("revoked_reason"),
        ],
        "serial",
        {
            "serial": "GL-2024-0001",
            "product_slug": "ca-phe-rang-xay-ia-grai",
            "level": "provincial",
            "year": "2024",
            "score": "78.5",
            "decision_number": "344/QĐ-UBND",
            "decision_date": "27/06/2024",
            "issuer": "UBND tỉnh Gia Lai",
            "valid_from": "27/06/2024",
            "valid_until": "27/06/2027",
        },
    ),
    "villages": Schema(
        "villages",
        [
            C("slug", p.slug, required=True),
            C("title", required=True),
            C("village_type", p.choice(VillageType), required=True),
            C("main_trade", required=True),
            C("trade_groups", p.multi_choice(TradeGroup)),
            C("commune_code"),
            C("legacy_district"),
            C("latitude", p.decimal),
            C("longitude", p.decimal),
            C("households_total", p.integer),
            C("households_in_trade", p.integer),
            C("stable_production_years", p.integer),
            C("recognition_decision_number"),
            C("recognition_decision_date", p.date),
            C("recognition_issuer"),
            C("summary"),
        ],
        "slug",
        {
            "slug": "lang-det-tho-cam-phung",
            "title": "Làng dệt thổ cẩm Phung",
            "village_type": "traditional",
            "main_trade": "Dệt thổ cẩm",
            "trade_groups": "handicrafts",
            "latitude": "13.9912",
            "longitude": "107.9871",
            "households_total": "180",
            "households_in_trade": "72",
            "stable_production_years": "10",
        },
    ),
    "artisans": Schema(
        "artisans",
        [
            C("slug", p.slug, required=True),
            C("title", required=True),
            C("trade", required=True),
            C("birth_year", p.year),
            C("ethnicity"),
            C("craft_village_slug", p.slug),
            C("commune_code"),
            C("legacy_district"),
            C("years_in_trade", p.integer),
            C("trainees", p.integer),
            C("summary"),
        ],
        "slug",
        {"slug": "rah-lan-h-bloi", "title": "Rah Lan H'Bloi", "trade": "Dệt thổ cẩm", "birth_year": "1962"},
    ),
}


def parse_row(schema, raw):
    """Clean values of one row as a dict, or raise RowError listing every bad cell of the row."""
    values, problems = {}, []
    for column in schema.columns:
        cell = raw.get(column.name)
        try:
            value = column.parse(cell)
        except RowError as error:
            problems.append(_("cột “%(column)s”: %(error)s") % {"column": column.name, "error": error})
            continue
        if column.required and value in ("", None, []):
            problems.append(_("cột “%(column)s” không được để trống") % {"column": column.name})
        values[column.name] = value
    if problems:
        raise RowError("; ".join(problems))
    return values
