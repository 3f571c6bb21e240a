"""Highlight query words in text, folding both sides so "tho cam" marks "Thổ cẩm"."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import fold

WORD = re.compile(r"\w+", re.UNICODE)


def _matches(word, tokens):
    folded = fold(word)
    return any(folded.startswith(token) for token in tokens if len(token) >= 2 or folded == token)


def highlight(text, tokens, length=None):
    """``text`` escaped, words starting with a query token wrapped in <mark>; cut around the first match
    to ``length`` characters when given."""
    text = str(text or "")
    if length and len(text) > length:
        first = next((m.start() for m in WORD.finditer(text) if _matches(m.group(), tokens)), 0)
        start = max(0, first - length // 3)
        end = start + length
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    parts, last = [], 0
    for match in WORD.finditer(text):
        if tokens and _matches(match.group(), tokens):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def has_mark(html):
    return "<mark>" in str(html)
