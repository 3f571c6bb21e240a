"""Text rules that hold everywhere: Vietnamese folding, NFC normalization, control characters, people's names.

- ``fold("Thổ cẩm Đắk Đoa")`` → ``"tho cam dak doa"``: what search matches on when people type without marks.
- ``clean_text`` is what every saved text goes through: NFC (a Mac types NFD) and no control characters except tab
  and newline (a word processor pastes U+000B for a line break, which XML cannot carry); ``clean_query_text`` is
  what every query parameter goes through: the same, but a control or invisible character between words separates
  them.
- ``person_name`` shows a person in Vietnamese order (family, middle, given names).
- ``slugify("Đoàn doanh nghiệp Đắk Lắk")`` → ``"doan-doanh-nghiep-dak-lak"``: every slug made from a title, on the
  server and (through ``SLUG_FORMATTERS``, the same regular expressions) in the admin's slug field.
- ``sort_key`` / ``place_sort_key`` / ``person_sort_key``: the Vietnamese alphabetical order as an ASCII string that
  sorts byte by byte (stored in ``sort_key`` columns, see ``core/sorting.py``).
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# C0 controls except tab (\x09) and newline (\x0a), DEL and the C1 controls; \r is dropped (\r\n → \n first).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible characters a word processor or a web page pastes: bidi embeddings/overrides/isolates and marks
# (U+202A–202E, U+2066–2069, U+200E/200F, U+061C: an RLO reverses the text after a title on every page), zero-width
# space, word joiner, BOM and non-joiner (U+200B, U+2060, U+FEFF, U+200C), soft hyphen U+00AD and the invisible operators
# U+2061–2064. U+200D ZERO WIDTH JOINER is kept inside an emoji sequence (👩‍🌾), see ``_ZWJ``.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# A ZWJ not between two emoji (a pictograph, optionally with variation selector or skin tone, before it; one after).
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_ZWJ = re.compile(f"(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])")


def fold(text):
    """Lower-case ASCII form of ``text`` (đ/Đ → d, every tone and vowel mark removed, white space collapsed).

    NFC and NFD input fold to the same string. ``None`` and ``""`` give ``""``.
    """
    if not text:
        return ""
    return " ".join(anyascii(unicodedata.normalize("NFC", str(text))).lower().split())


def clean_text(text):
    """``text`` in NFC with control characters removed (tab and newline kept, CR LF and lone CR become LF) and the
    invisible characters pasted from Word or the web removed: bidi controls (U+202A–202E, U+2066–2069, LRM/RLM),
    zero-width spaces (U+200B, U+FEFF, U+2060), the zero-width non-joiner, the soft hyphen (U+00AD), and the zero-width
    joiner except between two emoji ("👩\u200d🌾" keeps it: one "woman farmer" picture).

    The vertical tab and form feed that word processors paste for a line or page break become a space, so the words
    on either side stay apart ("Hội chợ\vlàng nghề" → "Hội chợ làng nghề"). Non-strings (``None``, numbers) are
    returned unchanged.
    """
    if not isinstance(text, str):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", " ").replace("\x0c", " ")
    text = _ZWJ.sub("", _INVISIBLE.sub("", _CONTROL.sub("", text)))
    return unicodedata.normalize("NFC", text)


# What separates two words in a query string (a search box, a link): the control characters (tab and newline are
# white space already), the no-break space, the soft hyphen and the zero-width spaces Word and web pages paste.
# Saved text drops them (``clean_text``: "Gia\u00adLai" is one word there), but a query that reads "tho\x01cam" or
# "thổ\u00adcẩm" means two words: gluing them finds nothing.
_QUERY_SEPARATORS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u200b\u200c\u2060\ufeff]+")


def clean_query_text(text):
    """A query parameter's value as ``clean_text`` makes it, except that the characters of ``_QUERY_SEPARATORS``
    separate words: a run of them between two characters becomes one space ("tho\x01cam", "thổ\u200bcẩm",
    "thổ\u00adcẩm" → "tho cam", "thổ cẩm"); at either end they are dropped ("gom\x00" → "gom"). Non-strings are
    returned unchanged."""
    if not isinstance(text, str):
        return text
    text = _QUERY_SEPARATORS.sub(lambda m: "" if m.start() == 0 or m.end() == len(text) else " ", text)
    return clean_text(text)


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


# -- Slugs ------------------------------------------------------------------------------------------------------------
# Combining marks (NFD input: "e" + U+0302 + U+0301 is "ế"), removed first so NFD and NFC titles give one slug.
_COMBINING_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# The precomposed Latin letters (Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional: every Vietnamese
# letter), each replaced by its ``fold`` (đ/Đ → d, ệ → e, ß → ss); anything else becomes a hyphen.
_LATIN_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


def _slug_letter(char):
    """The ASCII letters and digits ``char`` stands for in a slug: "ệ" → "e", "Đ" → "d", "ß" → "ss", fullwidth "Ｇ" →
    "g", "ﬁ" → "fi" (NFKC, then ``fold``); ``""`` when it is no Latin letter or digit (CJK, Cyrillic, "½", "①")."""
    if not (unicodedata.category(char).startswith("L") or unicodedata.category(char) == "Nd"):
        return ""
    compatible = unicodedata.normalize("NFKC", char)
    base = re.sub(_COMBINING_MARKS, "", unicodedata.normalize("NFD", compatible))
    if not all(c.isascii() or any(start <= ord(c) <= end for start, end in _LATIN_RANGES) for c in base):
        return ""
    return re.sub(r"[^A-Za-z0-9]", "", fold(compatible)).lower()


def _slug_letter_formatters():
    """``(character class, ASCII)`` pairs for the letters of ``_LATIN_RANGES`` and every other character of the Basic
    Multilingual Plane whose NFKC form is Latin (fullwidth "Ｇｉａ", ligatures), grouped by their ASCII form."""
    by_ascii = {}
    for code in range(0x80, 0x10000):
        letter = chr(code)
        in_latin = any(start <= code <= end for start, end in _LATIN_RANGES)
        if not in_latin and unicodedata.normalize("NFKC", letter) == letter:
            continue
        ascii_form = _slug_letter(letter)
        if ascii_form:
            by_ascii.setdefault(ascii_form, []).append(letter)
    return [("[" + "".join(letters) + "]", ascii_form) for ascii_form, letters in sorted(by_ascii.items())]


# Format characters (Unicode category Cf: soft hyphen, zero-width space and joiners, bidi controls, BOM) are invisible
# and dropped, so "Gia\u00adLai" is "gialai" as it reads, not "gia-lai".
_FORMAT_CHARACTERS = "[" + "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf") + "]"


SLUG_FORMATTERS = [
    (_FORMAT_CHARACTERS, ""),
    (_COMBINING_MARKS, ""),
    *_slug_letter_formatters(),
    ("[^A-Za-z0-9]+", "-"),
    ("^-+|-+$", ""),
]
"""The slug rule as ``(regular expression, replacement)`` pairs applied in order, written so that Python's ``re`` and
JavaScript's ``RegExp(pattern, "gu")`` read them the same way: format characters (Cf) and marks removed, Latin
letters folded as ``fold`` does (and the compatibility forms NFKC makes Latin: fullwidth "Ｇｉａ Ｌａｉ" → "gia-lai"),
every other run of characters one hyphen, none at either end. ``core.widgets.VietnameseSlugInput`` hands them to
Wagtail's ``w-slug`` controller, so the slug the admin proposes is the slug ``slugify`` makes."""

