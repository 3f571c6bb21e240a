"""Issue 16, items 1–3: support projects (đề án khuyến công) — the faceted list and its counts, folded search, the
project page (a cancelled project shows its reason), what is public (drafts and private sections never; the
staff's contact never), open data and the API, bad query strings, and constant query counts."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from programmes.choices import FundingSource, ProjectStatus
from programmes.listing import FACETS, apply_filters, parse_filters, public_projects
from programmes.models import ProjectPage
from tests.factories import (
    CommuneFactory,
    CraftVillagePageFactory,
    ProducerFactory,
    ProjectPageFactory,
    programme_content,
    project_index,
)

pytestmark = pytest.mark.django_db

PRIVATE = ("Nguyễn Văn Riêng", "0912 345 678", "0912345678")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("core.page_cache.")]


@pytest.fixture
def projects(home_page):
    """Nine live projects over three years, two contents, two communes, three funding sources and four statuses."""
    communes = [CommuneFactory(name="Ia Grai", code="21556"), CommuneFactory(name="Chư Sê", code="21557")]
    contents = [programme_content("mo-hinh-trinh-dien"), programme_content("nguon-nhan-luc-tu-van")]
    rows = [
        (2022, 0, 0, FundingSource.LOCAL, ProjectStatus.ACCEPTED),
        (2022, 1, 0, FundingSource.NATIONAL, ProjectStatus.ACCEPTED),
        (2023, 0, 1, FundingSource.LOCAL, ProjectStatus.IN_PROGRESS),
        (2023, 1, 1, FundingSource.OTHER, ProjectStatus.APPROVED),
        (2024, 0, 0, FundingSource.LOCAL, ProjectStatus.PROPOSED),
        (2024, 0, 1, FundingSource.NATIONAL, ProjectStatus.ACCEPTED),
        (2024, 1, 0, FundingSource.LOCAL, ProjectStatus.ACCEPTED),
        (2024, 1, 1, FundingSource.LOCAL, ProjectStatus.APPROVED),
    ]
    pages = [
        ProjectPageFactory(year=y, programme_content=contents[c], commune=communes[m], funding_source=f, status=s)
        for y, c, m, f, s in rows
    ]
    pages.append(ProjectPageFactory(year=2023, programme_content=contents[0], commune=communes[0], cancelled=True))
    return pages


def _facets(client, query=""):
    response = client.get("/de-an-khuyen-cong/" + query)
    assert response.status_code == 200
    return response, {f["name"]: {o["value"]: o["count"] for o in f["options"]} for f in response.context["facets"]}


FIELDS = {facet.name: facet.field for facet in FACETS}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?year=2024",
        "?year=2024&year=2022",
        "?content=mo-hinh-trinh-dien&commune=21557",
        "?status=accepted&funding=local",
        "?year=2023&status=cancelled&status=approved&funding=other&funding=local",
        "?q=may+moc&commune=21556",
    ],
)
def test_facet_counts_equal_orm_counts(client, projects, query, rf):
    """Each facet's count of each value = the ORM count of live public projects with that value among those that
    match every other filter (multi-select: a facet's own filter does not narrow its counts); the total likewise."""
    response, facets = _facets(client, query)
    filters = parse_filters(rf.get("/" + query).GET)
    base = ProjectPage.objects.live().filter(search_folded__contains="may moc") if "q=" in query else None
    base = base if base is not None else ProjectPage.objects.live()
    for facet in FACETS:
        others = apply_filters(base, filters, skip=facet.name)
        expected = {}
        for value in others.values_list(facet.field, flat=True):
            expected[str(value)] = expected.get(str(value), 0) + 1
        assert facets[facet.name] == expected, (facet.name, query)
    assert response.context["total"] == apply_filters(base, filters).count()


def test_facets_in_the_page_and_a_second_value_adds_projects(client, projects):
    response, facets = _facets(client, "?year=2024")
    assert facets["year"] == {"2022": 2, "2023": 3, "2024": 4}
    assert response.context["total"] == 4
    assert _facets(client, "?year=2024&year=2022")[0].context["total"] == 6
    html = response.content.decode()
    assert 'name="year" value="2024" checked' in html


def test_folded_search_finds_the_accented_title(client, home_page):
    wanted = ProjectPageFactory(title="Hỗ trợ máy rang cà phê cho HTX Ia Grai")
    ProjectPageFactory(title="Đào tạo nghề dệt thổ cẩm")
    for query in ("ho tro may rang ca phe", "HỖ TRỢ MÁY RANG", "Ho tro may rang ca phe", "rang ca"):
        response = client.get("/de-an-khuyen-cong/", {"q": query})
        assert [p.pk for p in response.context["page_obj"].object_list] == [wanted.pk], query
    assert client.get("/de-an-khuyen-cong/", {"q": "det tho cam"}).context["total"] == 1


@pytest.mark.parametrize(
    "query",
    [
        "?year=-1",
        "?year=99999999999999999999999999",
        "?year=abc&year=1.5e3&year=%00",
        "?year=1899&year=2101",
        "?content=khong-co&commune=99999&funding=vang&status=xoa",
        "?content=%27%3B+DROP+TABLE&commune=%3Cscript%3E",
        "?page=-3",
        "?page=99999999999999999999999",
        "?q=" + "a" * 5000,
        "?year=2022&year=2022&year=2022",
    ],
)
def test_bad_query_strings_are_ignored_never_a_500(client, projects, query):
    response = client.get("/de-an-khuyen-cong/" + query)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 200 and "q=" not in query and "2022" not in query:
        assert response.context["total"] == len(public_projects())  # every bad value dropped: the whole list
    assert client.get("/de-an-khuyen-cong/tong-quan/" + query).status_code in (200, 400, 404)


def test_unknown_facet_values_make_no_chip(client, projects):
    response = client.get("/de-an-khuyen-cong/?content=khong-co&commune=99999&status=xoa")
    assert response.context["chips"] == []
    assert response.context["filter_count"] == 0


def test_a_cancelled_project_shows_its_reason(client, home_page):
    project = ProjectPageFactory(cancelled=True, cancellation_reason="Cơ sở không bố trí được vốn đối ứng.")
    html = client.get(project.url).content.decode()
    assert "Đề án đã bị hủy" in html
    assert "Cơ sở không bố trí được vốn đối ứng." in html


def test_a_cancelled_project_needs_a_reason(home_page):
    project = ProjectPageFactory.build(status=ProjectStatus.CANCELLED, cancellation_reason="  ")
    with pytest.raises(ValidationError) as error:
        project.clean()
    assert "cancellation_reason" in error.value.message_dict
    saved = ProjectPageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectPage.objects.filter(pk=saved.pk).update(status=ProjectStatus.CANCELLED, cancellation_reason="")


@pytest.fixture
def hidden(home_page):
    """A public project, a draft never published, a published project with a newer draft, a project in a section
    behind a password, and a producer and village they all name."""
    producer = ProducerFactory(name="Hợp tác xã Công khai")
    village = CraftVillagePageFactory(title="Làng Công khai")
    public = ProjectPageFactory(title="Đề án công khai", producers=[producer], villages=[village])
    draft = ProjectPageFactory(title="Đề án bản nháp bí mật", live=False, producers=[producer], villages=[village])
    edited = ProjectPageFactory(title="Đề án đã duyệt", producers=[producer])
    edited.title = "Tiêu đề chưa duyệt"
    edited.save_revision()
    return {"producer": producer, "village": village, "public": public, "draft": draft, "edited": edited}


def _everywhere(client, hidden):
    urls = ["/de-an-khuyen-cong/", "/de-an-khuyen-cong/tong-quan/", "/du-lieu-mo/projects.csv",
            "/du-lieu-mo/projects.json", "/api/v2/pages/?type=programmes.ProjectPage&fields=*",
            f"/co-so/{hidden['producer'].slug}/", hidden["village"].url, hidden["public"].url]  # fmt: skip
    return "\n".join(client.get(url).getvalue().decode() for url in urls)


def test_drafts_and_unapproved_changes_are_never_public(client, hidden):
    everything = _everywhere(client, hidden)
    assert "Đề án công khai" in everything
    assert "Đề án đã duyệt" in everything
    assert "bí mật" not in everything
    assert "Tiêu đề chưa duyệt" not in everything
    assert client.get(hidden["draft"].url or "/de-an-khuyen-cong/de-an-ban-nhap/").status_code == 404


def test_projects_in_a_private_section_are_not_listed(client, hidden):
    PageViewRestriction.objects.create(page=hidden["public"], restriction_type="password", password="x")
    assert "Đề án công khai" not in _everywhere(client, hidden).replace(hidden["public"].url, "")


def test_the_staff_contact_is_never_public(client, hidden):
    everything = _everywhere(client, hidden)
    for private in PRIVATE:
        assert private not in everything
    data = json.loads(client.get("/du-lieu-mo/projects.json").getvalue())
    assert not {"contact_name", "contact_phone", "representative"} & set(data["fields"])
    api = json.loads(client.get("/api/v2/pages/?type=programmes.ProjectPage&fields=*").content)
    for item in api["items"]:
        assert not {"contact_name", "contact_phone"} & set(item)
        for producer in item["producers"]:
            assert "representative" not in producer and "phone" not in producer


def test_open_data_carries_amounts_and_organisations(client, hidden):
    data = json.loads(client.get("/du-lieu-mo/projects.json").getvalue())
    row = next(item for item in data["items"] if item["slug"] == hidden["public"].slug)
    assert row["support_amount"] == 100_000_000 and row["counterpart_amount"] == 50_000_000
    assert row["producer_names"] == "Hợp tác xã Công khai"
    assert row["village_names"] == "Làng Công khai"
    assert "Dữ liệu mở" in client.get("/du-lieu-mo/").content.decode()
    assert "projects.csv" in client.get("/du-lieu-mo/").content.decode()


def test_csv_cells_are_safe_against_formulas(client, home_page):
    ProjectPageFactory(title='=HYPERLINK("http://x")', summary="+cmd|' /C calc'!A0", beneficiary_group="@SUM(1)")
    text = client.get("/du-lieu-mo/projects.csv").getvalue().decode("utf-8-sig")
    assert ",=HYPERLINK" not in text and "\n=HYPERLINK" not in text
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'@SUM" in text


def test_support_received_sections_list_only_public_funded_projects(client, home_page):
    producer = ProducerFactory()
    village = CraftVillagePageFactory()
    ProjectPageFactory(
        title="Máy sấy đã nghiệm thu", producers=[producer], villages=[village], support_amount=250_000_000
    )
    ProjectPageFactory(title="Đề án chỉ mới đề xuất", producers=[producer], status=ProjectStatus.PROPOSED)
    ProjectPageFactory(title="Đề án bị hủy bỏ", producers=[producer], villages=[village], cancelled=True)
    ProjectPageFactory(title="Đề án nháp", producers=[producer], villages=[village], live=False)
    for url in (f"/co-so/{producer.slug}/", village.url):
        html = client.get(url).content.decode()
        assert "Hỗ trợ khuyến công đã nhận" in html
        assert "Máy sấy đã nghiệm thu" in html and "250.000.000" in html
        assert "chỉ mới đề xuất" not in html and "bị hủy bỏ" not in html and "Đề án nháp" not in html
    other = ProducerFactory()
    assert "Hỗ trợ khuyến công đã nhận" not in client.get(f"/co-so/{other.slug}/").content.decode()


def test_support_received_section_is_read_once_and_follows_publishing(client, home_page):
    """The section is shared data: no query for it on the next request, and a newly published project (or one
    withdrawn) shows at once."""
    village = CraftVillagePageFactory()
    ProjectPageFactory(title="Lò nung gốm cải tiến", villages=[village], support_amount=120_000_000)
    assert "Lò nung gốm cải tiến" in client.get(village.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "Lò nung gốm cải tiến" in client.get(village.url).content.decode()
    assert not [query for query in queries if "programmes_projectpage" in query["sql"]]
    project = ProjectPageFactory(title="Khung dệt thổ cẩm mới", villages=[village], support_amount=80_000_000)
    html = client.get(village.url).content.decode()
    assert "Khung dệt thổ cẩm mới" in html and "2 đề án, tổng kinh phí các đề án 200.000.000 đ" in html
    project.unpublish()
    html = client.get(village.url).content.decode()
    assert "Khung dệt thổ cẩm mới" not in html and "1 đề án, tổng kinh phí các đề án 120.000.000 đ" in html


def test_english_interface(client, hidden):
    html = client.get("/en/de-an-khuyen-cong/tong-quan/").content.decode()
    assert "Industrial promotion spending overview" in html
    assert "Support by year" in html
    listing = client.get("/en/de-an-khuyen-cong/").content.decode()
    assert "Funding source" in listing and "Accepted on completion" in listing


def _count(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(times):
    """``times`` more projects, each with two producers, a village, a photo-less page, in new communes."""
    for _ in range(times):
        commune = CommuneFactory()
        ProjectPageFactory(commune=commune, producers=[ProducerFactory(), ProducerFactory()],
                           villages=[CraftVillagePageFactory(commune=commune)])  # fmt: skip


def test_query_counts_do_not_grow_with_the_data(client, home_page):
    producer = ProducerFactory()
    village = CraftVillagePageFactory()
    first = ProjectPageFactory(producers=[producer], villages=[village])
    urls = {
        "list": "/de-an-khuyen-cong/",
        "list filtered": f"/de-an-khuyen-cong/?q=may&year=2024&status=accepted&commune={first.commune.code}",
        "dashboard": "/de-an-khuyen-cong/tong-quan/",
        "project": first.url,
        "producer": f"/co-so/{producer.slug}/",
        "open data": "/du-lieu-mo/projects.json",
        "api": "/api/v2/pages/?type=programmes.ProjectPage&fields=*",
    }
    before = {name: _count(client, url) for name, url in urls.items()}
    _grow(10)
    for _ in range(3):
        ProjectPageFactory(producers=[producer], villages=[village])
    after = {name: _count(client, url) for name, url in urls.items()}
    assert after == before
    assert project_index().get_children().count() == 14


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=99999999999999999999999", "support_amount=1e99", "producers=abc", "commune=abc",
     "order=contact_name", "fields=contact_name", "contact_name=x", "status=xx", "year=-1"],
)  # fmt: skip
def test_the_api_answers_bad_filters_with_4xx_and_never_filters_on_private_fields(client, hidden, query):
    response = client.get(f"/api/v2/pages/?type=programmes.ProjectPage&{query}")
    assert response.status_code in (200, 400)
    if "contact" in query:
        assert response.status_code == 400


def test_an_unpublished_beneficiary_producer_is_named_nowhere_public(client, home_page):
    """A producer the center unpublished (its profile answers 404) is not named by the projects that supported it:
    not on the project page, in open data or the API (a tester found it in all three)."""
    shown = ProducerFactory(name="Hợp tác xã Vẫn công khai")
    withdrawn = ProducerFactory(name="Hộ kinh doanh Đã rút")
    project = ProjectPageFactory(title="Máy rang cà phê", producers=[shown, withdrawn], support_amount=90_000_000)
    withdrawn.unpublish()
    answers = {
        "page": client.get(project.url).content.decode(),
        "csv": client.get("/du-lieu-mo/projects.csv").getvalue().decode("utf-8-sig"),
        "json": client.get("/du-lieu-mo/projects.json").getvalue().decode(),
        "api": client.get("/api/v2/pages/?type=programmes.ProjectPage&fields=*").content.decode(),
    }
    for name, text in answers.items():
        assert "Vẫn công khai" in text or "V\\u1eabn c\\u00f4ng khai" in text, name
        assert "Đã rút" not in text and "\\u0110\\u00e3 r\\u00fat" not in text, name


def test_support_received_lists_the_newest_ten_and_counts_them_all(client, home_page):
    """However many projects a beneficiary received, the section lists the ten newest; the count and the amount
    are of them all, and a link leads to the rest in the project list (the page stays the same size)."""
    village = CraftVillagePageFactory(title="Làng gốm Plei Ơi")
    for number in range(12):
        ProjectPageFactory(title=f"Lò gốm số {number:02d}", year=2010 + number, villages=[village],
                           support_amount=10_000_000)  # fmt: skip
    html = client.get(village.url).content.decode()
    assert html.count('class="project-card"') == 10
    assert "Lò gốm số 11" in html and "Lò gốm số 02" in html and "Lò gốm số 01" not in html
    assert "12 đề án, tổng kinh phí các đề án 120.000.000 đ" in html
    assert 'href="/de-an-khuyen-cong/?q=L%C3%A0ng+g%E1%BB%91m+Plei+%C6%A0i"' in html
    assert "Xem cả 12 đề án trong danh sách đề án khuyến công" in html
    listing = client.get("/de-an-khuyen-cong/?q=L%C3%A0ng+g%E1%BB%91m+Plei+%C6%A0i").content.decode()
    assert "Lò gốm số 01" in listing and "Lò gốm số 00" in listing
