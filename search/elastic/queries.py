"""The text query every engine search shares (the site search, the catalogue, the search box's suggestions), built
with ``elasticsearch.dsl``: the same matching as the database backend.

The database backend requires every folded word of the query to *start* a word of the searched text ("da" finds
"Dao rựa" and "Đá", "ca ph" finds "Cà phê"; search/text.py ``word_prefix_q``). Here each folded token
(search/text.py ``query_tokens``: punctuation dropped) must start a word of one of the fields (``phrase_prefix`` of
one token on the folded ``vi_folding`` fields), and the whole query as typed (marks kept) ranks exact words first.
A query with no word at all (``*``, ``"``) gives None: no text condition, the full list, as on the database.

Ranking (``should``, never a condition): the words as typed; each folded token as a whole word (so "ca" ranks
"Cà phê" above "các" or "phí"); the tokens as a phrase in the title; the title *starting* with the tokens, the
strongest ("ca ph" → "Cà phê rang xay" first). Operators (``^``, ``~``, ``:``) are punctuation, as everywhere:
"tho^100" is the words "tho" and "100" on both backends.
"""

from elasticsearch.dsl import Q

from ..text import query_tokens

# How many index terms one word prefix may expand to (per shard). Enough for the words of a provincial catalogue;
# a prefix of one or two letters on a much larger index may reach it (an edge-ngram subfield would not).
PREFIX_EXPANSIONS = 500
# How many terms a prefix of the title-start clause may expand to (a span query: more would exceed the engine's
# clause limit on a large index and turn the whole search into a 400; only the ranking uses it).
SPAN_EXPANSIONS = 100
WHOLE_WORD_BOOST = 2
TITLE_PHRASE_BOOST = 4
TITLE_START_BOOST = 8


def _field_names(fields):
    return [field.split("^")[0] for field in fields]


def title_starts_with(tokens):
    """The title's first words start with ``tokens``, in order (each a prefix of one word)."""
    spans = [
        Q("span_multi", match={"prefix": {"title": {"value": token, "rewrite": f"top_terms_{SPAN_EXPANSIONS}"}}})
        for token in tokens
    ]
    match = spans[0] if len(spans) == 1 else Q("span_near", clauses=spans, slop=0, in_order=True)
    return Q("span_first", match=match, end=len(tokens), boost=TITLE_START_BOOST)


def words_query(text, fields):
    """Every word of ``text`` starts a word of one of ``fields`` (boosts allowed: ``"title^3"``); None without
    words."""
    tokens = query_tokens(text)
    if not tokens:
        return None
    must = [
        Q("multi_match", query=token, fields=fields, type="phrase_prefix", max_expansions=PREFIX_EXPANSIONS)
        for token in tokens
    ]
    # Ranking: the words as typed (NFC, marks kept: "Thổ cẩm" above "Tho cam") spread over the fields.
    should = [Q("multi_match", query=text, fields=fields, type="cross_fields", operator="and")]
    # Whole words above words they only start ("ca": "Cà" above "các").
    should += [Q("multi_match", query=token, fields=fields, boost=WHOLE_WORD_BOOST) for token in tokens]
    if "title" in _field_names(fields):
        phrase = " ".join(tokens)
        should.append(
            Q("match_phrase_prefix", title={"query": phrase, "max_expansions": 50, "boost": TITLE_PHRASE_BOOST})
        )
        should.append(title_starts_with(tokens))
    return Q("bool", must=must, should=should)