_SLUG_STEPS = [(re.compile(pattern), replacement) for pattern, replacement in SLUG_FORMATTERS]


def slugify(text, max_length=255):
    """The URL slug of a title (``SLUG_FORMATTERS`` then lower case, at most ``max_length`` characters):
    "Đoàn doanh nghiệp Đắk Lắk học hỏi mô hình dệt thổ cẩm ở Ia Grai" →
    "doan-doanh-nghiep-dak-lak-hoc-hoi-mo-hinh-det-tho-cam-o-ia-grai". NFD and NFC input give the same slug;
    letters of other scripts become hyphens; an empty result (a title of punctuation or emoji) is replaced by the
    model's fallback in ``core.slug_rules.proposed_slug``. ``None`` gives ``""``.
    """
    value = str(text or "").strip()
    for pattern, replacement in _SLUG_STEPS:
        value = pattern.sub(replacement, value)
    return value.lower()[:max_length].rstrip("-")


# -- Vietnamese alphabetical order ------------------------------------------------------------------------------------
# Letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f, j, w, z of names and loanwords in their Latin
# places), then the tones as a secondary level: unmarked, huyền, hỏi, ngã, sắc, nặng. This is the order of the
# Vietnamese dictionaries (Hoàng Phê, Từ điển tiếng Việt) and of Unicode CLDR's Vietnamese collation (vi.xml:
# "&a<ă<â", "&d<đ", "&e<ê", "&o<ô<ơ", "&u<ư"; tones "&̀<<̉<<̃<<́<<̣" after the unmarked letter).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Vowels with a breve, circumflex or horn are letters of their own, after the plain vowel.
_VARIANTS = {("a", "\u0306"): "1", ("a", "\u0302"): "2", ("e", "\u0302"): "1", ("o", "\u0302"): "1"}
_VARIANTS.update({("o", "\u031b"): "2", ("u", "\u031b"): "1"})
_WORD_BREAK = "10"  # below every digit ("2d") and letter ("a0"…); the end of the letters ("0") is lower still
SORT_KEY_LENGTH = 481  # 160 units: 2 characters each, the end mark, one tone digit each
_SORT_UNITS = 160


