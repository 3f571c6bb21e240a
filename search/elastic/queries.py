"""The text query every engine search shares (the site search, the catalogue, the search box's suggestions), built
with ``elasticsearch.dsl``: the same matching as the database backend.

The database backend requires every folded word of the query to *start* a word of the searched text ("da" finds
"Dao rựa" and "Đá", "ca ph" finds "Cà phê"; search/text.py ``word_prefix_q``). Here each folded token
(search/text.py ``query_tokens``: punctuation dropped) must start a word of one of the fields (``phrase_prefix`` of
one token on the folded ``vi_folding`` fields), and the whole query as typed (marks kept) ranks exact words first.
A query with no word at all (``*``, ``"``) gives None: no text condition, the full list, as on the database.
"""

from elasticsearch.dsl import Q

from ..text import query_tokens

# How many index terms one word prefix may expand to (per shard). Enough for the words of a provincial catalogue;
# a prefix of one or two letters on a much larger index may reach it (an edge-ngram subfield would not).
PREFIX_EXPANSIONS = 500


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
    exact = Q("multi_match", query=text, fields=fields, type="cross_fields", operator="and")
    return Q("bool", must=must, should=[exact])
