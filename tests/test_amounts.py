"""Amounts of money in đồng typed by people (core.numbers.parse_amount / AmountField): Vietnamese grouping accepted,
a decimal comma refused with a message instead of being dropped by a browser number input (a tester typed
``2500000,5`` in a project's counterpart amount and 25000005 was saved)."""

import pytest
from django import forms

from core.numbers import AmountField, parse_amount
from programmes.models import ProjectPage


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("1\u00a0500\u00a0000 đ", 1_500_000),
        ("2.325.000.000 đồng", 2_325_000_000),
        ("80.000.000 VND", 80_000_000),
        ("1.500", 1_500),
        ("0", 0),
        ("", None),
    ],
)
def test_amounts_people_type(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(
    "typed, message",
    [
        ("2500000,5", "không có phần lẻ"),
        ("2.500.000,00", "không có phần lẻ"),
        ("-5000", "không được âm"),
        ("−5000", "không được âm"),
        ("1.50.000", "bằng chữ số"),
        ("=1+1", "bằng chữ số"),
        ("hai triệu", "bằng chữ số"),
        ("9" * 17, "quá lớn"),
    ],
)
def test_amounts_refused_with_a_vietnamese_message(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_amount(typed)


def test_the_project_editor_reads_amounts_with_the_amount_field():
    form_class = ProjectPage.get_edit_handler().get_form_class()
    form = form_class()
    for name in ("support_amount", "counterpart_amount"):
        field = form.fields[name]
        assert isinstance(field, AmountField)
        html = str(form[name])
        assert 'type="text"' in html and 'inputmode="numeric"' in html
        assert field.clean("1.500.000") == 1_500_000
        with pytest.raises(forms.ValidationError):
            field.clean("2500000,5")