@lru_cache(maxsize=4096)
def _sort_units(char):
    """(primary units, tone digits) of one NFC character: "ấ" → (["a2"], ["4"]), "Đ" → (["d1"], ["0"])."""
    char = char.lower()
    if char == "đ":
        return ["d1"], ["0"]
    if "0" <= char <= "9":
        return ["2" + char], ["0"]
    base, *marks = unicodedata.normalize("NFD", char)
    if "a" <= base <= "z":
        variant = next((_VARIANTS[base, m] for m in marks if (base, m) in _VARIANTS), "0")
        tone = next((_TONES[m] for m in marks if m in _TONES), "0")
        return [base + variant], [tone]
    if unicodedata.category(char)[0] in "LN":
        letters = [c for c in fold(char) if c.isascii() and c.isalnum()]
        return [c + "0" if c.isalpha() else "2" + c for c in letters], ["0"] * len(letters)
    return [], []


def sort_key(text):
    """An ASCII string (digits and lower-case letters) whose byte order is the Vietnamese alphabetical order of
    ``text``: letters first over the whole text (case, spaces and punctuation only separate words), then the tones
    from left to right. "Cà phê" < "Cuốc rèn", "Hạt điều" < "Hạt mắc ca", "Đèn" right after the D words, "ma" < "mà" <
    "mả" < "mã" < "má" < "mạ" < "mac". NFD and NFC give the same key; at most ``SORT_KEY_LENGTH`` characters.
    """
    primary, tones = [], []
    for char in unicodedata.normalize("NFC", str(text or "")):
        units, marks = _sort_units(char)
        if not units:
            if primary and primary[-1] != _WORD_BREAK:
                primary.append(_WORD_BREAK)
                tones.append("0")
            continue
        primary.extend(units)
        tones.extend(marks)
    while primary and primary[-1] == _WORD_BREAK:
        primary.pop()
        tones.pop()
    return "".join(primary[:_SORT_UNITS]) + "0" + "".join(tones[:_SORT_UNITS])


# Words that say what kind of place a name is; lists of places sort by the name that follows them.
PLACE_PREFIXES = ("Thị trấn", "Đặc khu", "Thành phố", "Phường", "Tỉnh", "Thôn", "Làng", "Xã")
_PLACE_PREFIX = re.compile(r"^(?:" + "|".join(PLACE_PREFIXES) + r")\s+(?=\S)", re.IGNORECASE)


def place_name(name):
    """``name`` without a leading kind of place ("Xã", "Phường", "Thị trấn", "Đặc khu", "Thôn", "Làng", "Tỉnh",
    "Thành phố", any case, NFD or NFC): "Phường Tây Sơn" → "Tây Sơn", "Làng dệt thổ cẩm Phung" → "dệt thổ cẩm Phung".
    A name that is only the prefix ("Làng") is kept. Marks count: "Lăng Cô" stays "Lăng Cô"."""
    name = clean_text(str(name or "")).strip()
    return _PLACE_PREFIX.sub("", name, count=1)


def place_sort_key(name):
    """The ``sort_key`` of a commune, province or village: its ``place_name`` (the kind of unit does not count, so
    "Phường Tây Sơn" and "Xã Tây Sơn" sort together, before "Xã Tuy Phước", on every page)."""
    return sort_key(place_name(name))


def person_sort_key(full_name):
    """The ``sort_key`` of a person's full name: by given name ("tên") first, then family and middle names, as
    Vietnamese lists of people are ordered ("Rơ Châm H'Nhí" sorts under H, "Nguyễn Văn An" before "Bùi Thị Bình")."""
    family, given = split_person_name(str(full_name or ""))
    return sort_key(f"{given} {family}")
