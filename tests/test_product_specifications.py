"""A product page shows each specification once: the product's fields and the rows of its body's specification
table that add something (issue 13: "Nguyên liệu" and "Quy cách" appeared twice)."""

import pytest

from registry.catalogue.specifications import product_specifications
from tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


def _product(**kwargs):
    return ProductPageFactory(
        materials="Sợi bông nhuộm chàm",
        packaging="Hộp giấy 1 chiếc",
        where_to_buy="Cửa hàng giới thiệu sản phẩm",
        body=[
            ("paragraph", "<p>Dệt tay.</p>"),
            (
                "specification",
                [
                    {"name": "Nguyên liệu", "value": "Sợi bông nhuộm chàm"},
                    {"name": "QUY CÁCH:", "value": "Hộp 2 chiếc"},
                    {"name": "Chất liệu", "value": "bông"},
                    {"name": "Kích thước", "value": "40 × 180 cm"},
                    {"name": "Màu", "value": "Sợi bông nhuộm chàm"},
                ],
            ),
            (
                "specification",
                [{"name": "Kích thước", "value": "40 × 180 cm"}, {"name": "Khối lượng", "value": "300 g"}],
            ),
        ],
        **kwargs,
    )


def test_each_specification_once():
    rows, body = product_specifications(_product())
    assert [(row.label, row.value) for row in rows] == [
        ("Nguyên liệu, thành phần", "Sợi bông nhuộm chàm"),
        ("Quy cách đóng gói", "Hộp giấy 1 chiếc"),
        ("Nơi mua", "Cửa hàng giới thiệu sản phẩm"),
        ("Kích thước", "40 × 180 cm"),
        ("Khối lượng", "300 g"),
    ]
    assert [block.block_type for block in body] == ["paragraph"]


def test_rows_naming_an_empty_field_are_kept():
    product = _product()
    product.materials = ""
    rows, _body = product_specifications(product)
    labels = [row.label for row in rows]
    assert "Nguyên liệu" in labels and "Chất liệu" in labels


def test_product_page_shows_each_specification_once(client, home_page):
    product = _product()
    html = client.get(product.url).content.decode()
    for text in ("Nguyên liệu", "Quy cách", "Kích thước", "Sợi bông nhuộm chàm", "40 × 180 cm"):
        assert html.count(text) == 1, text
    assert "Hộp 2 chiếc" not in html
    assert "Dệt tay." in html
