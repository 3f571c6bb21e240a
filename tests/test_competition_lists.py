"""Issue 18, item 3 (competitions side): the lists that grow with the entries of a competition — the published
results page, the juror's competition page, the managers' dashboard, decisions and audit log and the chair's
council page — draw one bounded page at a time in a constant number of queries from 1× to 10× entries; walking the
pages of the results yields every ranked entry once, in rank order; the cached ranking is never stale after an
amendment or a revocation; a juror still sees only their own sheets; bad query strings give a page, never a 500."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from registry.catalogue.choices import ProductGroup
from registry.competitions.choices import CompetitionStatus
from registry.competitions.models import ScoreSheet
from registry.competitions.services import council
from registry.competitions.services.amendments import amend_results
from registry.competitions.services.ranking import PER_PAGE, ranking, results_version
from registry.competitions.services.results import public_results
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JurorFactory,
    ProductPageFactory,
    UserFactory,
    competition_index,
    fill_sheet,
)

pytestmark = pytest.mark.django_db
DECISION = datetime.date(2026, 6, 27)
GROUPS = [ProductGroup.HANDICRAFT, ProductGroup.PROCESSED_FOOD]


def add_entries(competition, jurors, count, start=0):
    """``count`` entries alternating between two groups, scored by every juror with distinct totals (70–99)."""
    entries = []
    for i in range(start, start + count):
        entry = EntryFactory(
            competition=competition,
            product=ProductPageFactory(title=f"Sản phẩm thử {i:03d}", product_group=GROUPS[i % 2]),
        )
        first = 28 + (i * 7) % 12  # 28…39: totals spread over the pass mark and the prize bands
        for offset, juror in enumerate(jurors):
            fill_sheet(juror, entry, [first, first - offset, 8, 8])
        entries.append(entry)
    return entries


def publish(competition, entries, manager):
    competition.status = CompetitionStatus.DECIDED
    competition.save(update_fields=["status"])
    for entry in entries:
        council.decide(entry, manager, True, "1/QĐ-UBND", DECISION)
    council.issue_certificates(competition, manager)
    council.change_status(competition, CompetitionStatus.PUBLISHED, manager)
    competition.refresh_from_db()


@pytest.fixture
def world(home_page):
    competition = CompetitionFactory(
        name="Bình chọn thử", prize_bands=[{"label": "Giải A", "min": 90}, {"label": "Giải B", "min": 80}]
    )
    jurors = [
        JurorFactory(competition=competition, chair=True, user=UserFactory(first_name="Hùng", last_name="Trần Văn")),
        JurorFactory(competition=competition, user=UserFactory(first_name="Lan", last_name="Nguyễn Thị")),
    ]
    manager = UserFactory(is_superuser=True, is_staff=True)
    competition_index()
    return {"competition": competition, "jurors": jurors, "manager": manager}


def results_url(competition):
    return competition_index().url + f"{competition.slug}/ket-qua/"


def rows_of(html):
    """(rank, product title) of each row of the results table."""
    body = html.split('<table class="results-table">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td class="num rank">(\d+|–)</td>\s*<td[^>]*><a href="[^"]*">([^<]+)</a>', body)


def walk(client, url):
    """Every row of every page of ``url``, following the pagination's "next" links."""
    seen, page = [], 1
    while True:
        html = client.get(url + (f"?page={page}" if "?" not in url else f"&page={page}")).content.decode()
        rows = rows_of(html)
        assert len(rows) <= PER_PAGE
        seen += rows
        if 'rel="next"' not in html:
            return seen
        page += 1


def count(client, url, status=200):
    client.get(url)  # warm: site data, renditions, the cached ranking
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == status, url
    return len(ctx), response.content.decode()


