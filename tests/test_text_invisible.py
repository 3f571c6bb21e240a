"""Issue 13: invisible characters pasted from Word or the web never reach the database (``core.text.clean_text``,
applied to every saved text by ``core.cleaning``): bidi controls, zero-width spaces, soft hyphens; a zero-width
joiner survives only inside an emoji sequence."""

import pytest

from core.text import clean_text
from tests.factories import NewsPageFactory

CLEANED = [
    # (pasted, stored)
    ("Ứng dụng\u200b chuyển đổi số\x07 làng nghề\u202e", "Ứng dụng chuyển đổi số làng nghề"),
    ("Gia\u00adLai", "GiaLai"),
    ("\ufeffThổ cẩm", "Thổ cẩm"),
    ("a\u202ab\u202bc\u202cd\u202de\u202ef", "abcdef"),  # embeddings, pop, overrides
    ("a\u2066b\u2067c\u2068d\u2069e", "abcde"),  # isolates
    ("a\u200eb\u200fc\u061cd", "abcd"),  # LRM, RLM, Arabic letter mark
    ("Ia\u2060Grai\u200cPhung", "IaGraiPhung"),  # word joiner, zero-width non-joiner
    ("Nông\u200ddân", "Nôngdân"),  # a joiner between letters joins nothing
    ("Nông dân 👩\u200d🌾", "Nông dân 👩\u200d🌾"),  # woman farmer: one emoji, kept
    ("👨🏽\u200d🌾 và ❤️\u200d🔥", "👨🏽\u200d🌾 và ❤️\u200d🔥"),  # skin tone, variation selector
    ("Dòng 1\r\nDòng 2\tcột", "Dòng 1\nDòng 2\tcột"),  # tab and newline kept as before
    ("Lê\u0323", "Lệ"),  # NFC as before
]


@pytest.mark.parametrize(("pasted", "stored"), CLEANED)
def test_clean_text_drops_invisible_characters(pasted, stored):
    assert clean_text(pasted) == stored


@pytest.mark.django_db
def test_a_saved_page_title_has_no_invisible_characters():
    page = NewsPageFactory(title="Ứng dụng\u200b chuyển đổi số\x07 làng nghề\u202e")
    page.refresh_from_db()
    assert page.title == "Ứng dụng chuyển đổi số làng nghề"
