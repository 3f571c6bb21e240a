"""The text layer of every search: untrusted query strings made safe and folded.

A query is whitespace-normalised and cut to ``MAX_QUERY_LENGTH`` characters; its *tokens* are its ASCII-folded
words (``core.text.fold``) without punctuation, so quotes, tags and SQL are just words and "tho cam" matches
"Thổ cẩm". Nothing here knows what is searched.
"""

from django.db.models import Q

from core.text import clean_query_text, fold
from core.text import clean_text as normalize_text

MAX_QUERY_LENGTH = 200
MAX_TOKENS = 12
MAX_VALUES = 20


def clean_text(raw):
    """Query in NFC (``core.text.clean_query_text``: a Mac types NFD), a control character, no-break space, soft
    hyphen or zero-width space between words made a space ("tho\x01cam", "thổ\u200bcẩm" → two words), whitespace
    normalised, cut to a sane length (``MAX_QUERY_LENGTH`` characters). Every search box (site, suggestions,
    catalogue, project list) and every backend (database, search engine) gets this, so all read such a query the
    same way."""
    return " ".join(clean_query_text(str(raw or "")).split())[:MAX_QUERY_LENGTH]


def _words(text):
    return "".join(ch if ch.isalnum() else " " for ch in text).split()[:MAX_TOKENS]


def query_tokens(text):
    """ASCII-folded words of a query, without punctuation (at most ``MAX_TOKENS``): "Gốm, Đồng!" → gom, dong."""
    return _words(fold(text))


def exact_tokens(text):
    """Lower-case NFC words of a query as typed, marks kept, without punctuation (at most ``MAX_TOKENS``):
    "Gốm, Đồng!" → gốm, đồng (NFD input gives the same words)."""
    return _words(normalize_text(str(text or "")).lower())


def index_text(text):
    """What the search index stores for a text: its lower-case NFC words followed by their folded form when that
    differs ("Gốm Bàu Trúc" → "gốm bàu trúc gom bau truc"), so a folded query finds it and an exact one ranks it
    higher. ``None`` gives ``""``."""
    exact = " ".join(normalize_text(str(text or "")).lower().split())
    folded = fold(exact)
    return exact if folded == exact else f"{exact} {folded}"


def word_prefix_q(field, tokens):
    """Every token starts a word of the folded text in ``field`` (e.g. ``search_folded``): "ca phe" matches
    "... ca phe ..." but "tho" does not match inside "khotho"."""
    condition = Q()
    for token in tokens:
        condition &= Q(**{f"{field}__startswith": token}) | Q(**{f"{field}__contains": f" {token}"})
    return condition


MAX_PAGE = 999_999


def parse_page(querydict):
    """The page number of ``?page=``: a positive integer, at most ``MAX_PAGE`` (a larger one, however long, is a page
    past the last: the listing then shows its last page, as for any page past the end); anything else gives 1."""
    digits = str(querydict.get("page", "1")).strip()
    if not (digits.isascii() and digits.isdigit()) or not digits.lstrip("0"):
        return 1
    digits = digits.lstrip("0")
    return MAX_PAGE if len(digits) > len(str(MAX_PAGE)) else min(int(digits), MAX_PAGE)


def multi_values(querydict, name, allowed=None, validate=None):
    """The distinct values of a multi-select parameter (``?group=a&group=b``), at most ``MAX_VALUES``; values not
    in ``allowed`` or that ``validate`` turns into None are dropped (a forged or stale link is never an error)."""
    seen = []
    for raw in querydict.getlist(name)[: MAX_VALUES * 2]:
        value = str(raw).strip()[:40]
        if allowed is not None and value not in allowed:
            continue
        if validate is not None:
            value = validate(value)
            if value is None:
                continue
        if value not in seen:
            seen.append(value)
    return tuple(seen[:MAX_VALUES])


def querystring_without(querydict, drop=(), remove=None):
    """``querydict`` urlencoded without ``page`` and the ``drop`` keys, and without the (name, value) pair
    ``remove``: the links of pagination, sort and "remove this filter" chips."""
    params = querydict.copy()
    for key in ("page", *drop):
        params.pop(key, None)
    if remove:
        name, value = remove
        params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    return params.urlencode()