def test_walking_the_pages_of_published_results_yields_every_ranked_entry_once_in_rank_order(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0
    competition, jurors, manager = world["competition"], world["jurors"], world["manager"]
    entries = add_entries(competition, jurors, 2 * PER_PAGE + 3)
    publish(competition, entries, manager)
    expected = [(str(r.rank), e.product.title) for e, r in public_results(competition)["rows"]]
    assert len(expected) == len(entries)
    url = results_url(competition)
    first = client.get(url).content.decode()
    assert len(rows_of(first)) == PER_PAGE and "2 sản phẩm" not in first
    assert walk(client, url) == expected
    for group in GROUPS:  # a page per group: the group's entries, in rank order
        wanted = [
            row
            for row, (e, _r) in zip(expected, public_results(competition)["rows"], strict=True)
            if e.product_group == group
        ]
        assert walk(client, f"{url}?group={group.value}") == wanted
    prize = client.get(url + "?prize=Giải+A").content.decode()
    awarded = [(str(r.rank), e.product.title) for e, r in public_results(competition)["rows"] if r.prize == "Giải A"]
    assert awarded and rows_of(prize) == awarded[:PER_PAGE]


def test_published_results_cached_until_an_amendment_which_shows_at_once(client, world):
    """With the page cache on (the default): the ranking is cached per results version; an amendment starts a new
    version and the public page shows the amended score on the next request."""
    competition, jurors, manager = world["competition"], world["jurors"], world["manager"]
    entries = add_entries(competition, jurors, 3)
    publish(competition, entries, manager)
    url = results_url(competition)
    version = results_version(competition)
    html = client.get(url).content.decode()
    top_entry, top = public_results(competition)["rows"][0]
    assert f"{top.score:.2f}".replace(".", ",") in html or f"{top.score:.2f}" in html
    assert ranking(competition) is not None
    with CaptureQueriesContext(connection) as ctx:
        ranking(competition)
    assert len(ctx) == 2  # the version only: the ranking itself comes from the cache

    sheet = ScoreSheet.objects.filter(entry=top_entry).order_by("juror_id").first()
    first = competition.rubric.top_criteria().first()
    amend_results(competition, manager, "Nhập nhầm điểm tiêu chí 1", sheet, {first.id: Decimal("10")})
    assert results_version(competition) != version
    amended = {e.pk: r for e, r in public_results(competition)["rows"]}[top_entry.pk]
    assert amended.score != top.score
    html = client.get(url).content.decode()
    shown = f"{amended.score:.2f}"
    assert shown in html or shown.replace(".", ",") in html
    assert "Nhập nhầm điểm tiêu chí 1" in html  # the amendment is listed


def test_a_revoked_certificate_starts_a_new_results_version(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0
    competition, jurors, manager = world["competition"], world["jurors"], world["manager"]
    entries = add_entries(competition, jurors, 2)
    publish(competition, entries, manager)
    url = results_url(competition)
    version = results_version(competition)
    assert "đã thu hồi" not in client.get(url).content.decode()
    entry = entries[0]
    entry.refresh_from_db()
    entry.certificate.revoke("Cơ sở ngừng sản xuất")
    assert results_version(competition) != version
    assert "đã thu hồi" in client.get(url).content.decode()


def test_bad_query_strings_give_a_page_never_an_error(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0
    competition, jurors, manager = world["competition"], world["jurors"], world["manager"]
    entries = add_entries(competition, jurors, 3)
    urls = [
        reverse("competitions:jury-competition", args=[competition.slug]),
        reverse("competitions:jury-council", args=[competition.slug]),
    ]
    client.force_login(jurors[0].user)
    for url in urls:
        for query in (
            "page=-1",
            "page=999999",
            "page=abc",
            "page=",
            "page=1e9",
            "state=zzz",
            "group=%00x",
            "state=done&page=7",
        ):
            response = client.get(f"{url}?{query}")
            assert response.status_code == 200, (url, query)
        assert "Giá trị lọc không hợp lệ" in client.get(f"{url}?state=zzz").content.decode()
    client.force_login(manager)
    for name in ("dashboard", "results", "audit"):
        url = reverse(f"competitions_admin:{name}", args=[competition.pk])
        for query in ("page=-1", "page=999999", "page=abc", "state=nope", "group=nope"):
            assert client.get(f"{url}?{query}").status_code == 200, (name, query)
    publish(competition, entries, manager)
    client.logout()
    url = results_url(competition)
    for query in ("page=-1", "page=999999", "page=abc", "group=nope", "prize=%FF", "prize=Giải+Z"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, query
        assert len(rows_of(response.content.decode())) == 3  # unknown filters are ignored, with a notice
    assert "Giá trị lọc không hợp lệ" in client.get(f"{url}?group=nope").content.decode()


def _shows_number(html, number):
    """Whether the visible text of ``html`` has ``number`` as a whole number (not inside an attribute such as the
    random CSRF token, where "91" may appear by chance)."""
    return re.search(rf"(?<![\w.,]){number}(?!\w)", strip_tags(html)) is not None


def test_a_juror_sees_only_their_own_sheets_in_the_filtered_list(client, world):
    competition, jurors = world["competition"], world["jurors"]
    chair, member = jurors
    entries = [EntryFactory(competition=competition, product=ProductPageFactory(title=f"Hồ sơ {i}")) for i in range(3)]
    fill_sheet(member, entries[0], [37, 36, 9, 9])  # 91 by the other juror only
    fill_sheet(chair, entries[1], [30, 30, 8, 8])  # 76, the chair's own
    client.force_login(chair.user)
    url = reverse("competitions:jury-competition", args=[competition.slug])
    html = client.get(url).content.decode()
    assert not _shows_number(html, "91") and "Đã nộp 1/3 phiếu" in html
    done = client.get(url + "?state=done").content.decode()
    assert entries[1].code in done and entries[0].code not in done and "76" in done
    todo = client.get(url + "?state=todo").content.decode()
    assert entries[0].code in todo and entries[2].code in todo and entries[1].code not in todo
    assert not _shows_number(todo, "91")
    assert re.search(r"Chưa nộp <span[^>]*>2</span>", html) and re.search(r"Đã nộp <span[^>]*>1</span>", html)


def test_query_counts_and_rows_per_page_constant_from_1x_to_10x(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0
    competition, jurors, manager = world["competition"], world["jurors"], world["manager"]
    chair = jurors[0]
    published = CompetitionFactory(prize_bands=[{"label": "Giải A", "min": 90}])
    published_jurors = [JurorFactory(competition=published) for _ in range(2)]

    def codes(html):
        return len(set(re.findall(r"SP-2026-\d{3}", html)))

    def measure():
        counts, sizes = {}, {}
        client.force_login(chair.user)
        for label, url in {
            "juror": reverse("competitions:jury-competition", args=[competition.slug]),
            "juror todo": reverse("competitions:jury-competition", args=[competition.slug]) + "?state=todo",
            "council": reverse("competitions:jury-council", args=[competition.slug]),
        }.items():
            counts[label], html = count(client, url)
            sizes[label] = html.count('class="jury-card"') if label.startswith("juror") else codes(html)
        client.force_login(manager)
        for name in ("dashboard", "results", "audit"):
            counts[name], html = count(client, reverse(f"competitions_admin:{name}", args=[competition.pk]))
            sizes[name] = codes(html)
        client.logout()
        counts["public results"], html = count(client, results_url(published))
        sizes["public results"] = len(rows_of(html))
        return counts, sizes

    add_entries(competition, jurors, 4)
    publish(published, add_entries(published, published_jurors, 4), manager)
    small, _sizes = measure()

    add_entries(competition, jurors, 36, start=4)
    published.status = CompetitionStatus.SCORING  # back to scoring for the test only, to add 36 recognized entries
    published.save(update_fields=["status"])
    more = add_entries(published, published_jurors, 36, start=4)
    publish(published, more, manager)
    large, sizes = measure()
    assert small == large, f"query counts 1× → 10× entries: {small} → {large}"
    assert sizes["juror"] == 20 and sizes["public results"] == PER_PAGE
    assert sizes["dashboard"] == sizes["results"] == sizes["council"] == 30
    assert sizes["audit"] <= 50
