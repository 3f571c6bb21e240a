"""Wagtail's database search backend, Vietnamese-aware: ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` points here.

Every search Wagtail runs goes through it — the site search, the catalogue's relevance, the search box's suggestions,
and the admin's searches of pages, images, documents and snippets — for every indexed model, on SQLite (FTS5) and
PostgreSQL alike. One rule, applied at index time and at query time (``search.text``):

- **index**: every indexed text is stored as its lower-case NFC words followed by their folded form
  (``index_text``: "Gốm Bàu Trúc" → "gốm bàu trúc gom bau truc");
- **query**: the query is NFC-normalized and split into words without punctuation; it matches when its folded words
  match (``query_tokens``), or its words as typed (``exact_tokens``). An item holding the words as typed matches both,
  so the engine ranks it first: "Gốm" puts "Gốm …" above "Gom …". NFD input (a Mac) gives the same words as NFC.

Punctuation never reaches the engine, so a quote or a NUL in ``?q=`` cannot break the FTS5 or tsquery syntax; a query
with no word left finds nothing (``MATCH_NONE``). On PostgreSQL the ``simple`` configuration is used (no stemming, no unaccent: the
folding is ours, so both databases give the same answers).

A search restricted with ``fields=[…]`` (``Model.objects.search(q, fields=["title"])``, an admin viewset's
``search_fields``) is not compiled by Wagtail from the index: on PostgreSQL it builds ``to_tsvector`` from the model's
raw columns (so the folded words never match), on SQLite it names FTS5 columns that do not exist (an error for
anything but ``title``). Here it searches the whole folded index and narrows the rows to those whose restricted
fields hold the folded words (``core.folding``, the same fold in SQL): one rule on both databases
(``RestrictedFieldsCompilerMixin``).

The database picks the engine as Wagtail does (``modelsearch.backends.database.SearchBackend``); MySQL and the
fallback without FTS5 are used unchanged.
"""

from copy import copy
from functools import cache, reduce
from types import FunctionType

from django.db import connection
from django.utils.encoding import force_str
from modelsearch.backends import database as wagtail_database
from modelsearch.query import MATCH_NONE, And, Not, Or, Phrase, PlainText

from core.folding import search_terms, term_q

from ..text import exact_tokens, index_text, query_tokens


