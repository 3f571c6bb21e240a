"""What ``import_registry`` reads for each kind of record: the importable fields of ``public_fields.py`` (column
name, parser, required), the natural key and an example row for the templates ``/du-lieu-mo/mau/<kind>.csv``
and ``.xlsx``.

A file may carry any subset of the columns, headed by the column name (``tax_code``, as in open data) or by its
label in Vietnamese or English (``Mã số thuế``, as in the admin exports); other columns are ignored. Only the
columns present are read, so a missing column leaves that field of existing records untouched.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import SiteSettings
from core.text import fold

from ..models import Commune, Producer, ProductPage, Province
from ..public_fields import FIELDS, import_fields
from .parsers import RowError


@dataclass(frozen=True)
class Column:
    """One column of an import file: its name, the parser of a cell, whether an empty cell is an error (and a
    missing column, for a new record) and its label (a lazy translation, the heading of admin exports)."""

    name: str
    parse: object
    required: bool = False
    label: object = ""


def _heading_key(heading):
    """A heading compared loosely: ``"Mã số thuế"``, ``"mã_số_thuế"`` and ``"ma so thue"`` are the same."""
    return fold(str(heading).replace("_", " ").strip().rstrip("*"))


@dataclass
class Schema:
    """The columns of one kind of record, its natural key and an example row."""

    kind: str
    columns: list
    key: str
    example: dict = field(default_factory=dict)

    def headings(self):
        """``{loose heading: column name}`` for every column name and its label in each site language."""
        found = {}
        for column in self.columns:
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    found.setdefault(_heading_key(column.label), column.name)
        for column in self.columns:  # names win over labels
            found[_heading_key(column.name)] = column.name
        return found

    def resolve(self, raw, headings=None):
        """The row ``raw`` ({heading: cell}) keyed by column name, without the columns this kind does not read;
        ``headings``: ``self.headings()`` computed once for a whole file."""
        headings = headings or self.headings()
        row = {}
        for heading, value in raw.items():
            name = headings.get(_heading_key(heading))
            if name is not None and name not in row:
                row[name] = value
        return row

    def required_names(self):
        """Names of the columns a new record needs."""
        return [column.name for column in self.columns if column.required]


KEYS = {
    "provinces": "code",
    "communes": "code",
    "producers": "slug",
    "products": "slug",
    "certificates": "serial",
    "villages": "slug",
    "artisans": "slug",
}

EXAMPLES = {
    "provinces": {"code": "52", "name": "Gia Lai"},
    "communes": {
        "code": "21589",
        "name": "Ia Grai",
        "kind": "xa",
        "province_code": "52",
        "effective_from": "2025-07-01",
    },
    "producers": {
        "name": "Hợp tác xã Cà phê Ia Grai (mẫu)",
        "slug": "htx-ca-phe-ia-grai-mau",
        "kind": "cooperative",
        "tax_code": "5901234567",
        "address": "Thôn 2",
        "commune_code": "21589",
        "legacy_district": "Huyện Ia Grai",
        "phone": "0269 3845 123",
    },
    "products": {
        "slug": "ca-phe-rang-xay-ia-grai",
        "title": "Cà phê rang xay Ia Grai",
        "product_group": "processed-food",
        "producer": "5901234567",
        "summary": "Cà phê Robusta rang mộc.",
    },
    "certificates": {
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
    "villages": {
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
    "artisans": {"slug": "rah-lan-h-bloi", "title": "Rah Lan H'Bloi", "trade": "Dệt thổ cẩm", "birth_year": "1962"},
}

SCHEMAS = {
    kind: Schema(
        kind,
        [Column(f.name, f.parse, f.required, f.label) for f in import_fields(FIELDS[kind])],
        KEYS[kind],
        EXAMPLES[kind],
    )
    for kind in KEYS
}


def _first(queryset, attribute):
    value = queryset.values_list(attribute, flat=True).first()
    return "" if value is None else str(value)


def example_row(kind):
    """The template's example row of ``kind`` as ``[cell, …]`` in column order: a new record whose references
    (province, commune, producer, product) name records that exist on this site, so that the template passes a
    dry run as downloaded; coordinates are the map centre of the site settings."""
    schema = SCHEMAS[kind]
    example = dict(schema.example)
    references = {
        "province_code": lambda: _first(Province.objects.order_by("code"), "code"),
        "commune_code": lambda: _first(Commune.objects.order_by("code"), "code"),
        "producer": lambda: _first(Producer.objects.order_by("pk"), "slug"),
        "product_slug": lambda: _first(ProductPage.objects.order_by("pk"), "slug"),
    }
    for name, find in references.items():
        if name in example:
            example[name] = find() or example[name]
    if "latitude" in example:
        site_settings = SiteSettings.load()
        example["latitude"] = str(site_settings.map_center_lat)
        example["longitude"] = str(site_settings.map_center_lng)
    return [example.get(column.name, "") for column in schema.columns]


def parse_row(schema, raw, optional=()):
    """Clean values of the columns present in ``raw`` (keyed by column name, see ``Schema.resolve``) as a dict,
    or raise RowError listing every bad cell of the row; ``optional``: required columns whose emptiness the
    caller reports itself."""
    values, problems = {}, []
    for column in schema.columns:
        if column.name not in raw:
            continue
        cell = raw[column.name]
        try:
            value = column.parse(cell)
        except RowError as error:
            problems.append(_("cột “%(column)s”: %(error)s") % {"column": column.name, "error": error})
            continue
        if column.required and value in ("", None, []) and column.name not in optional:
            problems.append(_("cột “%(column)s” không được để trống") % {"column": column.name})
        values[column.name] = value
    if problems:
        raise RowError("; ".join(problems))
    return values
