"""Catalogue search: one table of cases run against every available backend, facet counts checked against the
ORM, the filter parser, and the product listing /san-pham/ (filters, garbage, escaping, query counts)."""

import pytest
from django.db import connection
from django.db.models import Q
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from core.text import sort_key
from registry.catalogue.models import Certificate, ProductPage
from registry.catalogue.product_search.filters import CatalogueFilters, parse_filters, parse_query
from registry.catalogue.product_search.service import catalogue_search
from search.text import query_tokens
from tests.factories import ProductPageFactory, product_index
from tests.search_data import build_catalogue

# The search engine runs the same table (and more) against a live node: tests/test_search_live_*.py.
BACKENDS = [pytest.param("database", id="database")]

# (query, product keys that must be found, product keys that must not be found)
CASES = [
    ("tho cam", {"brocade"}, {"coffee", "honey"}),
    ("THỔ CẨM", {"brocade"}, {"coffee", "honey"}),
    ("Thổ cẩm", {"brocade"}, {"gong"}),
    ("dong", {"gong"}, {"brocade", "coffee"}),
    ("Đồng", {"gong"}, {"brocade", "coffee"}),
    ("ĐỒNG", {"gong"}, {"honey"}),
    ("ca phe", {"coffee"}, {"brocade", "gong"}),
    ("Cà phê", {"coffee"}, {"brocade"}),
    ("mat ong", {"honey"}, {"coffee", "brocade"}),
    ("Mật ong", {"honey"}, {"gong"}),
    # A producer's name finds its products.
    ("Làng Phung", {"brocade"}, {"coffee"}),
    ("lang phung", {"brocade"}, {"coffee"}),
    ("Phuoc Kieu", {"gong", "knife"}, {"honey"}),
    ("robusta rang", {"coffee"}, {"honey"}),
]


@pytest.fixture
def catalogue(home_page, settings, request):
    return build_catalogue()


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    settings.CATALOGUE_SEARCH_BACKEND = request.param
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "found", "not_found"), CASES, ids=[c[0] for c in CASES])
def test_shared_cases(backend, catalogue, query, found, not_found):
    results = catalogue_search(query)
    titles = {hit.object.title for hit in results.hits}
    assert results.backend == backend
    assert {catalogue[key].title for key in found} <= titles, (query, titles)
    assert not {catalogue[key].title for key in not_found} & titles, (query, titles)
    assert results.total == len(results.hits)


@pytest.mark.django_db
def test_highlights_mark_folded_matches(backend, catalogue):
    results = catalogue_search("tho cam")
    assert "<mark>Thổ</mark> <mark>cẩm</mark>" in str(results.hits[0].highlights["title"])


def _orm_count(filters, text_ids=None):
    """Products matching ``filters`` computed directly and naively with the ORM, for comparison."""
    products = ProductPage.objects.live()
    if text_ids is not None:
        products = products.filter(pk__in=text_ids)
    result = set()
    for product in products.select_related("producer"):
        certificates = Certificate.objects.filter(product=product, revoked_at__isnull=True)
        place = product.commune or product.producer.commune
        if filters.group and product.product_group not in filters.group:
            continue
        if filters.level and not certificates.filter(level__in=filters.level).exists():
            continue
        if filters.year and not certificates.filter(year__in=filters.year).exists():
            continue
        if filters.commune and (place is None or place.code not in filters.commune):
            continue
        if filters.producer_kind and product.producer.kind not in filters.producer_kind:
            continue
        result.add(product.pk)
    return result


FILTER_COMBINATIONS = [
    {},
    {"level": ("provincial",)},
    {"level": ("provincial",), "year": (2024,)},
    {"group": ("handicraft", "processed-food"), "year": (2022,)},
    {"commune": ("64002",), "producer_kind": ("household",)},
    {"group": ("machinery",), "level": ("regional", "commune")},
    {"year": (2020,)},
]


@pytest.mark.django_db
@pytest.mark.parametrize("combination", FILTER_COMBINATIONS, ids=[str(c) for c in FILTER_COMBINATIONS])
@pytest.mark.parametrize("text", ["", "tay"])
def test_facet_counts_equal_orm_counts(catalogue, combination, text):
    filters = CatalogueFilters(**combination)
    results = catalogue_search(text, filters)
    text_ids = {hit.object.pk for hit in catalogue_search(text).hits} if text else None
    assert {hit.object.pk for hit in results.hits} == _orm_count(filters, text_ids)
    for facet in results.facets:
        others = filters.without(facet.name)
        for option in facet.options:
            value = int(option.value) if facet.name == "year" else option.value
            expected = _orm_count(CatalogueFilters(**{**others.__dict__, facet.name: (value,)}), text_ids)
            assert option.count == len(expected), (facet.name, option.value)


@pytest.mark.django_db
def test_products_with_several_certificates_are_counted_once(catalogue):
    results = catalogue_search("")
    provincial = next(o for o in results.facet("level").options if o.value == "provincial")
    # brocade 2022, coffee 2022 + 2024, honey 2024 (knife's certificate is revoked).
    assert provincial.count == 3
    assert {o.value: o.count for o in results.facet("year").options} == {"2024": 4, "2022": 2}


