"""Highlight the words of a query in a text: one rule for every backend and every page that shows hits.

The rule (``word_matches``): a word of the text is marked when its folded form (``core.text.fold``: no tone or vowel
marks, đ → d, NFC and NFD alike) **equals** a folded query term. Only the **last** term of the query, the word the
user may still be typing, also marks the words it starts (at least two letters): "tho cam" marks "Thổ cẩm" but
neither "thống" nor "thoi"; "tho ca" marks "Thổ" and "cẩm" ("ca" is the last term, a prefix of "cam").

Elasticsearch's fragments are re-marked with the same rule (``remark``), so both backends mark the same words.
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import fold

# A word: letters and digits plus the combining marks of a decomposed (NFD) text, so "Thổ" typed on a Mac is one word.
WORD = re.compile(r"[^\W_][\w\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.UNICODE)
MIN_PREFIX = 2
MARK = re.compile(r"</?mark>")


def word_matches(word, tokens):
    """Whether ``word`` (as written in the text) is marked for the folded query ``tokens`` (in query order).

    Every token matches a whole word; the last one also matches the start of a longer word when it has at least
    ``MIN_PREFIX`` characters."""
    if not tokens:
        return False
    folded = fold(word)
    if folded in tokens:
        return True
    last = tokens[-1]
    return len(last) >= MIN_PREFIX and folded.startswith(last)


def highlight(text, tokens, length=None):
    """``text`` HTML-escaped, the words that ``word_matches`` the folded query ``tokens`` wrapped in ``<mark>``.

    With ``length``, a longer text is cut to about ``length`` characters around the first marked word, with "…"
    where it was cut. Returns safe HTML; ``None`` gives ``""``."""
    text = str(text or "")
    tokens = list(tokens or ())
    if length and len(text) > length:
        first = next((m.start() for m in WORD.finditer(text) if word_matches(m.group(), tokens)), 0)
        start = max(0, first - length // 3)
        end = start + length
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    parts, last = [], 0
    for match in WORD.finditer(text):
        if word_matches(match.group(), tokens):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def remark(fragment, tokens):
    """An HTML-encoded fragment that another engine marked (Elasticsearch: ``encoder="html"``, ``<mark>`` tags)
    marked again with this module's rule, so every backend marks the same words. Returns safe HTML."""
    return highlight(html.unescape(MARK.sub("", str(fragment or ""))), tokens)


def has_mark(html_text):
    """Whether a highlighted text marks at least one word."""
    return "<mark>" in str(html_text)
