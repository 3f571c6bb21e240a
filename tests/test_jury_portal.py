"""The judges' portal: scoring form without JavaScript, submit with confirmation, locked sheets, conflicts,
blind identity, and query counts at 1× and 10× entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.competitions.choices import SheetStatus
from registry.competitions.models import AuditEntry, Conflict, NoConflictStatement, ScoreSheet
from tests.factories import EntryFactory, JurorFactory, ProducerFactory, ProductPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(home_page):
    entry = EntryFactory(product__producer=ProducerFactory(name="Hợp tác xã Dệt thổ cẩm Ia Mơ Nông"))
    juror = JurorFactory(competition=entry.competition)
    NoConflictStatement.objects.create(juror=juror, entry=entry)  # confirmed before opening (see test_lifecycle)
    return juror, entry


def form_data(entry, values, action="save", confirm=False, comment=""):
    criteria = list(entry.competition.rubric.top_criteria())
    data = {"action": action, "comment": comment}
    for c, v in zip(criteria, values, strict=True):
        data[f"score_{c.id}"] = v
        data[f"note_{c.id}"] = f"ghi chú {c.code}"
    if confirm:
        data["confirm"] = "on"
    return data


def test_save_recompute_submit_and_lock(client, seat):
    juror, entry = seat
    client.force_login(juror.user)
    url = reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])
    page = client.get(url).content.decode()
    # blind by default: neither the catalogue title nor the producer (tests/test_dossiers.py has the full rule)
    assert entry.product.title not in page and "Hợp tác xã Dệt thổ cẩm" not in page
    assert 'inputmode="decimal"' in page and 'data-max="40.0"' in page

    # without JavaScript: "Tính tổng" recomputes on the server without saving
    response = client.post(url, form_data(entry, ["30", "32.5", "8", "7"], action="recalc"))
    assert response.status_code == 200 and "77,5" in response.content.decode()
    assert not ScoreSheet.objects.filter(juror=juror).exists()

    response = client.post(url, form_data(entry, ["30", "32.5", "8", ""]), follow=True)
    assert "Đã lưu nháp" in response.content.decode()
    sheet = ScoreSheet.objects.get(juror=juror, entry=entry)
    assert sheet.status == SheetStatus.DRAFT and sheet.total() is None

    response = client.post(url, form_data(entry, ["30", "32.5", "8", "7"], action="submit"))
    assert response.status_code == 400 and "xác nhận" in response.content.decode()

    response = client.post(url, form_data(entry, ["30", "32.5", "8", "7"], action="submit", confirm=True), follow=True)
    page = response.content.decode()
    assert "Đã nộp phiếu chấm" in page and "77,5" in page and "disabled" in page
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED and sheet.total() == 77.5

    response = client.post(url, form_data(entry, ["40", "40", "10", "10"]))
    assert response.status_code == 409 and "không thể sửa" in response.content.decode()
    assert ScoreSheet.objects.get(pk=sheet.pk).total() == 77.5
    assert list(AuditEntry.objects.filter(sheet=sheet).values_list("action", flat=True).order_by("id")) == [
        "save",
        "submit",
    ]


def test_bad_input_is_refused_with_messages(client, seat):
    juror, entry = seat
    client.force_login(juror.user)
    url = reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])
    response = client.post(url, form_data(entry, ["41", "abc", "-1", "7.3"]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Điểm phải là bội số của 0,5, từ 0 đến 40." in page and "Hãy nhập một số" in page
    assert not ScoreSheet.objects.filter(juror=juror).exists()


def test_open_identity_shows_producer(client, seat):
    juror, entry = seat
    entry.competition.blind = False
    entry.competition.save()
    client.force_login(juror.user)
    page = client.get(reverse("competitions:jury-entry", args=[entry.competition.slug, entry.code])).content.decode()
    assert "Hợp tác xã Dệt thổ cẩm Ia Mơ Nông" in page


def test_conflict_button_removes_the_entry(client, seat):
    juror, entry = seat
    client.force_login(juror.user)
    slug = entry.competition.slug
    client.post(reverse("competitions:jury-entry", args=[slug, entry.code]), form_data(entry, ["1", "", "", ""]))
    response = client.post(
        reverse("competitions:jury-conflict", args=[slug, entry.code]), {"reason": "Em ruột"}, follow=True
    )
    assert "xung đột lợi ích" in response.content.decode()
    assert Conflict.objects.filter(juror=juror, entry=entry).exists()
    assert not ScoreSheet.objects.filter(juror=juror, entry=entry).exists()
    assert client.get(reverse("competitions:jury-entry", args=[slug, entry.code])).status_code == 404
    assert entry.code not in client.get(reverse("competitions:jury-competition", args=[slug])).content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_portal_query_counts_constant(client, seat):
    from tests.factories import fill_sheet

    juror, entry = seat
    competition = entry.competition
    client.force_login(juror.user)
    fill_sheet(juror, entry, [30, 30, 8, 8])
    urls = [
        reverse("competitions:jury-home"),
        reverse("competitions:jury-competition", args=[competition.slug]),
        reverse("competitions:jury-entry", args=[competition.slug, entry.code]),
    ]
    for u in urls:  # warm caches (site root paths, settings)
        client.get(u)
    before = [count_queries(client, u) for u in urls]
    for _ in range(9):
        extra = EntryFactory(competition=competition, product=ProductPageFactory())
        fill_sheet(juror, extra, [20, 20, 5, 5])
    client.get(urls[0])  # the first request after a public write reads the shared data again (core/shared_data.py)
    after = [count_queries(client, u) for u in urls]
    assert before == after
