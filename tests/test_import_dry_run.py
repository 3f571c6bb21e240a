"""A dry run of an import (``import_registry --dry-run``, the preview of the admin screen "Nhập dữ liệu") writes
nothing and opens no transaction, so with SQLite the live site keeps saving meanwhile; the real import still
applies all rows or none. The templates at /du-lieu-mo/mau/ add one clearly-example record and never replace one.
"""

import io
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, Revision

from demo import catalogue as demo
from demo.context import SeedContext
from registry.catalogue.importing.runner import import_file
from registry.catalogue.importing.schemas import SCHEMAS
from registry.catalogue.models import (
    ArtisanPage,
    Certificate,
    Commune,
    CraftVillagePage,
    Producer,
    ProductPage,
    Province,
)
from tests.factories import CraftVillagePageFactory, ProducerFactory, village_index
from tests.test_import_roundtrip import write_csv

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "BEGIN")
MODELS = [Province, Commune, Producer, ProductPage, CraftVillagePage, ArtisanPage, Certificate]


def writes(queries):
    """The statements among ``queries`` (CaptureQueriesContext) that write or open a transaction."""
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def _plain(row):
    """A row of ``values()`` with StreamField values as their stored data."""
    return {name: value.get_prep_value() if hasattr(value, "get_prep_value") else value for name, value in row.items()}


def snapshot():
    """Every stored value of the registry, the pages' revisions and the audit log."""
    data = {model.__name__: sorted(repr(_plain(row)) for row in model.objects.values()) for model in MODELS}
    data["pages"] = sorted(Page.objects.values_list("pk", "path", "live", "latest_revision_id"))
    data["revisions"] = Revision.objects.count()
    data["log"] = ModelLogEntry.objects.count()
    return data


@pytest.fixture
def demo_registry(home_page):
    demo.seed(SeedContext(write=lambda *_: None))


@pytest.fixture
def mixed_files(demo_registry, tmp_path):
    """Files of three kinds, each with a new row, a changed row and an unchanged row of the demo data."""
    producer = Producer.objects.order_by("pk").first()
    village = CraftVillagePage.objects.order_by("pk").first()
    product = ProductPage.objects.order_by("pk").first()
    return {
        "producers": write_csv(
            tmp_path / "p.csv",
            ["slug", "name", "kind", "phone"],
            [
                [producer.slug, producer.name, producer.kind, "0269 999 000"],
                ["co-so-moi", "Cơ sở mới", "household", ""],
                *[[p.slug, p.name, p.kind, p.phone] for p in Producer.objects.exclude(pk=producer.pk)[:3]],
            ],
        ),
        "villages": write_csv(
            tmp_path / "v.csv",
            ["slug", "title", "village_type", "main_trade", "trade_groups"],
            [
                [village.slug, village.title + " (mới)", village.village_type, village.main_trade, "handicrafts"],
                ["lang-moi", "Làng mới", "traditional", "Đan lát", "handicrafts"],
            ],
        ),
        "products": write_csv(
            tmp_path / "s.csv",
            ["slug", "title", "product_group", "producer"],
            [
                [product.slug, product.title + " (mới)", product.product_group, product.producer.slug],
                ["san-pham-moi", "Sản phẩm mới", "processed-food", product.producer.slug],
            ],
        ),
    }


def test_a_dry_run_executes_no_write_and_changes_nothing(mixed_files):
    """(Inside the test's transaction Django's constraint checks add savepoints; that no transaction is opened
    on a live site is the lock test below.)"""
    before = snapshot()
    for kind, path in mixed_files.items():
        with CaptureQueriesContext(connection) as queries:
            report = import_file(path, kind, dry_run=True)
        assert report.ok, (kind, report.errors)
        assert report.counts["created"] == 1 and report.counts["updated"] == 1, (kind, report.summary())
        assert writes(queries.captured_queries) == [], kind
    assert snapshot() == before


def test_the_real_import_after_the_check_applies_what_the_dry_run_said(mixed_files):
    for kind, path in mixed_files.items():
        planned = import_file(path, kind, dry_run=True)
        applied = import_file(path, kind)
        assert applied.applied and applied.counts == planned.counts, kind
        assert [r.changes for r in applied.results] == [r.changes for r in planned.results], kind
        assert import_file(path, kind).counts["unchanged"] == applied.rows, kind
    assert CraftVillagePage.objects.get(slug="lang-moi").live
    assert ProductPage.objects.get(slug="san-pham-moi").producer == ProductPage.objects.order_by("pk").first().producer


def test_a_duplicate_key_within_the_file_is_found_by_the_dry_run_as_by_the_import(home_page, tmp_path):
    """A later row naming, by its tax code, the producer an earlier row adds is a duplicate in both passes."""
    path = write_csv(tmp_path / "p.csv", ["tax_code", "slug", "name", "kind"],
                     [["5900000009", "co-so-x", "Cơ sở X", "household"],
                      ["5900000009", "", "Cơ sở X", "cooperative"]])  # fmt: skip
    planned = import_file(path, "producers", dry_run=True)
    assert planned.counts == {"created": 1, "updated": 0, "unchanged": 0, "errors": 1}
    assert planned.errors == ["Dòng 3: trùng cơ sở sản xuất với dòng 2 (mã số thuế 5900000009)."]
    applied = import_file(path, "producers")
    assert applied.errors == planned.errors and not Producer.objects.filter(tax_code="5900000009").exists()


