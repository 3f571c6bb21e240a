"""Site search rules from the tester's report of 30 Nov (report-t18 M1, M2, M3, L3), on the database backend:

- M1: a producer whose profile is a 404 (unpublished) is not in the site search, its suggestions or the search
  engine's index source;
- M2: every word of a query is a word prefix on pages too ("ca ph" finds "Cà phê"), whole words first;
- M3: past ``PAGE_LIMIT`` hits of a kind the count says "more than" and the last page says why it ends;
- L3: a control character, tab, zero-width space, no-break space or soft hyphen inside a query separates words in
  every search box.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.text import clean_query_text
from search.backends import database
from search.text import clean_text, query_tokens
from tests.factories import ProducerFactory, ProductPageFactory
from tests.search_data import build_catalogue


@pytest.fixture
def catalogue(home_page):
    return build_catalogue()


def _urls(client, query, **params):
    return [hit.url for hit in client.get("/tim-kiem/", {"q": query, **params}).context["page_obj"]]


def _suggested(client, query):
    return [item["url"] for item in client.get("/tim-kiem/goi-y/", {"q": query}).json()["results"]]


# -- M1 ---------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unpublished_producer_leaves_the_site_search_and_the_suggestions(client, catalogue):
    producer = ProducerFactory(name="Công ty Điều Quy Nhơn 30", slug="cong-ty-dieu-quy-nhon-30")
    assert _urls(client, "cong ty dieu quy nhon 30")[0] == "/co-so/cong-ty-dieu-quy-nhon-30/"
    assert "/co-so/cong-ty-dieu-quy-nhon-30/" in _suggested(client, "cong ty dieu")

    producer.live = False
    producer.save()
    assert client.get("/co-so/cong-ty-dieu-quy-nhon-30/").status_code == 404
    assert "/co-so/cong-ty-dieu-quy-nhon-30/" not in _urls(client, "cong ty dieu quy nhon 30")
    assert "/co-so/cong-ty-dieu-quy-nhon-30/" not in _suggested(client, "cong ty dieu")
    assert _urls(client, "ong vang")[0] == "/co-so/ho-ong-vang/"  # the live ones stay


@pytest.mark.django_db
def test_the_search_engine_indexes_only_public_producers(catalogue):
    from registry.catalogue.product_search.documents import ProducerDocument

    hidden = ProducerFactory(name="Hộ Tiêu Chư Pưh", slug="ho-tieu-chu-puh", live=False)
    odd_slug = ProducerFactory(name="Hộ Lúa Ia Pa", slug="ho-lua-ia-pa")
    type(odd_slug).objects.filter(pk=odd_slug.pk).update(slug="hộ-lúa")  # an old import: no /co-so/ address
    shown = set(ProducerDocument.source_queryset().values_list("pk", flat=True))
    assert hidden.pk not in shown and odd_slug.pk not in shown
    assert catalogue["brocade"].producer.pk in shown
    assert "/co-so/" not in str(_record_titles("ho lua ia pa"))


def _record_titles(query):
    return [hit.title for hit in database.database_site_search(query, 1).object_list]


# -- M2 ---------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_match_every_word_as_a_prefix(client, catalogue):
    coffee = catalogue["coffee"].url
    assert coffee in _urls(client, "ca phe")
    for query in ("ca ph", "c ph", "Cà ph", "ca phe rob"):
        assert coffee in _urls(client, query), query
    assert coffee not in _urls(client, "obusta")  # a prefix starts a word: not inside one ("Robusta")


@pytest.mark.django_db
def test_whole_words_rank_above_prefixes(client, catalogue):
    longer = ProductPageFactory(title="Cà phên tre", slug="ca-phen-tre")
    urls = _urls(client, "ca phe")
    assert longer.url in urls  # "phe" starts "phên"
    assert urls.index(catalogue["coffee"].url) < urls.index(longer.url)


@pytest.mark.django_db
def test_prefix_search_keeps_the_query_count(client, catalogue):
    def count(query):
        client.get("/tim-kiem/", {"q": query})
        with CaptureQueriesContext(connection) as context:
            client.get("/tim-kiem/", {"q": query})
        return len(context.captured_queries)

    whole = count("ca phe")
    assert count("ca ph") <= whole


# -- M3 ---------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_capped_count_says_more_than_and_the_last_page_says_why(client, catalogue, monkeypatch):
    monkeypatch.setattr(database, "PAGE_LIMIT", 3)
    monkeypatch.setattr(database, "PER_PAGE", 2)
    for i in range(5):
        ProductPageFactory(title=f"Gạo nếp Ia Pa {i}", slug=f"gao-nep-{i}")
    first = client.get("/tim-kiem/", {"q": "gao nep"})
    assert first.context["page_obj"].more_results
    html = first.content.decode()
    assert "Hơn 3 kết quả cho “gao nep” — hãy thêm từ khóa để thu hẹp" in html
    assert "Chỉ hiện" not in html  # not before the last page
    last = client.get("/tim-kiem/", {"q": "gao nep", "page": "2"}).content.decode()
    assert "Chỉ hiện 3 kết quả phù hợp nhất. Hãy thêm từ khóa để thu hẹp." in last
    assert 'rel="next"' not in last
    english = client.get("/en/tim-kiem/", {"q": "gao nep"}).content.decode()
    assert "More than 3 results for “gao nep” — add a word to narrow the search" in english


@pytest.mark.django_db
def test_an_exact_count_at_the_limit_is_not_more_than(client, catalogue, monkeypatch):
    monkeypatch.setattr(database, "PAGE_LIMIT", 3)
    for i in range(3):
        ProductPageFactory(title=f"Gạo nếp Ia Pa {i}", slug=f"gao-nep-{i}")
    response = client.get("/tim-kiem/", {"q": "gao nep"})
    assert not response.context["page_obj"].more_results
    assert "3 kết quả cho “gao nep”" in response.content.decode() and "Hơn" not in response.content.decode()


@pytest.mark.django_db
def test_records_past_the_limit_say_more_than(client, catalogue, monkeypatch):
    monkeypatch.setattr(database, "PAGE_LIMIT", 2)
    for i in range(3):
        ProducerFactory(name=f"Hộ Dừa Ia Pa {i}", slug=f"ho-dua-{i}")
    page = database.database_site_search("ho dua", 1)
    assert page.more_results and page.paginator.count == 2


# -- L3 ---------------------------------------------------------------------------------------------------------------

SEPARATORS = ["\x01", "\x00", "\t", "\n", "\u200b", "\u00a0", "\u00ad", "\ufeff", "\x1f", "\x85"]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_control_or_invisible_character_separates_words(separator):
    assert query_tokens(clean_text(f"thổ{separator}cẩm")) == ["tho", "cam"]
    assert clean_text(f"{separator}gom{separator}") == "gom"  # dropped at either end


def test_query_parameters_keep_their_edges_clean():
    assert clean_query_text("\x00gom\x01") == "gom"
    assert clean_query_text("gom\x01\x02su") == "gom su"
    assert clean_query_text(3) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("separator", ["\x01", "\t", "\u200b", "\u00a0", "\u00ad"])
def test_every_search_box_reads_a_separator_as_a_space(client, catalogue, separator):
    from tests.factories.programmes import ProjectPageFactory

    query = f"tho{separator}cam"
    brocade = catalogue["brocade"].url
    assert brocade in _urls(client, query)  # site search
    assert brocade in _suggested(client, query)  # suggestions
    catalogue_page = client.get("/san-pham/", {"q": query})
    assert brocade in [hit.object.url for hit in catalogue_page.context["results"].hits]  # catalogue
    project = ProjectPageFactory(title="Đào tạo nghề dệt thổ cẩm")
    listed = client.get("/de-an-khuyen-cong/", {"q": f"det{separator}tho cam"})
    assert [p.pk for p in listed.context["page_obj"].object_list] == [project.pk]  # project list
