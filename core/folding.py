"""``core.text.fold`` inside the database: the SQL expression :class:`Fold` and the folded search of a queryset.

Searches that do not go through the search index (admin listings of models that are not indexed, a search of the
index restricted to some fields) compare folded text in SQL, by the same rule as ``core.text.fold``: "gia lai",
"GIA LAI", "Gia Lai" typed in NFC or NFD, "Đak" or "dak" all find "Gia Lai", "Đắk Đoa".

- **SQLite**: ``kc_fold(x)`` is ``core.text.fold`` itself, registered on every new connection (``register_fold``,
  connected in ``core.apps``).
- **PostgreSQL**: ``translate(lower(x), FROM, TO)`` with a table generated from ``core.text.fold`` over the Latin
  letters (Vietnamese included, upper and lower case); combining marks are dropped, so text stored in NFD folds too.
- Other databases: ``LOWER(x)`` (MySQL's usual collations already ignore marks).
"""

from functools import reduce

from django.db.models import F, Func, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Contains

from .text import clean_text, fold

FUNCTION_NAME = "kc_fold"
MAX_TERMS = 12
# Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional (every Vietnamese letter with its marks).
_LATIN_RANGES = ((0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
_COMBINING_MARKS = (0x300, 0x36F)


def _translate_table():
    """(FROM, TO) of PostgreSQL's ``translate``: each Latin letter whose fold is one other character, then every
    combining mark (in FROM only, so ``translate`` deletes it)."""
    source, target = [], []
    for start, end in _LATIN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded != char:
                source.append(char)
                target.append(folded)
    marks = [chr(code) for code in range(_COMBINING_MARKS[0], _COMBINING_MARKS[1] + 1)]
    return "".join(source + marks), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _translate_table()


def register_fold(sender, connection, **kwargs):
    """``connection_created`` receiver: gives every SQLite connection the ``kc_fold`` function (``core.text.fold``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION_NAME, 1, fold, deterministic=True)


class Fold(Func):
    """The folded form of a text expression (lower case, marks removed, đ → d), as ``core.text.fold`` gives it in
    Python; ``NULL`` stays ``NULL`` on PostgreSQL and becomes ``""`` on SQLite (neither contains a word)."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=FUNCTION_NAME, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f"translate({sql}, %s, %s)", (*params, TRANSLATE_FROM, TRANSLATE_TO)


def folded(field):
    """``Fold`` of the model field or lookup ``field`` (e.g. ``"product__title"``) read as text."""
    return Fold(Cast(F(field), output_field=TextField()))


def search_terms(text):
    """The folded terms of a typed search, split on white space, punctuation trimmed at both ends (so serials and
    codes such as "GL-2026/01" or an IP address stay whole), at most ``MAX_TERMS``: 'Đak "Đoa",' → dak, doa."""
    words = (word.strip("\"'`.,;:!?()[]{}<>«»“”‘’") for word in fold(clean_text(str(text or ""))).split())
    return [word for word in words if word][:MAX_TERMS]


def term_q(term, fields):
    """A ``Q`` true when the folded ``term`` is inside the folded value of one of ``fields``."""
    return reduce(lambda a, b: a | b, (Q(Contains(folded(field), term)) for field in fields))


def folded_search_q(fields, text):
    """A ``Q`` true when every term of ``text`` is inside the folded value of one of ``fields``; ``None`` when
    ``text`` has no term (a lone quote) or there is no field."""
    terms = search_terms(text)
    if not terms or not fields:
        return None
    return reduce(lambda a, b: a & b, (term_q(term, fields) for term in terms))


def folded_search(queryset, fields, text):
    """``queryset`` narrowed to the rows where every term of ``text`` occurs, folded, in one of ``fields``; no row
    when ``text`` has no term. The database does the work (one query, no row loaded into Python)."""
    condition = folded_search_q(fields, text)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)
