"""One declaration of each record's public fields (registry/catalogue/public_fields.py): the API, open data, admin
exports and import schemas derive from it; open-data column names are a public contract; every CSV/XLSX cell is
safe for spreadsheets."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from registry.catalogue.api import CertificatePublicSerializer, ProducerSummarySerializer
from registry.catalogue.importing.schemas import SCHEMAS
from registry.catalogue.models import Certificate, Producer
from registry.catalogue.public_fields import (
    CERTIFICATE_FIELDS,
    FIELDS,
    PRODUCER_FIELDS,
    PRODUCER_SUMMARY,
    api_names,
    import_fields,
)
from tests.factories import CertificateFactory, CraftVillagePageFactory, ProducerFactory, ProductPageFactory

pytestmark = pytest.mark.django_db

# Published since the first release: users' scripts read these names. Change them only with a new dataset.
OPEN_DATA_COLUMNS = {
    "products": "slug title url product_group producer_slug producer_name commune craft_village_slug summary "
    "materials packaging",
    "producers": "slug name kind tax_code address commune commune_code legacy_district phone email website url",
    "certificates": "serial product_slug product_title producer_name level region year score decision_number "
    "decision_date issuer valid_from valid_until status revoked_at revoked_reason",
    "villages": "slug title url village_type main_trade trade_groups commune legacy_district latitude longitude "
    "households_total households_in_trade households_percentage stable_production_years "
    "recognition_decision_number recognition_decision_date recognition_issuer",
    "artisans": "slug title url trade birth_year ethnicity craft_village_slug commune years_in_trade trainees titles",
}

FORMULAS = ['=HYPERLINK("http://example.com","bấm")', "@SUM(1)", "+1", "-1"]


def _csv(response):
    body = response.content if hasattr(response, "content") else b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("kind", sorted(OPEN_DATA_COLUMNS))
def test_open_data_columns_keep_their_public_names(client, home_page, kind):
    CertificateFactory()
    CraftVillagePageFactory()
    expected = OPEN_DATA_COLUMNS[kind].split()
    assert _csv(client.get(f"/du-lieu-mo/{kind}.csv"))[0] == expected
    assert json.loads(client.get(f"/du-lieu-mo/{kind}.json").getvalue())["fields"] == expected


def test_no_verification_code_or_private_person_in_open_data_or_api(client, home_page):
    certificate = CertificateFactory(product=ProductPageFactory(producer=ProducerFactory(representative="Ksor Hlin")))
    for fields in FIELDS.values():
        assert "verification_code" not in {f.name for f in fields}
    representative = next(f for f in PRODUCER_FIELDS if f.name == "representative")
    assert not representative.open_data and not representative.api
    for path in ["/du-lieu-mo/certificates.json", "/du-lieu-mo/producers.csv", "/api/v2/producers/?fields=*"]:
        text = client.get(path).getvalue().decode()
        assert certificate.verification_code not in text and "Ksor Hlin" not in text
    api = client.get("/api/v2/certificates/?fields=*").content.decode()
    assert certificate.verification_code not in api


def test_api_fields_derive_from_the_declaration(client, home_page):
    CertificateFactory()
    item = client.get("/api/v2/certificates/?fields=*").json()["items"][0]
    assert set(item) - {"id", "meta"} == set(api_names(CERTIFICATE_FIELDS))
    assert [f.name for f in Certificate.api_fields] == api_names(CERTIFICATE_FIELDS)
    assert [f.name for f in Producer.api_fields] == api_names(PRODUCER_FIELDS)
    assert set(CertificatePublicSerializer().fields) == set(api_names(CERTIFICATE_FIELDS)) - {"product"}
    assert set(ProducerSummarySerializer().fields) == set(PRODUCER_SUMMARY)
    product = client.get("/api/v2/pages/?type=catalogue.ProductPage&fields=*").json()["items"][0]
    assert product["certificates"][0]["score"] == 78.0 and product["certificates"][0]["status"] == "valid"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_import_schemas_derive_from_the_declaration(kind):
    schema = SCHEMAS[kind]
    assert [(c.name, c.required) for c in schema.columns] == [(f.name, f.required) for f in import_fields(FIELDS[kind])]
    assert set(schema.example) <= {c.name for c in schema.columns}


def test_open_data_csv_cells_are_safe_and_numbers_stay_numbers(client, home_page):
    for i, formula in enumerate(FORMULAS):
        ProducerFactory(name=formula, slug=f"co-so-{i}", description=formula, address=formula)
    CraftVillagePageFactory(latitude=Decimal("-13.5"), longitude=Decimal("-108.25"))
    rows = _csv(client.get("/du-lieu-mo/producers.csv"))
    name, address = rows[0].index("name"), rows[0].index("address")
    assert sorted(row[name] for row in rows[1:]) == sorted("'" + f for f in FORMULAS)
    assert all(row[address].startswith("'") for row in rows[1:])
    items = json.loads(client.get("/du-lieu-mo/producers.json").getvalue())["items"]
    assert sorted(i["name"] for i in items) == sorted(FORMULAS)  # JSON is data, not a spreadsheet

    village = _csv(client.get("/du-lieu-mo/villages.csv"))
    assert village[1][village[0].index("latitude")] == "-13.500000"  # a number, not text
    assert village[1][village[0].index("longitude")] == "-108.250000"


def test_admin_exports_are_safe_and_keep_numbers(admin_client):
    for i, formula in enumerate(FORMULAS):
        ProducerFactory(name=formula, slug=f"co-so-{i}", description=formula)
    rows = _csv(admin_client.get("/admin/snippets/catalogue/producer/?export=csv"))
    header = rows[0]
    assert header[:3] == ["Đường dẫn", "Tên cơ sở", "Loại hình"]
    name, description = header.index("Tên cơ sở"), header.index("Giới thiệu")
    assert "Người đại diện" in header  # staff export: the representative is there
    assert sorted(row[name] for row in rows[1:]) == sorted("'" + f for f in FORMULAS)
    assert all(row[description].startswith("'") for row in rows[1:])

    CertificateFactory(product=ProductPageFactory(title="=1+1"), year=2024, score=78)
    response = admin_client.get("/admin/snippets/catalogue/certificate/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)][:2]
    values = dict(zip(header, row, strict=True))
    assert values["Sản phẩm"] == "'=1+1"
    assert values["Năm"] == 2024 and values["Điểm"] == 78
    assert values["Tình trạng"] == "Còn hiệu lực" and values["Cấp"] == "Cấp tỉnh"
    assert "Mã xác minh" not in header