def _flatten(value):
    """The text of an indexed value (a string, a list or dict of them, anything else as a string)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_flatten(item) for item in value.values())
    return "" if value is None else force_str(value)


def vietnamese_query(query, operator):
    """``query`` (a string or a modelsearch query object, e.g. from the admin's ``parse_query_string``) with every
    plain text and phrase matching its folded words or its words as typed; ``None`` when no word is left.

    ``operator`` ("and"/"or") combines the words of a plain string."""
    if isinstance(query, str):
        query = PlainText(query, operator=operator)
    if isinstance(query, (PlainText, Phrase)):
        make = (lambda words: PlainText(words, operator=query.operator)) if isinstance(query, PlainText) else Phrase
        folded = " ".join(query_tokens(query.query_string))
        exact = " ".join(exact_tokens(query.query_string))
        if not folded:
            return make(exact) if exact else None
        return make(folded) if exact in ("", folded) else Or([make(exact), make(folded)])
    if isinstance(query, (And, Or)):
        parts = [part for part in (vietnamese_query(sub, operator) for sub in query.subqueries) if part is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        inner = vietnamese_query(query.subquery, operator)
        return Not(inner) if inner is not None else None
    return query  # MATCH_ALL, Boost, Fuzzy…: unchanged


class FoldingIndexerMixin:
    """Mixed into the engine's ``ObjectIndexer``: every indexed value goes through ``search.text.index_text``."""

    def prepare_value(self, value):
        return index_text(_flatten(value))


def _with_indexer(index_class, module, indexer_class):
    """A subclass of ``index_class`` whose ``add_items`` builds ``indexer_class`` objects.

    Wagtail's ``add_items`` creates the module-level ``ObjectIndexer`` by name; its own code is reused with that name
    bound to the folding indexer (no copy of Wagtail's code to keep in step)."""
    add_items = index_class.add_items
    folding_add_items = FunctionType(
        add_items.__code__,
        {**module.__dict__, "ObjectIndexer": indexer_class},
        add_items.__name__,
        add_items.__defaults__,
        add_items.__closure__,
    )
    return type(f"Folding{index_class.__name__}", (index_class,), {"add_items": folding_add_items})


class FoldingBackendMixin:
    """Mixed into an engine's backend class: queries are folded before Wagtail compiles them."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        operator = (kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR).lower()
        # No word left ('"', NUL…): the engine's own empty results, still tied to the model (admin listings need it).
        query = vietnamese_query(query, operator) or MATCH_NONE
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def restriction_q(query, fields):
    """The ``Q`` a (folded) modelsearch ``query`` sets on the restricted ``fields``: every word of a plain text
    ("or": one of them) or phrase is inside the folded value of one of ``fields``; ``And``/``Or``/``Not`` combine;
    ``None`` where nothing restricts (``MATCH_ALL``…)."""
    if isinstance(query, (PlainText, Phrase)):
        parts = [term_q(term, fields) for term in search_terms(query.query_string)]
        either = isinstance(query, PlainText) and query.operator == "or"
        return reduce((lambda a, b: a | b) if either else (lambda a, b: a & b), parts) if parts else None
    if isinstance(query, (And, Or)):
        parts = [part for part in (restriction_q(sub, fields) for sub in query.subqueries) if part is not None]
        if not parts:
            return None
        return reduce((lambda a, b: a & b) if isinstance(query, And) else (lambda a, b: a | b), parts)
    if isinstance(query, Not):
        inner = restriction_q(query.subquery, fields)
        return ~inner if inner is not None else None
    return None


class RestrictedFieldsCompilerMixin:
    """Mixed into the engine's query compilers: ``fields=[…]`` searches the folded index (every field) and keeps the
    rows whose restricted fields hold the query's folded words (``restriction_q``). Wagtail still checks that each
    restricted field is a declared ``SearchField`` (``SearchFieldError`` otherwise)."""

    def search(self, *args, **kwargs):
        if not self.fields:
            return super().search(*args, **kwargs)
        compiler = copy(self)
        restriction = restriction_q(self.query, list(self.fields))
        if restriction is not None:
            compiler.queryset = self.queryset.filter(restriction)
        compiler.fields = None
        return super(RestrictedFieldsCompilerMixin, compiler).search(*args, **kwargs)


class SimpleConfigMixin:
    """PostgreSQL: the ``simple`` configuration unless ``SEARCH_CONFIG`` says otherwise (no stemming, no unaccent:
    the folding is ours, the same on both databases)."""

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"


def _folding_engine(backend_class, index_class, module, *mixins):
    """Our subclass of Wagtail's engine ``backend_class`` (its index class ``index_class``, defined in ``module``)."""
    indexer = type("FoldingObjectIndexer", (FoldingIndexerMixin, module.ObjectIndexer), {})
    attributes = {"index_class": _with_indexer(index_class, module, indexer), "wagtail_engine": backend_class}
    for name in ("query_compiler_class", "autocomplete_query_compiler_class"):
        compiler = getattr(backend_class, name)
        attributes[name] = type(f"Folding{compiler.__name__}", (RestrictedFieldsCompilerMixin, compiler), {})
    return type(f"Folding{backend_class.__name__}", (*mixins, FoldingBackendMixin, backend_class), attributes)


@cache
def folding_engine(vendor):
    """Our engine class for the database ``vendor``, or None where Wagtail's is used unchanged (MySQL, no FTS5).

    Each engine module is imported only for its database: SQLite's needs its FTS5 model, PostgreSQL's psycopg."""
    if vendor == "sqlite":
        from modelsearch.backends.database.sqlite import sqlite

        return _folding_engine(sqlite.SQLiteSearchBackend, sqlite.SQLiteIndex, sqlite)
    if vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres

        return _folding_engine(postgres.PostgresSearchBackend, postgres.PostgresIndex, postgres, SimpleConfigMixin)
    return None


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The Vietnamese-aware engine for the default database: Wagtail's choice of engine, then ours over it."""
    engine = wagtail_database.SearchBackend(params)
    ours = folding_engine(connection.vendor)
    return ours(params) if ours is not None and isinstance(engine, ours.wagtail_engine) else engine
