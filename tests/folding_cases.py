"""The shared case table of folded search (issue 11): the same word typed with or without marks, in NFC (Windows) or
NFD (a Mac), upper or lower case, đ or d, must find the same items. Used by every folding test (public search,
admin searches, admin listings, restricted searches), on SQLite and PostgreSQL."""

import unicodedata


def nfd(text):
    """``text`` in Unicode NFD, as a Mac types it."""
    return unicodedata.normalize("NFD", text)


# Two items of every kind: "gom" holds "Gốm … Đắk Đoa", "dong" holds "Chiêng Đồng … thổ cẩm".
PHRASES = {"gom": "Gốm Bàu Trúc ở Đắk Đoa", "dong": "Chiêng Đồng và thổ cẩm Jrai"}
# (query, which item it must find): with and without marks, NFC and NFD, upper case, đ/Đ.
CASES = [
    ("gom", "gom"),
    ("GỐM", "gom"),
    ("Gốm", "gom"),
    (nfd("Gốm"), "gom"),
    ("dak doa", "gom"),
    ("Đắk Đoa", "gom"),
    (nfd("ĐẮK ĐOA"), "gom"),
    ("dong", "dong"),
    ("Đồng", "dong"),
    (nfd("đồng"), "dong"),
    ("DONG", "dong"),
    ("tho cam", "dong"),
    ("Thổ cẩm", "dong"),
    (nfd("thổ cẩm"), "dong"),
]
CASE_IDS = [f"{query!r}->{group}" for query, group in CASES]


def other(group):
    """The group a query of ``group`` must not find."""
    return "dong" if group == "gom" else "gom"
