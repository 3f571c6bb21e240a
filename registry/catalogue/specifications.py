"""A product's specifications, each shown once on its page.

A product says what it is made of and how it is packed twice over: in its own fields (``materials``, ``packaging``,
``where_to_buy``: what search, the API and open data use) and, often, again in a "Bảng thông số" block of its body
(the demo data and imported pages do both). The page shows one list: the fields first, then the body's table rows
that add something, and the body without its specification tables.

A row adds nothing, and is left out, when its name names a filled field ("Nguyên liệu", "Chất liệu", "Quy cách",
"Materials" …, compared folded: no marks, case or punctuation), when its value is a filled field's value, or when
the same name and value came earlier.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.text import fold

# Folded names (Vietnamese and English) that mean each field of the product.
FIELD_ALIASES = {
    "materials": {
        "nguyen lieu",
        "nguyen lieu thanh phan",
        "thanh phan",
        "chat lieu",
        "vat lieu",
        "materials",
        "material",
        "ingredients",
        "materials ingredients",
    },
    "packaging": {"quy cach", "quy cach dong goi", "dong goi", "bao bi", "packaging", "packing", "package"},
    "where_to_buy": {"noi mua", "noi ban", "dia diem ban", "dia diem mua", "where to buy"},
}
FIELD_LABELS = {
    "materials": _("Nguyên liệu, thành phần"),
    "packaging": _("Quy cách đóng gói"),
    "where_to_buy": _("Nơi mua"),
}
SPECIFICATION_BLOCK = "specification"
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SpecificationRow:
    """One line of the product's specifications: ``label`` and ``value`` as shown; ``field`` is the product field
    it comes from ("materials", "packaging", "where_to_buy") or ``""`` for a row of the body's table."""

    label: str
    value: str
    field: str = ""


def _key(text):
    """``text`` folded, punctuation and spaces collapsed: "Nguyên liệu, thành phần:" → "nguyen lieu thanh phan"."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def product_specifications(product):
    """``(rows, body)`` for the page of ``product`` (a ``ProductPage``): the :class:`SpecificationRow` list, each
    specification once (see the module docstring), and the body's blocks without its specification tables, whose
    rows are in the list."""
    rows, covered_names, covered_values, seen = [], set(), set(), set()
    for field, label in FIELD_LABELS.items():
        value = str(getattr(product, field, "") or "").strip()
        if value:
            rows.append(SpecificationRow(label=str(label), value=value, field=field))
            covered_names |= FIELD_ALIASES[field]
            covered_values.add(_key(value))
    body = []
    for block in product.body or ():
        if block.block_type != SPECIFICATION_BLOCK:
            body.append(block)
            continue
        for row in block.value:
            name, value = str(row.get("name") or "").strip(), str(row.get("value") or "").strip()
            name_key, value_key = _key(name), _key(value)
            if not (name or value) or name_key in covered_names or value_key in covered_values:
                continue
            if (name_key, value_key) in seen:
                continue
            seen.add((name_key, value_key))
            rows.append(SpecificationRow(label=name, value=value))
    return rows, body
