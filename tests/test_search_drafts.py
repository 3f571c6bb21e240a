"""A draft is never searchable: the words of an editor's unpublished draft, or of a producer's proposed correction
waiting for review, appear in no public search (site search, suggestions, catalogue) until the draft is published.

Wagtail's ``save_revision`` saves only its bookkeeping fields while the object carries the draft's texts; the folded
search text (search/mixins.py) must fold the stored row, not those in-memory values."""

import re

import pytest

from registry.catalogue.models import Producer, ProductPage
from tests.factories import ProducerFactory, ProductPageFactory, UserFactory

DRAFT_WORD = "xyzzyquux"


def titles(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def hits(client, query):
    """The titles of the site search's hits for ``query`` (not the "popular products" of a zero-result page)."""
    page = titles(client, f"/tim-kiem/?q={query}")
    found = re.findall(r'class="search-hit__title"[^>]*><a href="[^"]*">(.*?)</a>', page)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


@pytest.fixture
def editor(db):
    return UserFactory(username="bientap-nhap", staff=True)


def test_a_live_pages_draft_is_not_searchable_until_published(client, home_page, editor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page = ProductPageFactory(title="Hạt mắc ca sấy Chư Sê", summary="Mắc ca sấy nứt vỏ.")
    draft = ProductPage.objects.get(pk=page.pk)
    draft.summary = f"{DRAFT_WORD} Mua ngay tại shop-lua-dao.example"
    revision = draft.save_revision(user=editor)

    stored = ProductPage.objects.get(pk=page.pk)
    assert DRAFT_WORD not in stored.search_folded
    assert "mac ca" in stored.search_folded
    assert hits(client, DRAFT_WORD) == []
    assert "Hạt mắc ca sấy Chư Sê" not in titles(client, "/tim-kiem/goi-y/?q=xyzzy")
    assert "Hạt mắc ca sấy Chư Sê" not in titles(client, f"/san-pham/?q={DRAFT_WORD}")
    assert "Hạt mắc ca sấy Chư Sê" in hits(client, "mac+ca")

    revision.publish(user=None)
    assert DRAFT_WORD in ProductPage.objects.get(pk=page.pk).search_folded
    assert hits(client, DRAFT_WORD) == ["Hạt mắc ca sấy Chư Sê"]


def test_a_producers_draft_is_not_searchable_until_published(client, home_page, editor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    producer = ProducerFactory(name="HTX Mắc ca Chư Sê")
    draft = Producer.objects.get(pk=producer.pk)
    draft.name = f"HTX {DRAFT_WORD}"
    draft.save_revision(user=editor)

    stored = Producer.objects.get(pk=producer.pk)
    assert stored.name == "HTX Mắc ca Chư Sê"
    assert DRAFT_WORD not in stored.search_folded
    assert "mac ca" in stored.search_folded
    assert hits(client, DRAFT_WORD) == []


def test_a_partial_save_of_a_searched_field_refolds_it(home_page):
    producer = ProducerFactory(name="HTX Mắc ca Chư Sê")
    producer.name = "HTX Đồng Tây Sơn"
    producer.save(update_fields=["name"])
    assert Producer.objects.get(pk=producer.pk).search_folded.startswith("htx dong tay son")
