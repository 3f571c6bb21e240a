"""Site search /tim-kiem/ across products, producers, artisans, villages and news; the zero-results page;
the search box's suggestions /tim-kiem/goi-y/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArtisanPageFactory, CraftVillagePageFactory
from tests.search_data import build_catalogue


@pytest.fixture
def site_data(home_page):
    products = build_catalogue()
    ArtisanPageFactory(
        title="Rơ Châm H'Nhí", slug="ro-cham-hnhi", trade="Dệt thổ cẩm", summary="Nghệ nhân dệt thổ cẩm."
    )
    CraftVillagePageFactory(title="Làng dệt thổ cẩm Phung", slug="lang-phung", main_trade="Dệt thổ cẩm")
    return products


def _news(**kwargs):
    from tests.factories import NewsPageFactory

    return NewsPageFactory(**kwargs)


@pytest.mark.django_db
def test_site_search_finds_every_type_with_its_label_and_highlight(client, site_data):
    _news(title="Hội chợ thổ cẩm Tây Nguyên", slug="hoi-cho-tho-cam", summary="Các cơ sở dệt đồng bào Jrai.")
    response = client.get("/tim-kiem/", {"q": "tho cam"})
    assert response.status_code == 200
    hits = list(response.context["page_obj"])
    by_type = {hit.type_code: hit for hit in hits}
    assert {"productpage", "artisanpage", "craftvillagepage", "newspage"} <= set(by_type)
    assert str(by_type["productpage"].title) == "<mark>Thổ</mark> <mark>cẩm</mark> Jrai dệt tay"
    html = response.content.decode()
    assert "sản phẩm" in html and "nghệ nhân" in html and "làng nghề" in html
    assert "<mark>Thổ</mark> <mark>cẩm</mark>" in html


@pytest.mark.django_db
def test_news_is_found_without_diacritics_on_every_engine(client, site_data):
    article = _news(title="Đồng bào Bahnar học nghề rèn", slug="dong-bao-bahnar", summary="Lớp học nghề.")
    hits = list(client.get("/tim-kiem/", {"q": "dong bao bahnar"}).context["page_obj"])
    assert [hit.url for hit in hits] == [article.url]


@pytest.mark.django_db
def test_site_search_finds_producers(client, site_data):
    hits = list(client.get("/tim-kiem/", {"q": "ong vang"}).context["page_obj"])
    assert hits[0].type_code == "producer"
    assert hits[0].url == "/co-so/ho-ong-vang/"
    assert "Ong</mark> <mark>Vàng" in str(hits[0].title)


@pytest.mark.django_db
def test_site_search_paginates(client, site_data):
    from tests.factories import ProductPageFactory

    for i in range(12):
        ProductPageFactory(title=f"Gạo nếp Ia Pa {i}", slug=f"gao-nep-{i}")
    first = client.get("/tim-kiem/", {"q": "gao nep"})
    assert first.context["page_obj"].paginator.count == 12
    assert 'href="?q=gao+nep&amp;page=2"' in first.content.decode()
    second = client.get("/tim-kiem/", {"q": "gao nep", "page": "2"})
    assert len(second.context["page_obj"].object_list) == 2
    assert client.get("/tim-kiem/", {"q": "gao nep", "page": "abc"}).status_code == 200
    assert client.get("/tim-kiem/", {"q": "gao nep", "page": "99999"}).context["page_obj"].number == 2


@pytest.mark.django_db
def test_zero_results_page_helps(client, site_data):
    product_index_url = "/san-pham/"
    response = client.get("/tim-kiem/", {"q": "xyzzyq"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không có kết quả" in html
    assert "Kiểm tra chính tả" in html
    assert f'href="{product_index_url}?group=handicraft"' in html
    assert "Thổ cẩm Jrai dệt tay" in html  # the product recognised at the highest level is offered


@pytest.mark.django_db
def test_spelling_suggestion_on_postgresql(client, site_data):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (pg_trgm): set DATABASE_URL=postgres://… to run it")
    html = client.get("/tim-kiem/", {"q": "chieng dnog"}).content.decode()
    assert "Có phải bạn muốn tìm:" in html
    assert "Chiêng Đồng Tây Nguyên" in html


@pytest.mark.django_db
def test_empty_query_shows_the_form(client, site_data):
    response = client.get("/tim-kiem/")
    assert response.status_code == 200
    assert 'id="search-page-q"' in response.content.decode()


@pytest.mark.django_db
def test_autocomplete_json(client, site_data):
    data = client.get("/tim-kiem/goi-y/", {"q": "tho c"}).json()
    assert data["query"] == "tho c"
    titles = [item["title"] for item in data["results"]]
    assert "Thổ cẩm Jrai dệt tay" in titles
    first = next(item for item in data["results"] if item["title"] == "Thổ cẩm Jrai dệt tay")
    assert first == {"title": "Thổ cẩm Jrai dệt tay", "url": "/san-pham/tho-cam-jrai/", "type": "sản phẩm"}
    producers = client.get("/tim-kiem/goi-y/", {"q": "Đúc Đồ"}).json()["results"]
    assert {
        "title": "Cơ sở Đúc Đồng Phước Kiều",
        "url": "/co-so/co-so-duc-dong/",
        "type": "cơ sở sản xuất",
    } in producers
    assert len(client.get("/tim-kiem/goi-y/", {"q": "a"}).json()["results"]) == 0
    assert len(data["results"]) <= 8


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["x" * 10_000, '"', "<script>", "' OR 1=1 --", "%", "_"])
def test_autocomplete_survives_garbage(client, site_data, query):
    response = client.get("/tim-kiem/goi-y/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.django_db
def test_search_pages_answer_get_only(client, site_data):
    assert client.post("/tim-kiem/", {"q": "x"}).status_code == 405
    assert client.post("/tim-kiem/goi-y/", {"q": "x"}).status_code == 405


@pytest.mark.django_db
def test_site_search_query_count_does_not_grow_with_data(client, site_data):
    from tests.factories import ProductPageFactory

    def count():
        client.get("/tim-kiem/", {"q": "tho cam"})
        with CaptureQueriesContext(connection) as context:
            client.get("/tim-kiem/", {"q": "tho cam"})
        return len(context.captured_queries)

    small = count()  # its first page mixes products, artisans and villages: one query per type on the page
    for i in range(15):
        ProductPageFactory(title=f"Thổ cẩm mẫu {i}", slug=f"tho-cam-mau-{i}")
    # Bounded by the number of page types on one page, never by the number of records.
    assert count() <= small
