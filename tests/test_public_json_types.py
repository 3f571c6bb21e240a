"""Issue 16's leftover: a field has the same JSON type and the same empty value in open data (/du-lieu-mo/<kind>.json)
and in the API (/api/v2/…), for every record of the demo data, field by field: one rule, ``PublicField.json_value``
(registry/catalogue/public_fields.py)."""

import datetime
import json

import pytest

from demo.context import SeedContext
from demo.seed import run as seed_demo
from programmes.public_fields import PROJECT_FIELDS
from registry.catalogue.public_fields import (
    BOOLEAN,
    CERTIFICATE_FIELDS,
    CODES,
    DATE,
    DECIMAL,
    INTEGER,
    PRODUCER_FIELDS,
    PRODUCT_FIELDS,
    TEXT,
    VILLAGE_FIELDS,
)

pytestmark = pytest.mark.django_db

# kind: (API listing, the key of a record in both, the declaration)
SURFACES = {
    "products": ("/api/v2/pages/?type=catalogue.ProductPage&locale=vi", "slug", PRODUCT_FIELDS),
    "villages": ("/api/v2/pages/?type=catalogue.CraftVillagePage&locale=vi", "slug", VILLAGE_FIELDS),
    "projects": ("/api/v2/pages/?type=programmes.ProjectPage&locale=vi", "slug", PROJECT_FIELDS),
    "producers": ("/api/v2/producers/?", "slug", PRODUCER_FIELDS),
    "certificates": ("/api/v2/certificates/?", "serial", CERTIFICATE_FIELDS),
}

# Fields that differed before (issue 16): each must be compared on at least one record where it is empty and one
# where it is not, or on records of both kinds of value the demo has.
ONCE_DIFFERENT = {
    "certificates": {"score", "year", "valid_until", "revoked_at"},
    "villages": {"latitude", "households_total", "households_percentage", "trade_groups", "commune"},
    "projects": {"support_amount", "programme_content", "commune", "decision_date", "jobs"},
    "products": {"product_group", "summary"},
    "producers": {"name", "kind"},
}


def _is_type(value, kind):
    if kind == TEXT:
        return isinstance(value, str)
    if kind == CODES:
        return isinstance(value, list) and all(isinstance(code, str) for code in value)
    if value is None:
        return True
    if kind == INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == DECIMAL:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == DATE:
        return isinstance(value, str) and datetime.date.fromisoformat(value).isoformat() == value
    if kind == BOOLEAN:
        return isinstance(value, bool)
    return False


def _api_items(client, url):
    items, offset = [], 0
    while True:
        page = client.get(f"{url}&fields=*&limit=100&offset={offset}").json()
        items += page["items"]
        offset += 100
        if offset >= page["meta"]["total_count"]:
            return items


@pytest.fixture
def demo_data(home_page):
    seed_demo(SeedContext(scale=1, write=lambda *_: None))


def test_open_data_and_the_api_type_each_field_alike(client, demo_data):
    failures, compared = [], {}
    for kind, (url, key, fields) in SURFACES.items():
        open_items = json.loads(client.get(f"/du-lieu-mo/{kind}.json").getvalue())["items"]
        api_items = {(item.get(key) or item["meta"][key]): item for item in _api_items(client, url)}
        opened = {item[key]: item for item in open_items}
        assert opened.keys() == api_items.keys() and len(opened) >= 3, kind
        shared = [field for field in fields if field.api and field.open_data]
        for field in shared:
            values = set()
            for record, item in opened.items():
                mine, theirs = item[field.name], api_items[record][field.name]
                if mine != theirs or type(mine) is not type(theirs) or not _is_type(mine, field.type):
                    failures.append((kind, record, field.name, mine, theirs))
                values.add(json.dumps(mine))
            compared[(kind, field.name)] = values
    assert failures == []
    for kind, names in ONCE_DIFFERENT.items():
        for name in names:
            assert len(compared[(kind, name)]) >= 2, (kind, name, compared[(kind, name)])  # not one constant value


def test_empty_values_follow_the_rule(client, demo_data):
    """Text is ``""`` when empty, never ``null``; a number or a date is ``null`` when unknown, never ``""``."""
    certificates = json.loads(client.get("/du-lieu-mo/certificates.json").getvalue())["items"]
    valid = next(item for item in certificates if item["status"] == "valid")
    assert valid["revoked_at"] is None and valid["revoked_reason"] == ""
    assert isinstance(valid["year"], int) and isinstance(valid["score"], float | int | None)
    api = client.get(f"/api/v2/certificates/?fields=*&serial={valid['serial']}").json()["items"][0]
    assert api["revoked_at"] is None and api["revoked_reason"] == ""
