"""One strong ETag, one body (tester's report t18, L1): every open-data file of a data version is the same bytes
whenever and by whichever request it is built. ``generated_at`` is the time the version started (its Last-Modified),
not the clock at the build, and a certificate's status is computed for the version's date."""

import datetime
import json
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from registry.catalogue import opendata_files
from registry.catalogue.opendata import DATASETS
from registry.catalogue.opendata_files import DataVersion
from tests.factories import CertificateFactory, CraftVillagePageFactory, ProducerFactory, ProductPageFactory

real_now = timezone.now


@pytest.fixture(autouse=True)
def files(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


@pytest.fixture
def registry(home_page):
    producer = ProducerFactory(name="HTX Dệt thổ cẩm Ia Mơr")
    for number in range(3):
        CertificateFactory(product=ProductPageFactory(title=f"Khăn thổ cẩm {number}", producer=producer))
    CraftVillagePageFactory(title="Làng dệt Ia Mơr")


def _move_clock(monkeypatch, seconds):
    """Every ``timezone.now()`` from here on is ``seconds`` later (on the same local date: else earlier)."""
    shift = datetime.timedelta(seconds=seconds)
    if timezone.localdate(real_now() + shift) != timezone.localdate():
        shift = -shift
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift)


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"], response["Last-Modified"], b"".join(response.streaming_content)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("kind", sorted(DATASETS))
def test_two_builds_of_one_version_are_the_same_bytes_when_the_clock_moves(
    client, registry, files, monkeypatch, kind, fmt
):
    url = f"/du-lieu-mo/{kind}.{fmt}"
    first = _download(client, url)
    for built in files.glob(f"{kind}.*"):
        built.unlink()  # the next request builds the file again from the database (another node, a lost file)
    _move_clock(monkeypatch, 37)
    second = _download(client, url)
    assert second[0] == first[0]  # the same version: the same strong ETag…
    assert second[2] == first[2]  # …and the same bytes


@pytest.mark.django_db
def test_generated_at_is_when_the_version_started(client, registry, monkeypatch):
    _move_clock(monkeypatch, 3600)  # the build runs an hour after the version started
    _etag, modified, body = _download(client, "/du-lieu-mo/producers.json")
    generated = datetime.datetime.fromisoformat(json.loads(body)["generated_at"])
    assert generated == parsedate_to_datetime(modified)


@pytest.mark.django_db
def test_a_certificates_status_is_that_of_the_versions_date(home_page):
    today = timezone.localdate()
    CertificateFactory(serial="GL-HET-HOM-NAY", valid_until=today)

    def status(day):
        version = DataVersion(1, timezone.now(), day, "vi")
        pieces = opendata_files.json_text(DATASETS["certificates"], "certificates", None, version)
        items = json.loads("".join(pieces))["items"]
        return {item["serial"]: item["status"] for item in items}["GL-HET-HOM-NAY"]

    assert status(today) == "valid"
    assert status(today + datetime.timedelta(days=1)) == "expired"  # a version of tomorrow, built today
