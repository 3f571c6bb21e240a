"""Text rules that hold everywhere: Vietnamese folding, NFC normalization, control characters, people's names.

- ``fold("Thổ cẩm Đắk Đoa")`` → ``"tho cam dak doa"``: what search matches on when people type without marks.
- ``clean_text`` is what every saved text goes through: NFC (a Mac types NFD) and no control characters except tab
  and newline (a word processor pastes U+000B for a line break, which XML cannot carry).
- ``person_name`` shows a person in Vietnamese order (family, middle, given names).
"""

import re
import unicodedata

from anyascii import anyascii

# C0 controls except tab (\x09) and newline (\x0a), DEL and the C1 controls; \r is dropped (\r\n → \n first).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def fold(text):
    """Lower-case ASCII form of ``text`` (đ/Đ → d, every tone and vowel mark removed, white space collapsed).

    NFC and NFD input fold to the same string. ``None`` and ``""`` give ``""``.
    """
    if not text:
        return ""
    return " ".join(anyascii(unicodedata.normalize("NFC", str(text))).lower().split())


def clean_text(text):
    """``text`` in NFC with control characters removed (tab and newline kept, CR LF and lone CR become LF).

    The vertical tab and form feed that word processors paste for a line or page break become a space, so the words
    on either side stay apart ("Hội chợ\vlàng nghề" → "Hội chợ làng nghề"). Non-strings (``None``, numbers) are
    returned unchanged.
    """
    if not isinstance(text, str):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", " ").replace("\x0c", " ")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def person_name(user):
    """A user's name in Vietnamese order: ``last_name`` (family and middle names, "họ và tên đệm") then
    ``first_name`` (given name, "tên"), e.g. "Đinh Thị" + "Mai" → "Đinh Thị Mai"; the username when both are
    empty; ``""`` for ``None``.
    """
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return name or user.get_username()


def split_person_name(full_name):
    """Split a Vietnamese full name into ``(last_name, first_name)``: "Rơ Châm H'Nhí" → ("Rơ Châm", "H'Nhí").

    The inverse of ``person_name``; a single word is a given name.
    """
    family, _, given = clean_text(full_name).strip().rpartition(" ")
    return family, given
