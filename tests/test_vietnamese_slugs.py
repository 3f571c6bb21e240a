"""Vietnamese slugs (issue 13, item 2): one rule, ``core.text.slugify`` (đ/Đ → d, marks removed, NFD as NFC), used
by every slug the server makes from a title and handed to the admin's slug field (Wagtail's ``w-slug`` controller)
as its formatters. The browser test (tests/browser/test_slug_browser.py) checks the admin proposes the same slugs.
"""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from wagtail.models import Page

from core.slugs import TitleSlugMixin
from core.text import SLUG_FORMATTERS, slugify
from core.widgets import VietnameseSlugInput
from registry.catalogue.importing import parsers
from tests.factories import ProductPageFactory, UserFactory, product_index

# (title, slug): what an editor types and the address the page gets.
SLUGS = [
    (
        "Đoàn doanh nghiệp Đắk Lắk học hỏi mô hình dệt thổ cẩm ở Ia Grai",
        "doan-doanh-nghiep-dak-lak-hoc-hoi-mo-hinh-det-tho-cam-o-ia-grai",
    ),
    ("Cà phê Ia Grai", "ca-phe-ia-grai"),
    ("Hội chợ thổ cẩm Jrai tại Pleiku", "hoi-cho-tho-cam-jrai-tai-pleiku"),
    ("ĐƯỜNG ĐỒNG ƯỚC", "duong-dong-uoc"),
    ("Rượu cần Ơi Nu", "ruou-can-oi-nu"),
    ("Rơ Châm H'Nhí", "ro-cham-h-nhi"),
    ("Gốm Bàu Trúc – Ninh Thuận", "gom-bau-truc-ninh-thuan"),
    ("“Ươm tơ” 2026: 35 cơ sở đạt 4 sao!", "uom-to-2026-35-co-so-dat-4-sao"),
    ("Thổ cẩm\u00a0Jrai\tPhung", "tho-cam-jrai-phung"),
    ("  --Ia Grai--  ", "ia-grai"),
    ("gom_bau/den.tre", "gom-bau-den-tre"),
    ("Crème brûlée Straße Øresund", "creme-brulee-strasse-oresund"),
    ("Москва", ""),
    ("Ｇｉａ Ｌａｉ", "gia-lai"),  # fullwidth: NFKC before folding
    ("Ｉａ Ｇｒａｉ ２０２６", "ia-grai-2026"),
    ("Gia\u00adLai", "gialai"),  # soft hyphen: a format character (Cf) is dropped, not a separator
    ("Ứng dụng\u200b chuyển đổi\u202e số\u2066", "ung-dung-chuyen-doi-so"),
    ("\ufeffﬁ", "fi"),
    ("", ""),
]


@pytest.mark.parametrize(("title", "slug"), SLUGS)
def test_slug_of_a_title(title, slug):
    assert slugify(title) == slug
    assert slugify(unicodedata.normalize("NFD", title)) == slug
    assert slugify(unicodedata.normalize("NFC", title)) == slug


def test_long_titles_are_cut_without_a_trailing_hyphen():
    slug = slugify("Hạt điều " * 40, max_length=80)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("hat-dieu-hat-dieu")
    assert slugify(None) == ""


def test_every_vietnamese_letter_folds_to_its_base_letter():
    bases = {"a": "aàảãáạăằẳẵắặâầẩẫấậ", "e": "eèẻẽéẹêềểễếệ", "i": "iìỉĩíị", "o": "oòỏõóọôồổỗốộơờởỡớợ"}
    bases |= {"u": "uùủũúụưừửữứự", "y": "yỳỷỹýỵ", "d": "dđ"}
    for base, letters in bases.items():
        for letter in letters + letters.upper():
            assert slugify(letter) == base, letter
            assert slugify(unicodedata.normalize("NFD", letter)) == base, letter


def test_formatters_are_valid_for_python_and_wagtail():
    """The same patterns run in Python and in the browser (``RegExp(pattern, "gu")``): plain character classes,
    no Python-only syntax."""
    for pattern, replacement in SLUG_FORMATTERS:
        re.compile(pattern)
        assert not re.search(r"\(\?|\\[AZpP]", pattern), pattern
        assert re.fullmatch(r"[a-z0-9-]*", replacement)


@pytest.mark.django_db
def test_pages_saved_without_a_slug_take_the_vietnamese_slug(home_page):
    first = ProductPageFactory(title="Đèn tre trang trí", slug="")
    second = ProductPageFactory(title="Đèn tre trang trí", slug="")
    assert (first.slug, second.slug) == ("den-tre-trang-tri", "den-tre-trang-tri-2")
    kept = ProductPageFactory(title="Đèn tre", slug="den-tre-mau")
    assert kept.slug == "den-tre-mau"


def test_every_page_type_of_the_project_uses_the_rule():
    project_apps = {"home", "news", "catalogue", "competitions", "core", "search"}
    page_models = [m for m in apps.get_models() if issubclass(m, Page) and m._meta.app_label in project_apps]
    assert len(page_models) >= 10
    missing = [m.__name__ for m in page_models if not issubclass(m, TitleSlugMixin)]
    assert missing == []


def test_no_other_slug_rule_in_the_project():
    """Django's ``slugify`` drops đ ("Đoàn" → "oan"): every slug goes through ``core.text.slugify``."""
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "node_modules", "staticfiles", "media"}:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"from django\.utils\.text import [^\n]*\bslugify\b|django\.utils\.text\.slugify", text):
            offenders.append(str(relative))
    assert offenders == []


def test_import_suggests_the_same_slug():
    with pytest.raises(parsers.RowError) as error:
        parsers.slug("Đèn tre trang trí")
    assert "den-tre-trang-tri" in str(error.value)
    assert parsers.slug("den-tre-trang-tri") == "den-tre-trang-tri"


@pytest.mark.django_db
def test_admin_slug_field_carries_the_rule(client, home_page):
    """Every SlugField of the admin (pages, snippets) gets ``VietnameseSlugInput``: the page editor's slug input
    hands the formatters to Wagtail's ``w-slug`` controller."""
    client.force_login(UserFactory(username="quantri", superuser=True))
    index = product_index()
    html = client.get(f"/admin/pages/add/catalogue/productpage/{index.pk}/").content.decode()
    attribute = re.search(r'<input[^>]*id="id_slug"[^>]*>', html).group(0)
    value = re.search(r'data-w-slug-formatters-value="([^"]*)"', attribute).group(1)
    formatters = json.loads(value.replace("&quot;", '"').replace("&amp;", "&").replace("&#x27;", "'"))
    # The rule, then the fallback of a title without letters (the product's verbose name, core/slug_rules.py).
    assert [[pattern, replacement] for (pattern, _flags), replacement in formatters] == [
        *(list(pair) for pair in SLUG_FORMATTERS),
        ["^$", "san-pham"],
    ]
    assert isinstance(VietnameseSlugInput().attrs["data-w-slug-formatters-value"], str)
    snippet = client.get("/admin/snippets/catalogue/producer/add/").content.decode()
    assert "data-w-slug-formatters-value" in snippet
