"""Open-data downloads (``/du-lieu-mo/<kind>.csv|json``) in constant memory, written once per data version.

- **Data version** (``data_version``): the page cache's generation (core/page_cache.py: every write that can change a
  public page starts a new one — a certificate published or revoked, a product edited, a producer unpublished), the
  time it started (``PageCacheGeneration.updated_at``), today's date (a certificate's status turns "expired" at
  midnight) and the language (labels of choices are translated), read once per page-cache epoch. Its ``etag`` and
  ``last_modified`` are the validators of every download: a request repeating them gets a 304 with no body
  (``django.views.decorators.http.condition`` in the view), and any public write changes them.
- **Streamed**: the records are read ``CHUNK_SIZE`` at a time (``QuerySet.iterator`` with the prefetches of each
  chunk, registry/catalogue/opendata.py) and written in blocks of ``BLOCK`` bytes: CSV (UTF-8 with a BOM, safe
  cells) or JSON (one object, its ``items`` array written record by record, ``count`` after it). Neither the rows nor
  the file are ever held whole in memory.
- **Written once per version**: the first request of a version is streamed from the database and, at the same time,
  into a file under ``open_data_root()``; once complete (and if no write started a new version meanwhile) the file
  takes its final name and every later request of that version is streamed from it without touching the records
  (``FileResponse``, with a ``Content-Length``). The files of older versions are removed then.

Trade-off: the files are on each node's local disk (``OPEN_DATA_ROOT``, by default a directory in the system's
temporary directory named after the project and its database), not in the shared cache: a cache entry is read whole
into memory, a file is not. So each node builds each file once per version and language (a few hundred KB at the
30× scale) after a public write; the first visitor after a write waits for the database (the build is streamed to
them as it is written), concurrent first visitors build it side by side (the last one to finish keeps its file). A
write during a build is never served as the new version: the file is dropped and built again by the next request.
"""

import csv
import hashlib
import json
import logging
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from core.models import PageCacheGeneration
from core.shared_data import shared

from .opendata import LICENCE_NAME, LICENCE_URL

logger = logging.getLogger(__name__)

FORMAT_VERSION = "2"
"""Of the files' layout: a new value gives every file and validator a new name (a deployment that changes the
columns or their types never serves a file written by the previous release)."""

BLOCK = 64 * 1024
"""Bytes written and sent at a time."""

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@dataclass(frozen=True)
class DataVersion:
    """The version of the public data a download is built from (see the module docstring)."""

    generation: int
    started: datetime
    today: date
    language: str

    @property
    def last_modified(self):
        """When this version started: the public write that started it, or today's midnight (statuses computed for
        today), whichever is later; an aware ``datetime``."""
        midnight = timezone.make_aware(datetime.combine(self.today, time.min))
        return max(self.started, midnight)

    def etag(self, kind, fmt):
        """The entity tag of dataset ``kind`` in format ``fmt`` at this version (without quotes)."""
        key = f"{FORMAT_VERSION}:{kind}.{fmt}:{self.generation}:{self.started.isoformat()}:{self.today}:{self.language}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]


def _read_version(today, language):
    """The ``DataVersion`` in the database now (one query; two the very first time, creating the row)."""
    row = PageCacheGeneration.objects.filter(pk=1).values_list("generation", "updated_at").first()
    if row is None:
        PageCacheGeneration.current()  # creates the row
        row = PageCacheGeneration.objects.filter(pk=1).values_list("generation", "updated_at").first()
    return DataVersion(row[0], row[1], today, language)


def data_version(request=None):
    """The current ``DataVersion``: read from the database once per page-cache epoch, date and language in each
    process (``core.shared_data.shared``), so a repeated download or a 304 costs no query; remembered on
    ``request`` for the rest of it when given."""
    version = getattr(request, "_open_data_version", None)
    if version is not None:
        return version
    today, language = timezone.localdate(), get_language() or ""
    version = shared("open-data-version", (today, language), lambda: _read_version(today, language))
    if request is not None:
        request._open_data_version = version
    return version


def _still_current(version):
    """Whether the database is still at ``version`` (a fresh read: a write may have committed meanwhile)."""
    now = _read_version(timezone.localdate(), version.language)
    return (now.generation, now.started, now.today) == (version.generation, version.started, version.today)


