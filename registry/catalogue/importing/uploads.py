"""Uploaded import files kept between the preview and the confirmation: in a private temporary directory (never
under ``MEDIA_ROOT``), named by a random token that only the uploader's session knows, removed after a day."""

import os
import secrets
import tempfile
import time
from pathlib import Path

from .readers import display_name

SESSION_KEY = "catalogue_imports"
MAX_AGE = 24 * 3600
MAX_BYTES = 10 * 1024 * 1024


def upload_dir():
    """The private directory of pending imports (created with mode 0700)."""
    path = Path(tempfile.gettempdir()) / "khuyencong-imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _sweep(directory):
    cutoff = time.time() - MAX_AGE
    for old in directory.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            continue


def store(session, uploaded, kind):
    """Save ``uploaded`` (a Django ``UploadedFile``) and remember it in ``session``; returns its token."""
    directory = upload_dir()
    _sweep(directory)
    token = secrets.token_urlsafe(24)
    suffix = Path(uploaded.name).suffix.lower()
    path = directory / f"{token}{suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    pending = dict(session.get(SESSION_KEY, {}))
    pending[token] = {"path": str(path), "kind": kind, "name": display_name(uploaded.name)}
    session[SESSION_KEY] = pending
    return token


def pending(session, token):
    """``{"path", "kind", "name"}`` of the session's upload ``token`` if its file still exists, else ``None``."""
    entry = session.get(SESSION_KEY, {}).get(token or "")
    if entry is None or not Path(entry["path"]).is_file():
        return None
    return entry


def discard(session, token):
    """Forget the upload ``token`` and delete its file."""
    entries = dict(session.get(SESSION_KEY, {}))
    entry = entries.pop(token, None)
    session[SESSION_KEY] = entries
    if entry:
        Path(entry["path"]).unlink(missing_ok=True)
