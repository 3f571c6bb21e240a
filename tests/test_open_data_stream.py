"""Issue 18, item 2: open-data downloads stream in constant memory, answer 304 to their validators, are written once
per data version and never served stale; the API's listing counts are cached per data version and stay right."""

import csv
import datetime
import gc
import io
import json
import tracemalloc

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.http import FileResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import PageCacheGeneration
from registry.catalogue import opendata, opendata_files
from registry.catalogue.opendata import DATASETS
from tests.factories import CertificateFactory, CraftVillagePageFactory, ProducerFactory, ProductPageFactory

pytestmark = pytest.mark.django_db

URL = "/du-lieu-mo/certificates.json"


@pytest.fixture(autouse=True)
def files(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


def _certificates(count, products, first=0):
    for number in range(first, first + count):
        CertificateFactory(product=products[number % len(products)], serial=f"GL-{len(products)}-{number:05d}")


@pytest.fixture
def registry(home_page):
    products = [ProductPageFactory(title=f"Sản phẩm {n}") for n in range(3)]
    _certificates(6, products)
    return products


def _body(response):
    assert response.streaming
    return b"".join(response.streaming_content)


def test_a_repeated_request_with_the_etag_or_the_date_gets_a_304_without_a_body(client, registry):
    first = client.get(URL)
    assert first.status_code == 200 and first.streaming
    data = json.loads(_body(first))
    assert data["count"] == len(data["items"]) == 6
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified

    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    again = client.get(URL, HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304 and again.content == b""
    assert client.get(URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get("/du-lieu-mo/certificates.csv", HTTP_IF_NONE_MATCH=etag).status_code == 200  # its own tag


def test_after_a_revocation_or_a_new_certificate_the_same_validators_get_the_new_file(client, registry):
    # The version started an hour ago: a Last-Modified the write below is sure to pass (HTTP dates count seconds).
    PageCacheGeneration.objects.filter(pk=1).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    first = client.get(URL)
    etag, modified = first["ETag"], first["Last-Modified"]
    before = json.loads(_body(first))
    certificate = registry[0].certificates.order_by("serial").first()

    certificate.revoke("Cơ sở ngừng sản xuất.")
    by_tag = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(URL, HTTP_IF_MODIFIED_SINCE=modified)
    assert by_tag.status_code == by_date.status_code == 200 and by_tag["ETag"] != etag
    statuses = {item["serial"]: item["status"] for item in json.loads(_body(by_tag))["items"]}
    assert statuses[certificate.serial] == "revoked" and before != statuses
    assert json.loads(_body(by_date))["items"] == json.loads(_body(client.get(URL)))["items"]

    CertificateFactory(product=registry[1], serial="GL-MOI-0001")
    published = client.get(URL, HTTP_IF_NONE_MATCH=by_tag["ETag"])
    assert published.status_code == 200
    assert "GL-MOI-0001" in {item["serial"] for item in json.loads(_body(published))["items"]}


def test_a_version_is_written_once_then_streamed_from_its_file_without_a_query(client, registry, files):
    built = client.get(URL)
    assert not isinstance(built, FileResponse)
    body = _body(built)
    assert len(list(files.glob("certificates.*.json"))) == 1
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL)
        assert _body(again) == body
    assert isinstance(again, FileResponse) and len(queries) == 0
    assert int(again["Content-Length"]) == len(body)

    CertificateFactory(product=registry[0], serial="GL-MOI-0002")
    rebuilt = _body(client.get(URL))
    assert b"GL-MOI-0002" in rebuilt and len(list(files.glob("certificates.*.json"))) == 1  # the old one removed


def test_a_download_interrupted_leaves_no_file(client, registry, files):
    response = client.get(URL)
    next(iter(response.streaming_content))
    request_finished.disconnect(close_old_connections)  # as the test client does: keep the test's connection
    try:
        response.close()  # the visitor went away
    finally:
        request_finished.connect(close_old_connections)
    assert list(files.glob("certificates.*")) == [] and list(files.glob(".*")) == []
    assert not isinstance(client.get(URL), FileResponse)


def test_a_write_during_the_build_keeps_the_file_out(client, registry, files, monkeypatch):
    response = client.get(URL)
    CertificateFactory(product=registry[0], serial="GL-MOI-0003")  # committed while the file was being written
    _body(response)
    assert list(files.glob("certificates.*")) == []
    assert b"GL-MOI-0003" in _body(client.get(URL))


def test_csv_keeps_its_bom_header_and_safe_cells(client, home_page):
    ProducerFactory(name="=HYPERLINK(1)", slug="co-so-cong-thuc")
    for _ in range(2):  # built, then from the file
        response = client.get("/du-lieu-mo/producers.csv")
        assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
        text = _body(response).decode("utf-8")
        assert text.startswith("\ufeffslug,name,kind,")
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert rows[1][1] == "'=HYPERLINK(1)"


def _peak(client, url):
    """Peak memory (bytes, tracemalloc) of serving ``url``, its body read block by block as a server sends it."""
    gc.collect()
    tracemalloc.start()
    try:
        response = client.get(url)
        size = sum(len(block) for block in response.streaming_content)  # then closed by the test client
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_memory_of_a_download_does_not_grow_with_the_data(client, home_page, settings, tmp_path, monkeypatch):
    """certificates.json at 10× the certificates takes at most 1.5× the peak memory of 1×, built from the database
    and served from its file; with one chunk holding every record (the whole file in memory) it would not. Memory is
    bounded by a chunk of records and a block of bytes: both are made smaller than the 1× file here."""
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 20)
    monkeypatch.setattr(opendata_files, "BLOCK", 4096)
    products = [ProductPageFactory(title=f"Sản phẩm {n}") for n in range(3)]
    _certificates(40, products)
    settings.OPEN_DATA_ROOT = tmp_path / "warm-up"
    _peak(client, URL)  # one-time costs of the first request (imports, URL resolvers, site root paths)
    settings.OPEN_DATA_ROOT = tmp_path / "small"
    small_built, small_size = _peak(client, URL)
    small_file, _ = _peak(client, URL)

    _certificates(360, products, first=40)
    settings.OPEN_DATA_ROOT = tmp_path / "large"
    large_built, large_size = _peak(client, URL)
    large_file, _ = _peak(client, URL)
    assert large_size > 8 * small_size
    assert large_built <= 1.5 * small_built, (small_built, large_built)
    assert large_file <= 1.5 * small_file, (small_file, large_file)

    # The same measure fails when the records are read at once: it can tell.
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 10_000)
    settings.OPEN_DATA_ROOT = tmp_path / "at-once"
    at_once, _ = _peak(client, URL)
    assert at_once > 1.5 * small_built, (small_built, at_once)


