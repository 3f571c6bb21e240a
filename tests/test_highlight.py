"""Search highlighting marks only the words a visitor searched for: whole folded words, and the start of a longer
word only for the last term (the one still being typed). One rule (search/highlight.py) for both backends."""

import unicodedata

import pytest

from search.highlight import highlight, remark, word_matches
from search.text import query_tokens

# (query, text, the words marked, in order)
CASES = [
    ("tho cam", "Thổ cẩm Jrai thống nhất, thoi dệt", ["Thổ", "cẩm"]),
    ("tho cam", "Áo thổ cẩm có camera", ["thổ", "cẩm", "camera"]),  # "cam" is the last term: a prefix
    ("tho cam do", "Thổ cẩm thống đỏ", ["Thổ", "cẩm", "đỏ"]),  # "tho" is not last: whole word only
    ("tho ca", "Thổ cẩm Jrai", ["Thổ", "cẩm"]),
    ("tho ca", "Cà phê thống", ["Cà"]),
    ("dong", "Chiêng đồng, Đông Hồ và Đồng Nai", ["đồng", "Đông", "Đồng"]),
    ("d", "Đồng dao", []),  # one letter: whole words only
    ("Thổ cẩm", "thổ cẩm thốt", ["thổ", "cẩm"]),
    ("gom", "Gốm Bàu Trúc, gồm nhiều sản phẩm", ["Gốm", "gồm"]),
    ("mat ong", "Mật ong hoa rừng, ong mật, mặt ông", ["Mật", "ong", "ong", "mật", "mặt", "ông"]),
    ("ca phe", "Cà phê phin, phép tính", ["Cà", "phê", "phép"]),
    ("", "Thổ cẩm", []),
    ("<b>", "a <b> tag", ["b"]),
]


def _marked(html):
    parts = str(html).split("<mark>")[1:]
    return [part.split("</mark>")[0] for part in parts]


@pytest.mark.parametrize(("query", "text", "marked"), CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_highlight_table(query, text, marked):
    assert _marked(highlight(text, query_tokens(query))) == marked


@pytest.mark.parametrize(("query", "text", "marked"), CASES[:6], ids=[f"{c[0]}|{c[1]}" for c in CASES[:6]])
def test_decomposed_text_and_query_mark_the_same_words(query, text, marked):
    nfd_text = unicodedata.normalize("NFD", text)
    nfd_query = unicodedata.normalize("NFD", query)
    got = _marked(highlight(nfd_text, query_tokens(nfd_query)))
    assert [unicodedata.normalize("NFC", word) for word in got] == marked


def test_text_is_escaped_and_cut_around_the_first_match():
    text = "x " * 200 + "<Thổ> cẩm & " + "y " * 200
    html = str(highlight(text, query_tokens("tho cam"), length=60))
    assert "&lt;<mark>Thổ</mark>&gt; <mark>cẩm</mark> &amp;" in html
    assert html.startswith("…") and html.endswith("…")
    assert "<script" not in str(highlight("<script>tho</script>", ["tho"]))


def test_elasticsearch_fragments_are_marked_with_the_same_rule():
    fragment = "<mark>Thổ</mark> <mark>cẩm</mark> &amp; <mark>thống</mark> nhất &lt;b&gt;"
    assert (
        str(remark(fragment, query_tokens("tho cam"))) == "<mark>Thổ</mark> <mark>cẩm</mark> &amp; thống nhất &lt;b&gt;"
    )


def test_word_matches_needs_tokens():
    assert not word_matches("Thổ", [])
    assert word_matches("ĐỒNG", ["dong"])
