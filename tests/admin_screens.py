"""Helpers for the Vietnamese-admin tests: the admin screens an editor meets and the text a user reads on them."""

import html
import re

# Text a user reads or hears: element text, and the attributes shown as tooltips, placeholders or read aloud.
_SKIP_BLOCKS = re.compile(r"<(script|style|svg|select)\b[^>]*>.*?</\1>", re.S | re.I)
_ATTRS = re.compile(r'\s(?:title|placeholder|aria-label|alt|data-w-tooltip-content-value)="([^"]*)"', re.I)
_TAGS = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def visible_text(markup):
    """The visible text and the read-aloud attributes of an HTML page, one string (tags removed, entities decoded)."""
    attrs = " | ".join(_ATTRS.findall(markup))
    body = _TAGS.sub(" | ", _SKIP_BLOCKS.sub(" ", markup))
    return html.unescape(body + " | " + attrs)


def english_found(text, phrases):
    """The phrases of ``phrases`` that occur in ``text`` as whole words (case-sensitive)."""
    return sorted({p for p in phrases if re.search(r"(?<![\w])" + re.escape(p) + r"(?![\w])", text)})
