"""Backup and restore: an archive of the demo site restored into a fresh database gives the same site.

Runs ``manage.py`` in subprocesses against databases of their own (SQLite files, or fresh PostgreSQL databases when
``DATABASE_URL`` points at PostgreSQL, as in CI), as an operator would.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import environ
import pytest

ROOT = Path(__file__).resolve().parent.parent
COUNT_SCRIPT = (
    "from wagtail.models import Page; from registry.catalogue.models import Certificate;"
    "from registry.competitions.models import ScoreSheet;"
    "from wagtail.search.backends import get_search_backend;"
    "hits = sorted(p.title for p in get_search_backend().search('gom', Page.objects.live()));"
    "print(Page.objects.count(), Certificate.objects.count(), ScoreSheet.objects.count(), len(hits), hits[0])"
)


@pytest.fixture
def databases(tmp_path):
    """Two empty databases of the engine under test: ``(url_a, url_b)``; PostgreSQL ones are dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
        return
    import psycopg2

    config = environ.Env.db_url_config(url)
    names = [f"kc_backup_{uuid.uuid4().hex[:8]}_{side}" for side in "ab"]
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]
    try:
        yield tuple(f"{base}/{name}" for name in names)
    finally:
        with admin.cursor() as cursor:
            for name in names:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def manage(*args, database_url, media_root, check=True):
    env = dict(os.environ, DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    env.pop("ELASTICSEARCH_URL", None)
    completed = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if check:
        assert completed.returncode == 0, completed.stderr[-2000:]
    return completed


@pytest.mark.django_db
def test_backup_restores_the_same_site_into_an_empty_database(databases, tmp_path):
    url_a, url_b = databases
    media_a, media_b = tmp_path / "media-a", tmp_path / "media-b"
    manage("migrate", "-v0", database_url=url_a, media_root=media_a)
    manage("seed_demo", database_url=url_a, media_root=media_a)
    before = manage("shell", "-c", COUNT_SCRIPT, database_url=url_a, media_root=media_a).stdout.strip()

    output = manage("backup", "--output", str(tmp_path / "backups"), database_url=url_a, media_root=media_a).stdout
    archive = Path(output.strip().splitlines()[-1])
    assert archive.name.startswith("khuyencong-") and archive.suffixes == [".tar", ".gz"]

    manage("migrate", "-v0", database_url=url_b, media_root=media_b)  # an empty, migrated site
    manage("restore", str(archive), database_url=url_b, media_root=media_b)
    after = manage("shell", "-c", COUNT_SCRIPT, database_url=url_b, media_root=media_b).stdout.strip()

    assert after.splitlines()[-1] == before.splitlines()[-1]
    pages, certificates, sheets, hits, first_hit = before.splitlines()[-1].split(" ", 4)
    assert int(pages) > 50 and int(certificates) > 10 and int(sheets) > 10 and int(hits) > 0
    originals = sorted(p.relative_to(media_a) for p in media_a.rglob("*") if p.is_file())
    restored = sorted(p.relative_to(media_b) for p in media_b.rglob("*") if p.is_file())
    assert originals and restored == originals

    refused = manage("restore", str(archive), database_url=url_b, media_root=media_b, check=False)
    assert refused.returncode != 0
    assert "chỉ khôi phục vào cơ sở dữ liệu trống" in refused.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("không phải tệp nén")
    result = manage(
        "restore",
        str(bogus),
        database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        media_root=tmp_path / "media",
        check=False,
    )
    assert result.returncode != 0
    assert "Không đọc được tệp nén" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_refuses_a_truncated_archive_with_a_clear_message(tmp_path):
    import io
    import tarfile

    archive = tmp_path / "khuyencong-20261129-010000.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        manifest = b'{"format": 1, "created": "2026-11-29T01:00:00+07:00", "engine": "sqlite", "media": []}'
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
        payload = bytes(range(256)) * 4000
        info = tarfile.TarInfo("database.sqlite3")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = manage(
        "restore",
        str(truncated),
        database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        media_root=tmp_path / "media",
        check=False,
    )
    assert result.returncode != 0
    assert "bị hỏng hoặc không đầy đủ" in result.stderr
    assert "Traceback" not in result.stderr
