"""Relevance straight from the search index: the primary keys of the pages (or any indexed model with integer keys)
matching a query, in the order Wagtail's database search gives them, found and ranked in ONE pass over the index.

Wagtail's own query (``backend.search(text, queryset)[:n]``) does the same work the other way round, which grows with
the data faster than the matches do:

- **SQLite**: the score is a correlated subquery per candidate row, and each one runs the FTS5 ``MATCH`` again
  (matches × matches);
- **PostgreSQL**: it matches ``title || body`` of every index entry of the model's types joined to the pages, an
  expression no index covers (Wagtail's own indexes are on each column alone), so every entry is read and
  every one is ranked.

Here the index is queried first (``wagtailsearch_indexentry_fts MATCH …`` on SQLite; on PostgreSQL ``(title || body)
@@ tsquery`` served by the GIN index ``kc_search_entry_title_body_gin`` of migration ``search.0002``, and
``autocomplete @@ 'prefix':*`` by Wagtail's GIN index on ``autocomplete``); only the rows the index returns are
restricted to the candidate queryset and ranked with Wagtail's own rank expression (the compiler of the backend builds
it, so the score is the same number), ordered by that score then by descending key like Wagtail, and cut to
``limit`` in the database. The answer is the same list as Wagtail's, in the same order (tests/test_search_index.py).

**Word prefixes** (``prefix=True``, the site search): every word of the query matches the start of a word
("ca ph" finds "Cà phê"), on the same index: ``'ca':* & 'ph':*`` on PostgreSQL (the GIN index serves prefixes), the
FTS5 prefix query ``"ca"* AND "ph"*`` on SQLite. The entries holding the words whole (the plain query of above) rank
first — on PostgreSQL in Wagtail's order (their whole-word score), on SQLite by the prefix query's BM25 (an FTS5 score
belongs to its own ``MATCH``) — then the others by score: "ca phe" still puts "Cà phê" above "Cà phên". Still one
query.

Anything this cannot serve (another database, MySQL, no FTS5, a model with non-integer keys, a query that normalises
to "everything" or "NOT …") goes through Wagtail's search unchanged.
"""

import re
from functools import reduce

from django.db import connection
from django.db.models import BigIntegerField, Case, CharField, F, FloatField, Q, Value, When
from django.db.models.functions import Cast
from modelsearch.conf import get_app_config
from modelsearch.query import MatchAll, Not, Or, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

from .wagtail_vi import folding_engine, vietnamese_query

# The GIN expression index the PostgreSQL path relies on (search/migrations/0002_index_search_entries.py).
TITLE_BODY_INDEX = "kc_search_entry_title_body_gin"


class PrefixTermsMixin:
    """Mixed into a Wagtail query compiler: every word of a plain text is a prefix (Wagtail's autocomplete makes
    only the last one a prefix), in the match and in the score."""

    def _prefix_lexemes(self, query, lexeme):
        terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
        if not terms:
            return None
        either = query.operator.lower() == "or"
        return reduce((lambda a, b: a | b) if either else (lambda a, b: a & b), [lexeme(term) for term in terms])

    def build_tsquery_content(self, query, config=None, invert=False):  # PostgreSQL
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)
        from django.contrib.postgres.search import SearchQuery
        from modelsearch.backends.database.postgres.query import Lexeme

        lexemes = self._prefix_lexemes(query, lambda term: Lexeme(term, invert=invert, prefix=True))
        return None if lexemes is None else SearchQuery(lexemes, search_type="raw", config=config)

    def build_search_query_content(self, query, config=None):  # SQLite FTS5
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

        lexemes = self._prefix_lexemes(query, lambda term: Lexeme(term, prefix=True))
        return None if lexemes is None else SearchQueryExpression(lexemes, config=config)


def _prefix_compiler(compiler_class):
    return type(f"Prefix{compiler_class.__name__}", (PrefixTermsMixin, compiler_class), {})


def _wagtail_ranked(backend, queryset, text, limit, autocomplete):
    method = backend.autocomplete if autocomplete else backend.search
    return [obj.pk for obj in method(text, queryset.only("pk"), operator="and")[:limit]]


def _candidate_ids(queryset):
    """The queryset's keys as the index stores them (``object_id`` is text), for ``object_id IN (subquery)``."""
    return queryset.order_by().annotate(_kc_key=Cast("pk", CharField())).values("_kc_key")


def _holds_whole(compiler, query, config):
    """PostgreSQL: the ``Q`` that an index entry holds every word of ``query`` (a plain text, or an ``Or`` of them as
    ``vietnamese_query`` makes) whole, each in its title or its body — what ``(title || body) @@ query`` says, without
    building the joined vector for every row (half the time of a one-letter query's thousands of prefix matches).
    None for another query."""
    if isinstance(query, PlainText):
        terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
        parts = []
        for term in terms:
            word = compiler.build_tsquery(PlainText(term), config=config)
            parts.append(Q(title=word) | Q(body=word))
        if not parts:
            return None
        return reduce((lambda a, b: a | b) if query.operator.lower() == "or" else (lambda a, b: a & b), parts)
    if isinstance(query, Or):
        parts = [_holds_whole(compiler, sub, config) for sub in query.subqueries]
        return None if not parts or None in parts else reduce(lambda a, b: a | b, parts)
    return None


