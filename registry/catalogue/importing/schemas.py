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

# The example row of each template: visibly an example ("Ví dụ – …"), with a key no real record has (slugs
# ``vi-du-…``, codes ``VD-…``, tax code 0000000000, which fails the tax code's check digit), so that importing a
# template unchanged adds one record and never replaces one. References to other records are filled in by
# ``example_row`` with records of the site.
EXAMPLE_NOTE = "Dòng ví dụ: thay bằng dữ liệu thật hoặc xóa dòng này."
EXAMPLES = {
    "provinces": {"code": "VD", "name": "Ví dụ – Tỉnh Mẫu"},
    "communes": {
        "code": "VD-00001",
        "name": "Ví dụ – Xã Mẫu",
        "kind": "xa",
        "province_code": "52",
        "effective_from": "2025-07-01",
    },
    "producers": {
        "name": "Ví dụ – Hợp tác xã Mẫu",
        "slug": "vi-du-hop-tac-xa-mau",
        "kind": "cooperative",
        "tax_code": "0000000000",
        "address": "Thôn 1",
        "commune_code": "21589",
        "phone": "0269 3000 000",
        "description": EXAMPLE_NOTE,
    },
    "products": {
        "slug": "vi-du-san-pham-mau",
        "title": "Ví dụ – Sản phẩm mẫu",
        "product_group": "processed-food",
        "producer": "vi-du-hop-tac-xa-mau",
        "summary": EXAMPLE_NOTE,
    },
    "certificates": {
        "serial": "VD-2024-0001",
        "product_slug": "vi-du-san-pham-mau",
        "level": "provincial",
        "year": "2024",
        "score": "78.5",
        "decision_number": "VD-01/QĐ-UBND",
        "decision_date": "27/06/2024",
        "issuer": "Ví dụ – UBND tỉnh",
        "valid_from": "27/06/2024",
        "valid_until": "27/06/2027",
    },
    "villages": {
        "slug": "vi-du-lang-nghe-mau",
        "title": "Ví dụ – Làng nghề mẫu",
        "village_type": "traditional",
        "main_trade": "Dệt thổ cẩm",
        "trade_groups": "handicrafts",
        "latitude": "13.9912",
        "longitude": "107.9871",
        "households_total": "180",
        "households_in_trade": "72",
        "stable_production_years": "10",
        "summary": EXAMPLE_NOTE,
    },
    "artisans": {
        "slug": "vi-du-nghe-nhan-mau",
        "title": "Ví dụ – Nghệ nhân Mẫu",
        "trade": "Dệt thổ cẩm",
        "birth_year": "1962",
        "summary": EXAMPLE_NOTE,
    },
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