def _build_queries(client, settings, tmp_path, url):
    settings.OPEN_DATA_ROOT = tmp_path / f"q{len(list(tmp_path.iterdir()))}"  # no file yet: built from the database
    _body(client.get(url))  # warm-up: site root paths, the data version
    settings.OPEN_DATA_ROOT = tmp_path / f"q{len(list(tmp_path.iterdir()))}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        _body(response)
    return len(queries)


def test_query_counts_of_every_download_are_the_same_at_10x(client, home_page, settings, tmp_path):
    urls = [f"/du-lieu-mo/{kind}.{fmt}" for kind in DATASETS for fmt in ("csv", "json")]

    def grow(count):
        for _ in range(count):
            village = CraftVillagePageFactory()
            product = ProductPageFactory(craft_village=village)
            CertificateFactory(product=product)

    grow(2)
    small = {url: _build_queries(client, settings, tmp_path, url) for url in urls}
    grow(18)
    large = {url: _build_queries(client, settings, tmp_path, url) for url in urls}
    assert large == small


def _api_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        total = client.get(url).json()["meta"]["total_count"]
    return total, sum("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


@pytest.mark.parametrize(
    "url", ["/api/v2/certificates/", "/api/v2/pages/?type=catalogue.ProductPage", "/api/v2/producers/"]
)
def test_api_counts_are_counted_once_per_data_version_and_stay_right(client, registry, url):
    total, counted = _api_count(client, url)
    assert counted >= 1
    again, counted = _api_count(client, url + ("&" if "?" in url else "?") + "offset=1&limit=2")
    assert (again, counted) == (total, 0)  # paging does not count again

    product = ProductPageFactory(title="Sản phẩm mới")  # a new product, its producer and its certificate
    CertificateFactory(product=product)
    grown, counted = _api_count(client, url)
    assert grown == total + 1 and counted >= 1
    if "certificates" in url:
        product.unpublish()
        assert _api_count(client, url)[0] == total


def test_a_filter_has_its_own_count(client, registry):
    listing = "/api/v2/pages/?type=catalogue.ProductPage"
    assert client.get(listing).json()["meta"]["total_count"] == 3
    filtered = client.get(listing + "&title=Sản phẩm 1").json()
    assert filtered["meta"]["total_count"] == len(filtered["items"]) == 1
