"""The English catalogues: compiled and committed (.mo in sync with its .po), plurals that differ, one translation
per source string across the catalogues, and numbers written the way each language writes them."""

import gettext
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.template import Context, Template
from django.utils import translation

from core.numbers import format_number

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", ".git", "media", "staticfiles"}


def po_files():
    return sorted(
        po for po in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if not SKIP.intersection(po.relative_to(ROOT).parts)
    )


def read_catalog(po):
    with open(po, "rb") as handle:
        return read_po(handle, locale=po.parent.parent.name)


def compiled(po):
    """The message dictionary GNU gettext reads from the .po compiled now (as `make messages` would)."""
    from io import BytesIO

    buffer = BytesIO()
    write_mo(buffer, read_catalog(po))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)._catalog


def test_the_catalogues_are_found():
    names = {str(po.relative_to(ROOT)) for po in po_files()}
    assert "locale/en/LC_MESSAGES/django.po" in names
    assert "registry/catalogue/locale/en/LC_MESSAGES/django.po" in names


@pytest.mark.parametrize("po", po_files(), ids=lambda po: str(po.relative_to(ROOT)))
def test_the_committed_mo_is_compiled_from_its_po(po):
    """A checkout has English without `make messages`: the .mo is committed, and it says what its .po says (run
    `make messages` and commit the .mo after editing a .po)."""
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run `make messages` and commit it"
    with open(mo, "rb") as handle:
        shipped = gettext.GNUTranslations(handle)._catalog
    expected = compiled(po)
    expected.pop("", None), shipped.pop("", None)  # the header (creation dates) is not a message
    stale = sorted(str(key) for key in expected.keys() ^ shipped.keys())
    stale += sorted(str(key) for key in expected.keys() & shipped.keys() if expected[key] != shipped[key])
    assert not stale, f"{mo.relative_to(ROOT)} is stale (run `make messages`): {stale[:5]}"


def english_messages():
    for po in po_files():
        if po.parent.parent.name != "en":
            continue
        for message in read_catalog(po):
            if message.id:
                yield po, message


def test_english_plurals_have_a_singular_and_a_plural():
    """ "1 results", "9 artisan": every plural message has two different English forms."""
    same = [
        f"{po.relative_to(ROOT)}: {message.id[0]}"
        for po, message in english_messages()
        if isinstance(message.id, tuple) and message.string[0] and message.string[0] == message.string[1]
    ]
    assert not same


# Source strings that mean two things in two apps ("Sản phẩm": a product / the products menu) and so need a
# context (pgettext, {% translate "…" context "…" %}) in their source before they can be told apart. Known on
# 29 Nov 2026; the list may only shrink.
AMBIGUOUS = {
    "Sản phẩm tiêu biểu",
    "Bản đồ làng nghề",
    "ảnh đại diện",
    "Sản phẩm",
    "Nghệ nhân",
    "Vị trí",
    "Cuộc bình chọn",
    "Đang nhận hồ sơ",
    "giải thưởng",
    "số quyết định công nhận",
    "Công nhận",
    "Cơ sở sản xuất",
    "Giấy chứng nhận",
    "Xã/phường",
    "Đường dẫn",
    "Sắp xếp",
    "Số hiệu",
    "Hiệu lực",
    "không",
}


def test_one_source_string_has_one_english_translation():
    """Django merges every catalogue and the first one wins: the same msgid translated differently in two .po files
    means one of them is silently ignored (that is how "1 results" shipped)."""
    seen = {}
    for po, message in english_messages():
        key = (message.context, message.id)
        if message.string and (message.string if isinstance(message.string, str) else message.string[0]):
            seen.setdefault(key, {})[str(po.relative_to(ROOT))] = message.string
    conflicts = {
        key: where
        for key, where in seen.items()
        if len({str(v) for v in where.values()}) > 1 and key[1] not in AMBIGUOUS
    }
    assert not conflicts


NUMBERS = [
    # value, decimals, Vietnamese, English
    (0, None, "0", "0"),
    (7, None, "7", "7"),
    (999, None, "999", "999"),
    (1000, None, "1.000", "1,000"),
    (1234567, None, "1.234.567", "1,234,567"),
    (-1234, None, "-1.234", "-1,234"),
    (1234567.5, None, "1.234.567,5", "1,234,567.5"),
    (Decimal("1234567.50"), None, "1.234.567,5", "1,234,567.5"),
    (Decimal("32.50"), None, "32,5", "32.5"),
    (Decimal("40.00"), None, "40", "40"),
    (Decimal("100"), None, "100", "100"),
    (Decimal("85.26"), 1, "85,3", "85.3"),
    (2.5, 2, "2,50", "2.50"),
    (Decimal("0.05"), 1, "0,1", "0.1"),
    ("1500000000", None, "1.500.000.000", "1,500,000,000"),
    (None, None, "", ""),
    ("", None, "", ""),
    ("n/a", None, "n/a", "n/a"),
]


@pytest.mark.parametrize(("value", "decimals", "vi", "en"), NUMBERS)
def test_numbers_in_both_languages(value, decimals, vi, en):
    with translation.override("vi"):
        assert format_number(value, decimals) == vi
        assert Template("{% load numbers %}{{ v|number:d }}").render(Context({"v": value, "d": decimals})) == vi
    with translation.override("en"):
        assert format_number(value, decimals) == en
        assert Template("{% load numbers %}{{ v|number:d }}").render(Context({"v": value, "d": decimals})) == en


def test_plain_integers_are_not_grouped():
    """Ids and years printed without the filter (URLs, attributes, "năm 2026") keep their plain digits."""
    with translation.override("vi"):
        assert Template("{{ year }}/{{ pk }}").render(Context({"year": 2026, "pk": 12345})) == "2026/12345"


@pytest.mark.parametrize("po", po_files(), ids=lambda po: str(po.relative_to(ROOT)))
def test_compiling_is_reproducible(po):
    """Without a POT-Creation-Date header Babel writes the current time into the .mo, so every `make messages`
    would change the committed files."""
    assert "POT-Creation-Date:" in po.read_text(encoding="utf-8")