def _postgres_entries(compiler, backend, queryset, autocomplete, whole=None):
    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 (wagtailsearch_indexentry)
    config = compiler.get_config(backend)
    search_query = compiler.build_tsquery(compiler.query, config=config)
    if autocomplete:
        vectors = [(F("autocomplete"), 1.0)]
        matched = F("autocomplete")
    else:
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        matched = F("title")._combine(F("body"), "||", False)
    rank = compiler._build_rank_expression(vectors, config)
    entries = (
        IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(queryset.model))
        .annotate(_vector_=matched)
        .filter(_vector_=search_query)
        .filter(object_id__in=_candidate_ids(queryset))
    )
    order = [F("_kc_score").desc(), Cast("object_id", BigIntegerField()).desc()]
    if whole is not None:  # prefix words: those holding the words whole first, in Wagtail's order (their score)
        holds = _holds_whole(whole, whole.query, config) or Q(_vector_=whole.build_tsquery(whole.query, config=config))
        # One expression, the words tested once per row: the whole-word score (>= 0) where they are whole, else -1.
        entries = entries.annotate(
            _kc_whole_score=Case(
                When(holds, then=whole._build_rank_expression(vectors, config)),
                default=Value(-1.0),
                output_field=FloatField(),
            )
        )
        order.insert(0, F("_kc_whole_score").desc())
    return entries.annotate(_kc_score=rank).order_by(*order)


def _sqlite_entries(compiler, backend, queryset, autocomplete, whole=None):
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

    SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry")  # noqa: N806

    query = normalize(compiler.query)
    if isinstance(query, (MatchAll, Not)):
        return None
    config = compiler.get_config(backend)
    search_query = compiler.build_search_query(query, config=config)
    rank = compiler._build_rank_expression(compiler.get_index_vectors(), config)
    entries = (
        SQLiteFTSIndexEntry.objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, search_query))
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(queryset.model))
        .filter(index_entry__object_id__in=_candidate_ids(queryset))
    )
    order = ["_kc_score", Cast("index_entry__object_id", BigIntegerField()).desc()]
    if whole is not None:  # prefix words: those holding the words whole first (one FTS5 match, not one per row)
        whole_query = whole.build_search_query(normalize(whole.query), config=config)
        holding = SQLiteFTSIndexEntry.objects.filter(MatchExpression(whole.FTS_TABLE_FIELDS, whole_query))
        entries = entries.annotate(_kc_whole=Case(When(pk__in=holding.values("pk"), then=Value(1)), default=Value(0)))
        order.insert(0, F("_kc_whole").desc())
    return entries.annotate(_kc_score=rank).order_by(*order).annotate(object_id=F("index_entry__object_id"))


def _integer_keys(model):
    """Whether ``model``'s primary key is an integer (a page type's ``page_ptr`` is Page's ``id``)."""
    key = model._meta.pk
    while key.is_relation:
        key = key.target_field
    return key.get_internal_type() in ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField")


def ranked_pks(queryset, text, limit, autocomplete=False, prefix=False):
    """Keys of ``queryset`` (an indexed model with integer keys, e.g. ``Page.objects.live()``) matching every word of
    ``text`` (as typed: folded like every search, ``search.backends.wagtail_vi``), at most ``limit``, best first —
    the list ``backend.search(text, queryset, operator="and")[:limit]`` gives (``autocomplete``: the last word is a
    prefix, ``backend.autocomplete``). ``prefix``: every word is a prefix, whole words first (see above; not with
    ``autocomplete``, and only on the folding engines). One query."""
    backend = get_search_backend()
    engine = folding_engine(connection.vendor)
    if engine is None or not isinstance(backend, engine) or not _integer_keys(queryset.model):
        return _wagtail_ranked(backend, queryset, text, limit, autocomplete)
    query = vietnamese_query(text, "and")
    if query is None:
        return []
    compiler_class = backend.autocomplete_query_compiler_class if autocomplete else backend.query_compiler_class
    whole = None
    if prefix and not autocomplete:
        whole = compiler_class(queryset, query, operator="and")
        compiler_class = _prefix_compiler(compiler_class)
    compiler = compiler_class(queryset, query, operator="and")
    compiler.check()
    build = _sqlite_entries if connection.vendor == "sqlite" else _postgres_entries
    entries = build(compiler, backend, queryset, autocomplete, whole)
    if entries is None:
        return _wagtail_ranked(backend, queryset, text, limit, autocomplete)
    return [int(key) for key in entries.values_list("object_id", flat=True)[:limit]]
