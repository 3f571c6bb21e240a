"""Vietnamese alphabetical order in the database: a stored ``sort_key`` column (``core.text.sort_key`` and its place
and person variants, digits and lower-case ASCII letters only) compared byte by byte.

The key is computed in Python when a row is saved, so the order is the same on SQLite and PostgreSQL whatever the
server's locale; ``ByteOrder`` adds ``COLLATE "C"`` on PostgreSQL (SQLite compares bytes already).

On the English site an A–Z list of pages (products, villages, artisans: every ``alphabetical()`` over a page's own
``sort_key``) is in the order of the titles shown: a page with a live English translation sorts by the
translation's ``sort_key`` (made from its English title), the others by their own (``SortKeyInLanguage``).
"""

from django.db import models
from django.db.models import F, Func, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .text import SORT_KEY_LENGTH, sort_key
from .translation import active_language, default_language, live_translations


class ByteOrder(Func):
    """``expression`` compared byte by byte: ``COLLATE "C"`` on PostgreSQL, the column itself elsewhere (SQLite's
    default BINARY collation). Use ``ByteOrder("sort_key").asc()`` in ``order_by``."""

    template = "%(expressions)s"
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context)


class SortKeyInLanguage(F):
    """The ``sort_key`` of the rows of a page model in the visitor's language, resolved when the query is built
    (so an ordering declared once at import follows each request's language): on the Vietnamese site, or for a
    model that is not a translatable page, the column itself; on the English site the ``sort_key`` of the row's
    live English translation (made with wagtail-localize), else the row's own: ``Coalesce(Subquery(...), F)``."""

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        model = getattr(query, "model", None)
        language = active_language()
        if model is None or language == default_language() or not hasattr(model, "translation_key"):
            return super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        english = live_translations(model, language).filter(translation_key=models.OuterRef("translation_key"))
        expression = Coalesce(Subquery(english.values("sort_key")[:1]), F(self.name))
        return expression.resolve_expression(query, allow_joins, reuse, summarize, for_save)


def alphabetical(field="sort_key"):
    """The ``order_by`` term of an A–Z list over a stored key: ``field`` (a ``sort_key`` column, possibly across a
    relation, e.g. ``"commune__sort_key"``) in byte order; a page's own ``sort_key`` follows the visitor's language
    (``SortKeyInLanguage``)."""
    return ByteOrder(SortKeyInLanguage(field) if field == "sort_key" else F(field)).asc()


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