def open_data_root():
    """The directory of the built files: ``settings.OPEN_DATA_ROOT``, else one in the system's temporary directory
    named after the project's directory and its database (two sites on one machine never share files)."""
    configured = getattr(settings, "OPEN_DATA_ROOT", None)
    if configured:
        return Path(configured)
    name = f"{settings.BASE_DIR}|{connection.settings_dict.get('NAME')}"
    return Path(tempfile.gettempdir()) / f"khuyencong-opendata-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


class _Line:
    """A file-like object whose ``write`` returns what it is given, so ``csv.writer.writerow`` returns the line."""

    def write(self, value):
        return value


def csv_text(dataset, kind, request, version):
    """The CSV of ``dataset`` at ``version`` (a ``DataVersion``) as pieces of text: a BOM (Excel reads UTF-8 only
    with one), the header, a line per record, every cell safe for spreadsheets."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(dataset.columns)
    for row in dataset.csv_rows(request, version.today):
        yield writer.writerow(row)


def json_text(dataset, kind, request, version):
    """The JSON of ``dataset`` at ``version`` (a ``DataVersion``) as pieces of text: one object (dataset, title,
    licence, ``generated_at``, fields), its ``items`` written record by record, then ``count``.

    ``generated_at`` is the time the data version started (``DataVersion.last_modified``, the ``Last-Modified``
    header, in UTC), not the clock at the build: every body served under one strong ``ETag`` is the same bytes,
    whichever request or node built it and when."""
    head = {
        "dataset": kind,
        "title": str(dataset.label),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "generated_at": version.last_modified.astimezone(UTC).isoformat(timespec="seconds"),
        "fields": dataset.columns,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
    count = 0
    for item in dataset.json_rows(request, version.today):
        yield ("\n" if count == 0 else ",\n") + json.dumps(item, ensure_ascii=False)
        count += 1
    yield f'\n], "count": {count}}}\n'


WRITERS = {"csv": csv_text, "json": json_text}


def blocks(pieces):
    """``pieces`` of text as UTF-8 bytes in blocks of about ``BLOCK`` bytes."""
    parts, size = [], 0
    for piece in pieces:
        data = piece.encode()
        parts.append(data)
        size += len(data)
        if size >= BLOCK:
            yield b"".join(parts)
            parts, size = [], 0
    if parts:
        yield b"".join(parts)


def _file_path(kind, fmt, version):
    return open_data_root() / f"{kind}.{version.language}-{version.etag(kind, fmt)}.{fmt}"


def _build(path, dataset, kind, fmt, request, version):
    """Stream the file from the database while writing it to ``path``; keep it only when complete and still of the
    current version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    kept = False
    try:
        with open(temporary, "wb") as out:
            for block in blocks(WRITERS[fmt](dataset, kind, request, version)):
                out.write(block)
                yield block
        if _still_current(version):
            os.replace(temporary, path)
            kept = True
            _remove_others(path, kind, fmt, version.language)
    finally:
        if not kept:
            temporary.unlink(missing_ok=True)


def _remove_others(path, kind, fmt, language):
    """Remove the files of older versions of the same dataset, format and language."""
    for other in path.parent.glob(f"{kind}.{language}-*.{fmt}"):
        if other != path:
            other.unlink(missing_ok=True)


def download(dataset, kind, fmt, request):
    """The streamed response of dataset ``kind`` in format ``fmt``: from its file of the current version when built,
    else from the database (building the file). ``ETag``/``Last-Modified`` are set by the view's ``condition``."""
    version = data_version(request)
    path = _file_path(kind, fmt, version)
    filename = f"khuyencong-{kind}.{fmt}"
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed by the response)
    except FileNotFoundError:
        chunks = _build(path, dataset, kind, fmt, request, version)
        response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = content_disposition_header(fmt == "csv", filename)
    except OSError:  # an unreadable directory: served from the database, as the build would be, without a file
        logger.warning("open data: cannot read %s", path, exc_info=True)
        response = StreamingHttpResponse(
            blocks(WRITERS[fmt](dataset, kind, request, version)), content_type=CONTENT_TYPES[fmt]
        )
        response["Content-Disposition"] = content_disposition_header(fmt == "csv", filename)
    else:
        response = FileResponse(handle, content_type=CONTENT_TYPES[fmt], as_attachment=fmt == "csv", filename=filename)
        response.block_size = BLOCK
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    patch_cache_control(response, public=True, no_cache=True)
    return response
