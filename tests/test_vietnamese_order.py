"""Vietnamese alphabetical order (issue 13, item 3): one key rule (``core.text.sort_key``), stored in ``sort_key``
columns and compared byte by byte, so every A–Z list and every list of communes shows the same order on SQLite and on
PostgreSQL, whatever the server's locale.

Run on PostgreSQL too: ``DATABASE_URL=postgres://…/kc_slug .venv/bin/pytest tests/test_vietnamese_order.py``.
"""

import html as html_lib
import re
import unicodedata
from importlib import import_module

import pytest
from django.apps import apps

from core.sorting import alphabetical
from core.text import person_sort_key, place_name, place_sort_key, sort_key
from registry.catalogue.choices import CommuneKind
from registry.catalogue.models import Commune, Producer, ProductPage
from tests.factories import (
    ArtisanPageFactory,
    CommuneFactory,
    CraftVillagePageFactory,
    ProducerFactory,
    ProductPageFactory,
)

# Names in the order a Vietnamese reader expects: letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# letter by letter over the whole name (CLDR "vi"; digraphs such as "ch" are not letters of their own), then the
# tones: unmarked, huyền, hỏi, ngã, sắc, nặng.
EXPECTED_ORDER = [
    "An Khê",
    "An Nhơn",
    "ăn ý",
    "Ấm trà men lam",
    "Bàu Đá",
    "Cà phê Ia Grai",
    "Chư Sê",
    "Cuốc rèn nhà nông",
    "Dệt thổ cẩm",
    "Đak Đoa",
    "Đắk Lắk",
    "Đèn tre trang trí",
    "Gia",
    "Gia Lai",
    "Gialai",
    "Hạt điều",
    "Hạt mắc ca",
    "Ia Grai",
    "Kbang",
    "Ma",
    "Mà",
    "Mả",
    "Mã",
    "Má",
    "Mạ",
    "Mác",
    "Ô Loan",
    "Ơn",
    "Phú Thiện",
    "Tây Sơn",
    "Tuy Phước",
    "Uông Bí",
    "Ứng Hòa",
    "Váy thổ cẩm",
    "Xuân An",
    "Yên Thế",
]


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_sort_key_gives_the_vietnamese_order():
    shuffled = sorted(EXPECTED_ORDER, key=lambda name: name[::-1])
    assert sorted(shuffled, key=sort_key) == EXPECTED_ORDER


def test_sort_key_ignores_case_and_normalization_and_is_plain_ascii():
    for name in EXPECTED_ORDER:
        key = sort_key(name)
        assert key == sort_key(nfd(name)) == sort_key(name.upper()) == sort_key(f"  {name}  ")
        assert re.fullmatch(r"[0-9a-z]+", key), key
    assert sort_key("Hạt  điều") == sort_key("Hạt điều") == sort_key("Hạt-điều")


def test_tones_are_a_secondary_level():
    # Letters decide first over the whole name; tones only between names with the same letters.
    assert sorted(["má ba", "ma bà", "mạ ba", "ma ba"], key=sort_key) == ["ma ba", "ma bà", "má ba", "mạ ba"]
    assert sorted(["mạ", "mac"], key=sort_key) == ["mạ", "mac"]


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Phường Tây Sơn", "Tây Sơn"),
        ("xã Tuy Phước", "Tuy Phước"),
        ("XÃ IA GRAI", "IA GRAI"),
        ("Thị trấn Chư Sê", "Chư Sê"),
        ("Đặc khu Lý Sơn", "Lý Sơn"),
        ("Thôn Plei Ơi", "Plei Ơi"),
        ("Làng dệt thổ cẩm Phung", "dệt thổ cẩm Phung"),
        (nfd("Phường An Nhơn"), "An Nhơn"),
        ("Lăng Cô", "Lăng Cô"),  # a name, not "Làng"
        ("Xã", "Xã"),
        ("Xãhội", "Xãhội"),
    ],
)
def test_place_prefixes_are_ignored(name, place):
    assert place_name(name) == place


def test_people_sort_by_given_name():
    names = ["Nguyễn Văn Bình", "Rơ Châm H'Lin", "Trần Thị An", "Đinh Văn Ánh"]
    assert sorted(names, key=person_sort_key) == ["Trần Thị An", "Đinh Văn Ánh", "Nguyễn Văn Bình", "Rơ Châm H'Lin"]


@pytest.mark.django_db
def test_database_order_matches_the_table():
    """The order the database gives (SQLite here; PostgreSQL with DATABASE_URL) is the table's order."""
    for index, name in enumerate(sorted(EXPECTED_ORDER, key=len)):
        ProducerFactory(name=name, slug=f"co-so-{index}")
    assert list(Producer.objects.order_by(alphabetical(), "pk").values_list("name", flat=True)) == EXPECTED_ORDER
    assert list(Producer.objects.values_list("name", flat=True)) == EXPECTED_ORDER  # Meta.ordering (admin)


