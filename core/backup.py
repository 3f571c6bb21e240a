"""Backups you can restore: the database and the media files in one dated ``.tar.gz`` archive.

Archive layout (format 1)::

    manifest.json        {"format": 1, "created": ISO 8601, "engine": "sqlite" | "postgresql", "media": [dirs]}
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API (the site may keep running)
    database.dump        PostgreSQL: ``pg_dump --format=custom`` (restored with ``pg_restore``)
    media/…              every file under MEDIA_ROOT (images, renditions, documents)
    private/…            every file under PRIVATE_MEDIA_ROOT when that setting exists (dossiers)

``restore`` only writes into an empty database (no table yet, or only what ``migrate`` creates when nothing has
been saved): it never mixes two sites. Errors are ``BackupError`` with a Vietnamese message.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese."""


def _engine(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(vendor)s.") % {"vendor": vendor})
    return vendor


def _file_roots():
    """``{name in the archive: directory}`` for the file stores that are backed up."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        roots["private"] = Path(private)
    return roots


def _pg_env_and_args(alias="default"):
    conf = connections[alias].settings_dict
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if conf.get(key):
            args += [flag, str(conf[key])]
    return env, args, conf["NAME"]


def _run(command, env=None):
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(_("Không tìm thấy chương trình %(program)s.") % {"program": command[0]}) from error
    if completed.returncode != 0:
        raise BackupError(
            _("%(program)s báo lỗi: %(error)s") % {"program": command[0], "error": completed.stderr.strip()[-500:]}
        )


def _sqlite_copy(source_path, destination_path):
    """Copy a SQLite database page by page with SQLite's online backup API (consistent while the site runs)."""
    source = sqlite3.connect(source_path)
    destination = sqlite3.connect(destination_path)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _dump_database(target_dir, alias="default"):
    engine = _engine(alias)
    if engine == "sqlite":
        path = target_dir / "database.sqlite3"
        _sqlite_copy(connections[alias].settings_dict["NAME"], path)
        return path
    env, args, name = _pg_env_and_args(alias)
    path = target_dir / "database.dump"
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(path), name], env=env)
    return path


def create_backup(output_dir, alias="default", now=None):
    """Write a backup archive into ``output_dir`` and return its path.

    The name is ``khuyencong-<YYYYMMDD-HHMMSS>.tar.gz`` (local time). Raises ``BackupError``.
    """
    now = timezone.localtime(now or timezone.now())
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"khuyencong-{now:%Y%m%d-%H%M%S}.tar.gz"
    roots = {name: root for name, root in _file_roots().items() if root.is_dir()}
    with tempfile.TemporaryDirectory() as tmp:
        database = _dump_database(Path(tmp), alias)
        manifest = {"format": FORMAT, "created": now.isoformat(), "engine": _engine(alias), "media": sorted(roots)}
        manifest_path = Path(tmp) / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname="manifest.json")
            tar.add(database, arcname=database.name)
            for name, root in roots.items():
                tar.add(root, arcname=name)
        partial.replace(archive)
    return archive


def _read_manifest(tar):
    try:
        member = tar.getmember("manifest.json")
        manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(_("Tệp nén bị hỏng hoặc không đầy đủ.")) from error
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError(_("Tệp này không phải bản sao lưu của Khuyến công (thiếu manifest.json).")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Bản sao lưu có định dạng không hỗ trợ: %(format)s.") % {"format": manifest.get("format")})
    return manifest


def database_is_empty(alias="default"):
    """True when the database has no table, or its tables hold no page other than Wagtail's root and no user."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    if not tables:
        return True
    with connection.cursor() as cursor:
        for table, limit in (("auth_user", 0), ("wagtailcore_page", 2)):
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - fixed names
                if cursor.fetchone()[0] > limit:
                    return False
    return True


def _drop_everything(alias):
    """Empty a PostgreSQL database that only ``migrate`` has touched, so pg_restore can recreate it whole."""
    with connections[alias].cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def restore_backup(archive, alias="default"):
    """Restore ``archive`` into the (empty) database and the media directories; return the manifest.

    Raises ``BackupError`` when the archive is not ours, the database engine differs or the database holds data.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("Không tìm thấy tệp %(path)s.") % {"path": archive})
    engine = _engine(alias)
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 - closed by the with block below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(_("Không đọc được tệp nén %(path)s.") % {"path": archive}) from error
    with tar, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(tar)
        if manifest["engine"] != engine:
            raise BackupError(
                _("Bản sao lưu của cơ sở dữ liệu %(source)s không khôi phục được vào %(target)s.")
                % {"source": manifest["engine"], "target": engine}
            )
        if not database_is_empty(alias):
            raise BackupError(_("Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống."))
        try:
            tar.extractall(tmp, filter="data")
        except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
            raise BackupError(_("Tệp nén %(path)s bị hỏng hoặc không đầy đủ.") % {"path": archive}) from error
        tmp = Path(tmp)
        connection = connections[alias]
        if engine == "sqlite":
            connection.close()
            _sqlite_copy(tmp / "database.sqlite3", connection.settings_dict["NAME"])
        else:
            _drop_everything(alias)
            connection.close()
            env, args, name = _pg_env_and_args(alias)
            _run(
                ["pg_restore", "--no-owner", "--no-privileges", *args, "--dbname", name, str(tmp / "database.dump")],
                env,
            )
        for name, root in _file_roots().items():
            source_dir = tmp / name
            if source_dir.is_dir():
                root.mkdir(parents=True, exist_ok=True)
                shutil.copytree(source_dir, root, dirs_exist_ok=True)
    return manifest


def parse_created(manifest):
    """The backup's creation time from its manifest, as an aware datetime."""
    return datetime.fromisoformat(manifest["created"])
