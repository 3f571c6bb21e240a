"""Every jury and manager URL walked as anonymous, juror A, juror B (conflicted), chair, manager and editor."""

import pytest
from django.urls import reverse

from registry.competitions.choices import CompetitionStatus, PeerVisibility
from registry.competitions.models import NoConflictStatement
from registry.competitions.services import council
from tests.factories import ConflictFactory, EntryFactory, JurorFactory, UserFactory, fill_sheet

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "juror_a", "juror_b", "chair", "manager", "editor"]


@pytest.fixture
def world(demo_accounts):
    u = demo_accounts
    entry = EntryFactory(competition__peer_visibility=PeerVisibility.AFTER_SUBMISSION)
    competition = entry.competition
    other = EntryFactory(competition=competition)
    chair = JurorFactory(competition=competition, user=u["giamkhao1"], chair=True)
    juror_a = JurorFactory(competition=competition, user=u["giamkhao2"])
    juror_b = JurorFactory(competition=competition, user=u["giamkhao3"])
    ConflictFactory(juror=juror_b, entry=entry)
    sheet_b = fill_sheet(juror_b, other, [35, 35, 9, 9])
    for juror in (chair, juror_a):  # both confirmed "no conflict" before opening the entry
        NoConflictStatement.objects.create(juror=juror, entry=entry)
    certified = EntryFactory(competition=competition)
    for juror in (chair, juror_a, juror_b):
        fill_sheet(juror, certified, [35, 35, 9, 9])
    # a certificate needs a decided competition: set the state for the fixture, then back to scoring
    competition.status = CompetitionStatus.DECIDED
    competition.save()
    council.decide(certified, u["quanly"], True, "12/QĐ-UBND", competition.scoring_deadline)
    council.issue_certificates(competition, u["quanly"])
    competition.status = CompetitionStatus.SCORING
    competition.save()
    certified.refresh_from_db()
    users = {
        "anonymous": None,
        "juror_a": u["giamkhao2"],
        "juror_b": u["giamkhao3"],
        "chair": u["giamkhao1"],
        "manager": u["quanly"],
        "editor": u["bientap"],
    }
    return {
        "competition": competition,
        "entry": entry,
        "other": other,
        "sheet_b": sheet_b,
        "certified": certified,
        "users": users,
        "jurors": {"a": juror_a, "b": juror_b, "chair": chair},
    }


def jury_urls(w):
    c, e = w["competition"], w["entry"]
    return [
        ("GET", reverse("competitions:jury-home"), [302, 200, 200, 200, 200, 403]),
        ("GET", reverse("competitions:jury-competition", args=[c.slug]), [302, 200, 200, 200, 404, 403]),
        ("GET", reverse("competitions:jury-entry", args=[c.slug, e.code]), [302, 200, 404, 200, 404, 403]),
        ("POST", reverse("competitions:jury-entry", args=[c.slug, e.code]), [302, 302, 404, 302, 404, 403]),
        ("GET", reverse("competitions:jury-council", args=[c.slug]), [302, 403, 403, 200, 404, 403]),
        ("POST", reverse("competitions:jury-reopen", args=[c.slug, w["sheet_b"].pk]), [302, 403, 403, 302, 404, 403]),
        ("GET", reverse("competitions:jury-entry", args=[c.slug, "KHONG-CO"]), [302, 404, 404, 404, 404, 403]),
        ("GET", reverse("competitions:jury-competition", args=["khong-co"]), [302, 404, 404, 404, 404, 403]),
    ]