@pytest.mark.django_db
def test_key_follows_the_name_on_save_and_not_on_unrelated_updates():
    producer = ProducerFactory(name="Hạt điều Bình Phước", slug="hat-dieu")
    assert producer.sort_key == sort_key("Hạt điều Bình Phước")
    producer.name = "Đèn tre"
    producer.save(update_fields=["name"])
    assert Producer.objects.get(pk=producer.pk).sort_key == sort_key("Đèn tre")
    producer.name = "Ấm trà"  # in memory only: a save of other fields leaves the stored key alone
    producer.save(update_fields=["phone"])
    assert Producer.objects.get(pk=producer.pk).sort_key == sort_key("Đèn tre")
    commune = CommuneFactory(name="Xã Tuy Phước", code="99001")
    assert commune.sort_key == place_sort_key("Tuy Phước")


PRODUCTS = ["Váy thổ cẩm", "Đèn tre trang trí", "Hạt mắc ca", "Cuốc rèn nhà nông", "Hạt điều", "Cà phê Ia Grai"]


def card_titles(page_html):
    return [html_lib.unescape(t) for t in re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', page_html)]


@pytest.mark.django_db
def test_catalogue_sorted_by_name_in_vietnamese_order(client, home_page):
    for title in PRODUCTS:
        ProductPageFactory(title=title)
    page_html = client.get("/san-pham/?sort=name").content.decode()
    assert card_titles(page_html) == [
        "Cà phê Ia Grai",
        "Cuốc rèn nhà nông",
        "Đèn tre trang trí",
        "Hạt điều",
        "Hạt mắc ca",
        "Váy thổ cẩm",
    ]


COMMUNES = [
    ("Tuy Phước", CommuneKind.XA),
    ("Tây Sơn", CommuneKind.PHUONG),
    ("Đak Đoa", CommuneKind.XA),
    ("An Nhơn", CommuneKind.PHUONG),
    ("Chư Sê", CommuneKind.XA),
    ("Ia Grai", CommuneKind.XA),
]
COMMUNE_ORDER = ["Phường An Nhơn", "Xã Chư Sê", "Xã Đak Đoa", "Xã Ia Grai", "Phường Tây Sơn", "Xã Tuy Phước"]


def select_labels(page_html, name):
    """The option labels of a filter select, without the count each option ends with ("Xã Ia Grai (3)")."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page_html, re.S).group(1)
    return [
        re.sub(r" \([\d.,]+\)$", "", html_lib.unescape(label).strip())
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
        if value
    ]


def facet_labels(page_html, name):
    fieldset = re.search(rf'data-facet="{name}".*?</fieldset>', page_html, re.S).group(0)
    return [html_lib.unescape(label) for label in re.findall(r'class="facet__label">([^<]*)<', fieldset)]


@pytest.mark.django_db
def test_every_commune_list_shows_one_order(client, home_page):
    """The artisans' and villages' commune filters and the catalogue's commune facet: by name in Vietnamese order,
    the kind of unit (Phường/Xã) not counting, on every page."""
    for index, (name, kind) in enumerate(COMMUNES):
        commune = CommuneFactory(name=name, kind=kind, code=f"2160{index}")
        ArtisanPageFactory(title=f"Nghệ nhân {index}", commune=commune)
        CraftVillagePageFactory(title=f"Làng {index}", commune=commune)
        ProductPageFactory(title=f"Sản phẩm {index}", commune=commune)
    assert select_labels(client.get("/nghe-nhan/").content.decode(), "commune") == COMMUNE_ORDER
    assert select_labels(client.get("/lang-nghe/").content.decode(), "commune") == COMMUNE_ORDER
    assert facet_labels(client.get("/san-pham/").content.decode(), "commune") == COMMUNE_ORDER
    assert [str(c) for c in Commune.objects.filter(code__startswith="2160")] == COMMUNE_ORDER  # admin lists


@pytest.mark.django_db
def test_artisans_and_villages_sorted_by_name(client, home_page):
    for title in ["Nguyễn Văn Bình", "Rơ Châm H'Lin", "Trần Thị An", "Đinh Văn Ánh"]:
        ArtisanPageFactory(title=title)
    for title in ["Làng rượu Bàu Đá", "Làng đan lát Plei Ơi", "Làng dệt thổ cẩm Phung", "Làng Ốp"]:
        CraftVillagePageFactory(title=title)
    assert card_titles(client.get("/nghe-nhan/?sort=name").content.decode()) == [
        "Trần Thị An",
        "Đinh Văn Ánh",
        "Nguyễn Văn Bình",
        "Rơ Châm H'Lin",
    ]
    assert card_titles(client.get("/lang-nghe/?sort=name").content.decode()) == [
        "Làng dệt thổ cẩm Phung",
        "Làng đan lát Plei Ơi",
        "Làng Ốp",
        "Làng rượu Bàu Đá",
    ]


@pytest.mark.django_db
def test_migration_fills_existing_rows(home_page):
    """Rows saved before the column existed (a key left empty) get their key from the data migration."""
    product = ProductPageFactory(title="Đèn tre trang trí")
    ProductPage.objects.filter(pk=product.pk).update(sort_key="")
    import_module("registry.catalogue.migrations.0004_vietnamese_sort_keys").fill_sort_keys(apps, None)
    assert ProductPage.objects.get(pk=product.pk).sort_key == sort_key("Đèn tre trang trí")
