"""Open data at /du-lieu-mo/: CSV and JSON of the registry's public fields, templates for import, licence."""

import csv
import io
import json

import pytest

from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CraftVillagePageFactory,
    ProductPageFactory,
)

pytestmark = pytest.mark.django_db

KINDS = ["products", "producers", "certificates", "villages", "artisans"]


@pytest.fixture
def registry(home_page):
    CertificateFactory(serial="GL-2024-0001")
    CertificateFactory(serial="GL-2020-0002", revoked=True)
    draft = ProductPageFactory(title="Bản nháp")
    draft.unpublish()
    CraftVillagePageFactory(title="Làng rượu Bàu Đá", households_total=400, households_in_trade=100)
    ArtisanPageFactory(title="Võ Văn Sang")


def test_open_data_page_has_licence_and_links(client, registry):
    html = client.get("/du-lieu-mo/").content.decode()
    assert "CC BY 4.0" in html and 'rel="license"' in html
    for kind in KINDS:
        assert f"/du-lieu-mo/{kind}.csv" in html and f"/du-lieu-mo/{kind}.json" in html
        assert f"/du-lieu-mo/mau/{kind}.csv" in html


@pytest.mark.parametrize("kind", KINDS)
def test_csv_parses_and_matches_json(client, registry, kind):
    response = client.get(f"/du-lieu-mo/{kind}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.getvalue()
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    data = json.loads(client.get(f"/du-lieu-mo/{kind}.json").getvalue())
    assert data["licence"]["url"].startswith("https://creativecommons.org/")
    assert data["count"] == len(rows) == len(data["items"]) >= 1
    assert list(rows[0].keys()) == data["fields"]
    text = body.decode()
    assert "verification_code" not in text and "Bản nháp" not in text


def test_json_fields(client, registry):
    certificates = json.loads(client.get("/du-lieu-mo/certificates.json").getvalue())["items"]
    assert {c["serial"]: c["status"] for c in certificates} == {"GL-2024-0001": "valid", "GL-2020-0002": "revoked"}
    assert set(certificates[0]) >= {"serial", "level", "year", "product_title", "producer_name", "valid_until"}
    village = json.loads(client.get("/du-lieu-mo/villages.json").getvalue())["items"][0]
    assert village["households_percentage"] == 25.0 and village["latitude"]
    producer = json.loads(client.get("/du-lieu-mo/producers.json").getvalue())["items"][0]
    assert "representative" not in producer


@pytest.mark.parametrize("path", ["/du-lieu-mo/khac.csv", "/du-lieu-mo/products.xml", "/du-lieu-mo/mau/khac.csv"])
def test_unknown_dataset_is_404(client, home_page, path):
    assert client.get(path).status_code == 404


def test_import_template_has_the_import_columns(client, home_page):
    response = client.get("/du-lieu-mo/mau/certificates.csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:3] == ["serial", "product_slug", "level"]
