"""Vietnamese alphabetical order in the database: a stored ``sort_key`` column (``core.text.sort_key`` and its place
and person variants, digits and lower-case ASCII letters only) compared byte by byte.

The key is computed in Python when a row is saved, so the order is the same on SQLite and PostgreSQL whatever the
server's locale; ``ByteOrder`` adds ``COLLATE "C"`` on PostgreSQL (SQLite compares bytes already).
"""

from django.db import models
from django.db.models import F, Func
from django.utils.translation import gettext_lazy as _

from .text import SORT_KEY_LENGTH, sort_key


class ByteOrder(Func):
    """``expression`` compared byte by byte: ``COLLATE "C"`` on PostgreSQL, the column itself elsewhere (SQLite's
    default BINARY collation). Use ``ByteOrder("sort_key").asc()`` in ``order_by``."""

    template = "%(expressions)s"
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context)


def alphabetical(field="sort_key"):
    """The ``order_by`` term of an A–Z list over a stored key: ``field`` (a ``sort_key`` column, possibly across a
    relation, e.g. ``"commune__sort_key"``) in byte order."""
    return ByteOrder(F(field)).asc()


class SortKeyMixin(models.Model):
    """Keeps ``sort_key`` (indexed, not editable) the Vietnamese alphabetical key of the record's name on every save.

    Models say which fields the key is made from (``sort_key_fields``, default the title or name) and how
    (``make_sort_key``, default ``core.text.sort_key``); a save with ``update_fields`` that leaves those fields out
    (e.g. Wagtail saving a draft revision of a live page) leaves the key alone too.
    """

    sort_key = models.CharField(
        _("khóa sắp xếp"),
        max_length=SORT_KEY_LENGTH,
        editable=False,
        blank=True,
        default="",
        db_index=True,
        help_text=_("Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt."),
    )

    sort_key_fields = ("title", "name")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save with ``sort_key`` computed from the current name (added to ``update_fields`` when the name is)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.sort_key = self.make_sort_key()
        elif set(update_fields) & set(self.sort_key_fields):
            self.sort_key = self.make_sort_key()
            if "sort_key" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "sort_key"]
        super().save(*args, **kwargs)

    def sort_key_source(self):
        """The text the key is made from: the first of ``sort_key_fields`` the model has."""
        for name in self.sort_key_fields:
            if hasattr(self, name):
                return getattr(self, name) or ""
        return ""

    def make_sort_key(self):
        """The key of ``sort_key_source()``; places and people override this (``place_sort_key``, ...)."""
        return sort_key(self.sort_key_source())
