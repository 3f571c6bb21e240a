"""Cache backends of the project.

``RenditionFileCache`` is the file cache of Wagtail's renditions (the alias ``renditions``, config/settings/base.py).
Wagtail writes every rendition it looks up back to that cache on every request, those it has just read from it
included (``Image.get_rendition`` always; ``Image.get_renditions`` for every rendition not prefetched). With a file
cache a write is a temporary file, a rename and a listing of the directory (to cull it): several per picture and
request, for values that did not change. This backend remembers, per process, what it read or wrote for a key and
skips a write of the same value; reads always go to the shared files, so a rendition that another process deleted
(Wagtail purges it when its image changes) is never served from memory.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.db import models

MEMO_SECONDS = 300
MEMO_LIMIT = 20_000


def fingerprint(value):
    """A comparable summary of ``value``: a model instance's label, primary key and column values; ``value`` itself
    when it is hashable; None (never skipped) otherwise."""
    if isinstance(value, models.Model):
        return (value._meta.label, *(getattr(value, field.attname) for field in value._meta.concrete_fields))
    try:
        hash(value)
    except TypeError:
        return None
    return value


class RenditionFileCache(FileBasedCache):
    """A ``FileBasedCache`` that does not rewrite a value it has just read or written (see the module docstring).

    The memo lives ``MEMO_SECONDS`` per key and holds at most ``MEMO_LIMIT`` keys; a value still missing from the
    files after another process deleted it is written again once the memo expires (in between it is looked up in the
    database, as on a cache miss)."""

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._memo = {}

    def _remember(self, key, version, value):
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        summary = fingerprint(value)
        if summary is not None:
            self._memo[self.make_key(key, version)] = (summary, time.monotonic() + MEMO_SECONDS)

    def _known(self, key, version, value):
        entry = self._memo.get(self.make_key(key, version))
        return entry is not None and entry[1] > time.monotonic() and entry[0] == fingerprint(value)

    def get(self, key, default=None, version=None):
        value = super().get(key, default=_MISSING, version=version)
        if value is _MISSING:
            return default
        self._remember(key, version, value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._known(key, version, value):
            return
        super().set(key, value, timeout=timeout, version=version)
        self._remember(key, version, value)

    def delete(self, key, version=None):
        self._memo.pop(self.make_key(key, version), None)
        return super().delete(key, version=version)

    def clear(self):
        self._memo.clear()
        return super().clear()


_MISSING = object()