@pytest.mark.django_db
def test_sorts(catalogue):
    by_name = [h.object.title for h in catalogue_search("", sort="name").hits]
    assert by_name == sorted(by_name, key=sort_key)  # Vietnamese order: "Cà phê" before "Chiêng"
    by_level = [h.object.slug for h in catalogue_search("", sort="level").hits]
    assert by_level[0] == "tho-cam-jrai"  # the only regional certificate
    assert by_level[-1] == "dao-rua"  # revoked only
    ProductPage.objects.filter(slug="mat-ong-hoa-rung").update(first_published_at="2030-01-01T00:00Z")
    newest = [h.object.slug for h in catalogue_search("", sort="newest").hits]
    assert newest[0] == "mat-ong-hoa-rung"
    assert newest[1] == "dao-rua"  # then, without a publication date, the most recently created
    assert catalogue_search("x", sort="bogus").query.sort == "relevance"
    assert catalogue_search("", sort="relevance").query.sort == "newest"


def test_parse_filters_ignores_unknown_values():
    querydict = QueryDict(
        "group=handicraft&group=xyz&group=handicraft&level=national&level=<script>&year=2024&year=-1&year=abcd"
        "&year=99999&commune=64001&commune=x';DROP&producer_kind=sme&producer_kind=alien"
    )
    filters = parse_filters(querydict)
    assert filters == CatalogueFilters(
        group=("handicraft",), level=("national",), year=(2024,), commune=("64001",), producer_kind=("sme",)
    )
    query = parse_query(QueryDict("q=%20tho%20%20cam%20&page=abc&sort=nope"))
    assert (query.text, query.page, query.sort) == ("tho cam", 1, "relevance")


def test_query_tokens_drop_punctuation():
    assert query_tokens('"Thổ cẩm <script>alert(1)</script>') == ["tho", "cam", "script", "alert", "1", "script"]
    assert query_tokens("'; DROP TABLE x; --") == ["drop", "table", "x"]


# -- the product listing /san-pham/ ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_listing_shows_facets_with_counts_and_cards(client, catalogue):
    response = client.get("/san-pham/", {"group": "handicraft"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="group" value="handicraft" checked' in html
    assert "Thổ cẩm Jrai dệt tay" in html and "Chiêng Đồng Tây Nguyên" in html
    assert "Cà phê Robusta rang mộc" not in html
    assert "Thủ công mỹ nghệ" in html  # visible label of the group facet
    assert 'class="chip"' in html  # the active filter as a removable chip
    results = response.context["results"]
    assert results.total == 2
    # Counts of the group facet ignore the group filter itself.
    assert {o.value: o.count for o in results.facet("group").options}["processed-food"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "tho cam"},
        {"group": "handicraft"},
        {"level": "provincial"},
        {"year": "2024"},
        {"commune": "64001"},
        {"producer_kind": "household"},
        {"sort": "name"},
        {"sort": "level"},
        {"sort": "newest"},
        {"page": "2"},
        {"group": "xyz", "page": "abc", "year": "-1"},
        {"commune": "99999999", "level": "galactic", "producer_kind": "", "sort": "'; DROP TABLE x"},
        {"page": "999999999999"},
    ],
)
def test_listing_accepts_every_filter_and_garbage(client, catalogue, params):
    response = client.get("/san-pham/", params)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        '"tho cam',
        "thổ 'cẩm",
        "<script>alert(1)</script>",
        "1' OR '1'='1'; DROP TABLE wagtailcore_page; --",
    ],
)
@pytest.mark.parametrize("url", ["/san-pham/", "/tim-kiem/"])
def test_hostile_queries_give_a_normal_page(client, catalogue, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if "<script>" in query:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert ProductPage.objects.count() == 5


@pytest.mark.django_db
def test_zero_results_help(client, catalogue):
    html = client.get("/san-pham/", {"q": "qwertyuiop"}).content.decode()
    assert "Không tìm thấy sản phẩm phù hợp" in html
    assert "Xem toàn bộ danh mục" in html


def _grow(n):
    from tests.factories import CertificateFactory, ProducerFactory

    for i in range(n):
        producer = ProducerFactory()
        product = ProductPageFactory(title=f"Thổ cẩm mẫu {i}", producer=producer, hero_image=None)
        CertificateFactory(product=product, year=2022 + i % 3)


def _count_queries(client, url, params):
    client.get(url, params)  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{}, {"q": "tho cam"}, {"group": "handicraft", "year": "2024", "sort": "level"}, {"commune": "64001", "q": "ca"}],
)
def test_listing_query_count_is_constant(client, catalogue, params):
    product_index()
    _grow(3)
    small = _count_queries(client, "/san-pham/", params)
    _grow(30)
    large = _count_queries(client, "/san-pham/", params)
    assert small == large


@pytest.mark.django_db
def test_postgres_folds_in_the_index_with_the_simple_configuration(catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://… to run it")
    from wagtail.search.backends import get_search_backend

    assert get_search_backend().config == "simple"
    with CaptureQueriesContext(connection) as context:
        # Our backend (search/backends/wagtail_vi.py) indexes the folded words: the diacritic-free word finds it.
        found = list(get_search_backend().search("dong", ProductPage.objects.live()))
    # "Chiêng Đồng" by its title, "Dao rựa" by its producer "Cơ sở Đúc Đồng Phước Kiều" (a lesser field).
    assert [p.slug for p in found] == ["chieng-dong", "dao-rua"]
    assert any("simple" in q["sql"] for q in context.captured_queries)
    assert not ProductPage.objects.filter(Q(title__icontains="dong")).exists()  # so the folding came from the index