def manager_urls(w):
    pk = w["competition"].pk
    ns = "competitions_admin:"
    deny = [302, 302, 302, 302]  # anonymous and jurors (no admin access) are sent to the login page;
    # the editor (admin access, no manage_competitions) is sent back to the admin home: see the test below
    return [
        ("GET", reverse(ns + "index"), [*deny, 200, 302]),
        ("GET", reverse(ns + "dashboard", args=[pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "results", args=[pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "audit", args=[pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "results_xlsx", args=[pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "sheets_xlsx", args=[pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "minutes_pdf", args=[pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "sheet_pdf", args=[pk, w["sheet_b"].pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "certificate_pdf", args=[pk, w["certified"].pk]), [*deny, 200, 302]),
        ("GET", reverse(ns + "certificate_pdf", args=[pk, w["entry"].pk]), [*deny, 404, 302]),
        ("GET", reverse(ns + "dashboard", args=[999999]), [*deny, 404, 302]),
        ("POST", reverse(ns + "remind", args=[pk]), [*deny, 302, 302]),
        ("POST", reverse(ns + "status", args=[pk]), [*deny, 400, 302]),  # no status given: form error
        ("POST", reverse(ns + "issue", args=[pk]), [*deny, 409, 302]),  # still scoring: refused with the reason
        ("POST", reverse(ns + "reopen", args=[pk, w["sheet_b"].pk]), [*deny, 400, 302]),  # empty reason
        ("GET", reverse("competition_records:index"), [*deny, 200, 302]),
        ("GET", reverse("competition_entries:index"), [*deny, 200, 302]),
        ("GET", reverse("competition_jurors:index"), [*deny, 200, 302]),
        ("GET", reverse("competition_rubrics:index"), [*deny, 200, 302]),
    ]


def test_every_url_as_every_role(client, world):
    failures = []
    for method, url, expected in jury_urls(world) + manager_urls(world):
        for role, status in zip(ROLES, expected, strict=True):
            client.logout()
            if world["users"][role]:
                client.force_login(world["users"][role])
            response = client.get(url) if method == "GET" else client.post(url, {"action": "save", "reason": ""})
            if response.status_code != status:
                failures.append(f"{method} {url} as {role}: {response.status_code} != {status}")
    assert not failures, "\n".join(failures)


def test_conflicted_entry_is_invisible_to_juror_b(client, world):
    client.force_login(world["users"]["juror_b"])
    page = client.get(reverse("competitions:jury-competition", args=[world["competition"].slug])).content.decode()
    assert world["other"].code in page and world["entry"].code not in page
    response = client.post(reverse("competitions:jury-conflict", args=[world["competition"].slug, world["entry"].code]))
    assert response.status_code == 404


def test_peer_scores_only_after_own_submission(client, world):
    c, other = world["competition"], world["other"]
    url = reverse("competitions:jury-entry", args=[c.slug, other.code])
    client.force_login(world["users"]["juror_a"])
    page = client.get(url).content.decode()
    assert "Điểm của giám khảo khác" not in page and str(world["jurors"]["b"]) not in page
    fill_sheet(world["jurors"]["a"], other, [20, 20, 5, 5], submit=False)
    assert "Điểm của giám khảo khác" not in client.get(url).content.decode()
    fill_sheet(world["jurors"]["a"], other, [20, 20, 5, 5], submit=True)
    page = client.get(url).content.decode()
    assert "Điểm của giám khảo khác" in page and str(world["jurors"]["b"]) in page


def test_peer_scores_never_when_competition_says_never(client, world):
    c, other = world["competition"], world["other"]
    c.peer_visibility = PeerVisibility.NEVER
    c.save()
    fill_sheet(world["jurors"]["a"], other, [20, 20, 5, 5], submit=True)
    client.force_login(world["users"]["juror_a"])
    page = client.get(reverse("competitions:jury-entry", args=[c.slug, other.code])).content.decode()
    assert "Điểm của giám khảo khác" not in page and str(world["jurors"]["b"]) not in page
    c.status = CompetitionStatus.CLOSED
    c.save()
    page = client.get(reverse("competitions:jury-entry", args=[c.slug, other.code])).content.decode()
    assert str(world["jurors"]["b"]) not in page


def test_non_juror_user_is_refused_the_portal_with_a_vietnamese_page(client, world):
    client.force_login(UserFactory())
    response = client.get(reverse("competitions:jury-home"))
    page = response.content.decode()
    assert response.status_code == 403 and "Cổng giám khảo chỉ dành cho thành viên hội đồng bình chọn." in page
    assert world["competition"].name not in page and "Bạn chưa được mời chấm" not in page


def test_editor_is_turned_away_from_manager_screens(client, world):
    client.force_login(world["users"]["editor"])
    pk = world["competition"].pk
    response = client.get(reverse("competitions_admin:dashboard", args=[pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    client.post(reverse("competitions_admin:status", args=[pk]), {"status": "closed"})
    world["competition"].refresh_from_db()
    assert world["competition"].status == CompetitionStatus.SCORING
    client.force_login(world["users"]["juror_a"])
    response = client.get(reverse("competitions_admin:dashboard", args=[pk]))
    assert response.status_code == 302 and "login" in response.url


def test_manager_bad_input_gets_4xx_or_message(client, world):
    client.force_login(world["users"]["manager"])
    pk = world["competition"].pk
    response = client.post(reverse("competitions_admin:status", args=[pk]), {"status": "nonsense"}, follow=True)
    assert "Trạng thái không hợp lệ" in response.content.decode()
    response = client.post(reverse("competitions_admin:results", args=[pk]), {"entry": "abc"})
    assert response.status_code == 409  # decisions are refused while scoring, whatever the input
    world["competition"].status = CompetitionStatus.CLOSED
    world["competition"].save()
    response = client.post(reverse("competitions_admin:results", args=[pk]), {"entry": "abc"})
    assert response.status_code == 400 and "Hồ sơ không thuộc cuộc bình chọn này" in response.content.decode()
    response = client.post(
        reverse("competitions_admin:results", args=[pk]),
        {"entry": world["certified"].pk, "recognized": "on", "decision_date": "31/02/2026"},
    )
    assert response.status_code == 400 and "Ngày quyết định không hợp lệ" in response.content.decode()
    world["competition"].status = CompetitionStatus.SCORING
    world["competition"].save()
    response = client.post(
        reverse("competitions_admin:reopen", args=[pk, world["sheet_b"].pk]), {"reason": ""}, follow=True
    )
    assert "Cần ghi lý do" in response.content.decode()


def test_peer_scores_after_closing_policy(client, world):
    c, other = world["competition"], world["other"]
    c.peer_visibility = PeerVisibility.AFTER_CLOSING
    c.save()
    fill_sheet(world["jurors"]["a"], other, [20, 20, 5, 5], submit=True)
    client.force_login(world["users"]["juror_a"])
    url = reverse("competitions:jury-entry", args=[c.slug, other.code])
    assert str(world["jurors"]["b"]) not in client.get(url).content.decode()  # submitted, but still scoring
    c.status = CompetitionStatus.CLOSED
    c.save()
    page = client.get(url).content.decode()
    assert "Điểm của giám khảo khác" in page and str(world["jurors"]["b"]) in page