def test_a_dry_run_catches_what_only_the_database_used_to(home_page, tmp_path):
    """Unique fields are checked in memory: a new producer whose slug another producer has is a row error."""
    ProducerFactory(slug="co-so-a", tax_code="5900000001")
    path = write_csv(tmp_path / "p.csv", ["tax_code", "slug", "name", "kind"],
                     [["5900000002", "co-so-a", "Cơ sở A2", "household"]])  # fmt: skip
    report = import_file(path, "producers", dry_run=True)
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0, "errors": 0}  # found by its slug
    village_index()
    CraftVillagePageFactory(slug="lang-a")
    path = write_csv(tmp_path / "v.csv", ["slug", "title", "village_type", "main_trade"],
                     [["lang-b", "", "traditional", "Gốm"]])  # fmt: skip
    report = import_file(path, "villages", dry_run=True)
    assert not report.ok and report.errors[0].startswith("Dòng 2:") and "title" in report.errors[0]


@pytest.mark.django_db(transaction=True)
def test_while_a_dry_run_runs_another_writer_can_take_the_lock(home_page, tmp_path):
    """What the live site needs: at every row of a dry run (pages and records, new and changed), no transaction
    is open and (SQLite) a second connection can begin a write at once."""
    village_index()
    CraftVillagePageFactory(slug="lang-a", title="Làng A")
    ProducerFactory(slug="co-so-a", tax_code="5900000001", kind="household")
    rows = [["lang-a", "Làng A đổi tên", "traditional", "Gốm"]]
    rows += [[f"lang-{n}", f"Làng {n}", "traditional", "Gốm"] for n in range(3)]
    villages = write_csv(tmp_path / "v.csv", ["slug", "title", "village_type", "main_trade"], rows)
    producers = write_csv(tmp_path / "p.csv", ["tax_code", "slug", "name", "kind"],
                          [["5900000001", "co-so-a", "Cơ sở A", "cooperative"],
                           ["5900000002", "co-so-b", "Cơ sở B", "household"]])  # fmt: skip
    database = connection.settings_dict["NAME"]
    seen = []

    def probe(done, total, stage):
        blocked = None
        if connection.vendor == "sqlite":
            other = sqlite3.connect(database, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                blocked = False
            except sqlite3.OperationalError:
                blocked = True
            finally:
                other.close()
        seen.append((stage, connection.in_atomic_block, blocked))

    depth = []

    def watch(execute, sql, params, many, context):
        depth.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        report = import_file(villages, "villages", dry_run=True, progress=probe)
        assert report.ok and report.counts["created"] == 3 and report.counts["updated"] == 1
        report = import_file(producers, "producers", dry_run=True, progress=probe)
        assert report.ok and report.counts["created"] == 1 and report.counts["updated"] == 1
    blocked = None if connection.vendor != "sqlite" else False
    assert seen == [("check", False, blocked)] * 6
    assert depth and not any(depth)  # not one statement ran inside a transaction
    assert CraftVillagePage.objects.count() == 1 and CraftVillagePage.objects.get().title == "Làng A"
    assert Producer.objects.get().kind == "household"


def test_the_admin_preview_writes_only_the_session(admin_client, mixed_files):
    before = snapshot()
    with open(mixed_files["villages"], "rb") as handle, CaptureQueriesContext(connection) as queries:
        response = admin_client.post(reverse("catalogue_import:index"), {"kind": "villages", "file": handle})
    assert response.status_code == 200 and response.context["token"]
    assert "1 thêm mới, 1 cập nhật" in response.content.decode()
    assert [sql for sql in writes(queries.captured_queries) if "django_session" not in sql] == []
    assert snapshot() == before


# -- the templates at /du-lieu-mo/mau/ -------------------------------------------------------------------------

ORDER = ["provinces", "communes", "producers", "products", "certificates", "villages", "artisans"]
OTHER_APPS = ["projects"]  # kinds of other apps (registered in their ready()): tests/test_programmes_import.py


def test_each_template_adds_one_example_record_and_replaces_none(demo_registry, client, tmp_path):
    assert sorted(ORDER + OTHER_APPS) == sorted(SCHEMAS)
    before = snapshot()
    paths = {}
    for kind in ORDER:
        for fmt in ("csv", "xlsx"):
            response = client.get(f"/du-lieu-mo/mau/{kind}.{fmt}")
            assert response.status_code == 200
            path = paths[kind, fmt] = tmp_path / f"mau-{kind}.{fmt}"
            path.write_bytes(response.content)
            report = import_file(path, kind, dry_run=True)
            assert report.counts == {"created": 1, "updated": 0, "unchanged": 0, "errors": 0}, (
                kind,
                fmt,
                report.errors,
            )
            key = report.results[0].key
            assert key.startswith(("vi-du-", "VD")), (kind, key)
            out = io.StringIO()
            call_command("import_registry", str(path), "--kind", kind, "--dry-run", stdout=out)
            assert "1 dòng: 1 thêm mới, 0 cập nhật, 0 không đổi, 0 lỗi" in out.getvalue()
    assert snapshot() == before
    # Imported for real, one after the other: each adds its example; no stored record changes.
    for kind in ORDER:
        report = import_file(paths[kind, "csv"], kind)
        assert report.applied and report.counts["created"] == 1, (kind, report.errors)
    after = snapshot()
    for model in MODELS:
        name = model.__name__
        assert set(before[name]) <= set(after[name]) and len(after[name]) == len(before[name]) + 1, name


def test_template_example_rows_are_visibly_examples(client, home_page):
    for kind in ORDER:
        text = client.get(f"/du-lieu-mo/mau/{kind}.csv").content.decode("utf-8-sig")
        assert "Ví dụ" in text or "vi-du-" in text, kind
