"""The renditions file cache (core/cache.py): Wagtail's write-back of unchanged renditions costs no file write, and
what another process deleted is never served from memory."""

from unittest import mock

import pytest
from django.core.cache.backends import filebased

from core.cache import RenditionFileCache
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_processes(tmp_path):
    """Two cache objects on one directory, as two gunicorn workers have."""
    params = {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 1000}}
    return RenditionFileCache(str(tmp_path), params), RenditionFileCache(str(tmp_path), params)


def writes(cache, *calls):
    with mock.patch.object(filebased, "file_move_safe", wraps=filebased.file_move_safe) as move:
        for call in calls:
            call(cache)
    return move.call_count


def test_unchanged_values_are_written_once(two_processes):
    first, _ = two_processes
    assert writes(first, lambda c: c.set("a", 1), lambda c: c.set("a", 1), lambda c: c.set_many({"a": 1})) == 1
    assert writes(first, lambda c: c.set("a", 2)) == 1  # a new value is written
    assert first.get("a") == 2


def test_a_value_read_from_the_files_is_not_written_back(two_processes):
    first, second = two_processes
    first.set("k", "v")
    assert second.get_many(["k"]) == {"k": "v"}
    assert writes(second, lambda c: c.set_many({"k": "v"})) == 0


def test_a_key_deleted_by_another_process_is_not_served_from_memory(two_processes):
    first, second = two_processes
    first.set("k", "v")
    assert second.get("k") == "v"
    first.delete("k")
    assert second.get("k") is None and second.get("k", "default") == "default"


def test_renditions_are_compared_by_their_columns(two_processes, settings):
    first, _ = two_processes
    image = ImageFactory()
    rendition = image.get_rendition("fill-80x60|format-webp")
    assert writes(first, lambda c: c.set("r", rendition)) == 1
    image.renditions.all().delete()
    newer = image.get_rendition("fill-80x60|format-webp")  # a new row, another primary key
    assert writes(first, lambda c: c.set("r", rendition), lambda c: c.set("r", newer)) == 1
    assert first.get("r").pk == newer.pk
