"""core/shared_data.py's ``shared_value``: data stored between requests per page-cache generation, never for a preview, and still served
when it cannot be stored."""

import pytest
from django.test import RequestFactory

from core.page_cache import invalidate
from core.shared_data import shared_value

pytestmark = pytest.mark.django_db


def request(**attrs):
    made = RequestFactory().get("/")
    for name, value in attrs.items():
        setattr(made, name, value)
    return made


def test_a_value_is_computed_once_per_generation(home_page):
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert shared_value("t", compute, request()) == {"n": 1}
    assert shared_value("t", compute, request()) == {"n": 1}
    invalidate()
    assert shared_value("t", compute, request()) == {"n": 2}


def test_a_preview_is_never_stored_nor_served_from_the_store(home_page):
    shared_value("p", lambda: "live", request())
    assert shared_value("p", lambda: "draft", request(is_preview=True)) == "draft"
    assert shared_value("p", lambda: "other", request()) == "live"


def test_a_value_that_cannot_be_stored_is_still_served(home_page):
    value = {"f": lambda: None}  # a lambda cannot be pickled
    assert shared_value("u", lambda: value, request()) is value
