"""Vietnamese folding: "Thổ cẩm Đắk Đoa" → "tho cam dak doa", so queries typed without diacritics match.

Used for the ASCII-folded shadow field that gives SQLite the folding PostgreSQL's unaccent provides, and for
folding queries before they reach any backend.
"""

from anyascii import anyascii


def fold(text):
    """Lower-case ASCII form of ``text`` (đ/Đ → d, every tone and vowel mark removed)."""
    if not text:
        return ""
    return " ".join(anyascii(str(text)).lower().split())
