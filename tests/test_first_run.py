"""The production first run: on a database with only migrations applied (no demo data), ``manage.py setup_site``
gives a working site: every URL of the URL scheme answers with an empty listing, the menu lists the sections, an
editor writes and submits a news page that a moderator publishes. Running it again changes nothing.

The test database is built by ``migrate`` (on PostgreSQL when ``DATABASE_URL`` is set, SQLite otherwise) and every
test here starts from it as ``migrate`` left it."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import SiteSettings
from core.roles import COMPETITION_MANAGERS, EDITORS, JURORS, MODERATORS, REGISTRY_STAFF, ROLES, role_group
from home.models import HomePage, StandardPage
from home.setup import SECTIONS
from news.models import NewsIndexPage, NewsPage
from news.moderation import TASK_NAME, WORKFLOW_NAME
from registry.competitions.models import Rubric
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

MENU = [
    "/san-pham/",
    "/lang-nghe/",
    "/nghe-nhan/",
    "/tin-tuc/",
    "/binh-chon/",
    "/ban-tin/",
    "/de-an-khuyen-cong/",
    "/dao-tao/",
]
# (path, expected status, text of the empty listing or None)
URLS = [
    ("/", 200, None),
    ("/san-pham/", 200, "Không tìm thấy sản phẩm phù hợp"),
    ("/nghe-nhan/", 200, "Không có nghệ nhân nào"),
    ("/lang-nghe/", 200, "Không có làng nghề nào"),
    ("/tin-tuc/", 200, "Chưa có tin bài nào"),
    ("/tin-tuc/rss/", 200, None),
    ("/ban-tin/", 200, "Chưa có bản tin nào"),
    ("/binh-chon/", 200, "Chưa có cuộc bình chọn nào"),
    ("/dao-tao/", 200, "Chưa có khóa học nào sắp diễn ra"),
    ("/cong-tac-vien/", 200, "Chưa có cộng tác viên nào trong danh bạ"),
    ("/tim-kiem/?q=x", 200, "Không có kết quả"),
    ("/du-lieu-mo/", 200, None),
    ("/de-an-khuyen-cong/", 200, "Không tìm thấy đề án phù hợp"),
    ("/de-an-khuyen-cong/tong-quan/", 200, "Chưa có số liệu."),
]
MACHINE_URLS = ["/api/v2/pages/", "/sitemap.xml", "/robots.txt"]


def setup_site(*args):
    out = io.StringIO()
    call_command("setup_site", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_site_variables(monkeypatch):
    """A developer's .env must not leak first-run defaults into these tests."""
    for name in (
        "SITE_NAME",
        "SITE_SHORT_NAME",
        "SITE_PROVINCE",
        "SITE_MAP_CENTER",
        "SITE_MAP_ZOOM",
        "SITE_MAP_BOUNDS",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site_ready():
    return setup_site()


def state():
    """Counts of everything setup_site creates."""
    return (
        Page.objects.count(),
        Site.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        sum(group.permissions.count() for group in Group.objects.all()),
        Workflow.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
        Rubric.objects.count(),
        list(Page.objects.order_by("path").values_list("path", "slug", "live", "show_in_menus")),
    )


def test_migrate_alone_leaves_no_section_pages():
    """What the README's production section fixes: after migrate, only the home page exists, groups are English."""
    assert [type(p.specific) for p in Page.objects.filter(depth=2)] == [HomePage]
    assert not Page.objects.filter(depth__gt=2).exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}


def test_setup_site_creates_the_tree_live_and_in_the_menu(site_ready, client):
    home = HomePage.objects.get()
    children = [page.specific for page in home.get_children().order_by("path")]
    assert [type(page) for page in children] == [model for model, *_ in SECTIONS]
    assert all(page.live and page.show_in_menus for page in children)
    assert [page.url for page in children] == MENU

    html = client.get("/").content.decode()
    nav = html[html.index('class="site-nav__list"') :]
    nav = nav[: nav.index("</ul>")]
    assert re.findall(r'href="([^"]+)"', nav) == MENU
    assert ">Sản phẩm<" in nav and ">Bình chọn<" in nav


def test_sections_come_first_in_the_menu_and_an_editors_order_is_kept_later(client):
    home = HomePage.objects.get()
    home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True))
    setup_site()
    assert [p.url for p in home.get_children().order_by("path")] == [*MENU, "/gioi-thieu/"]
    about = Page.objects.get(slug="gioi-thieu")
    about.move(Page.objects.get(pk=home.pk), pos="first-child")
    setup_site()
    assert [p.url for p in home.get_children().order_by("path")] == ["/gioi-thieu/", *MENU]


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_public_url_answers_with_an_empty_listing(site_ready, client, language):
    answers = {language + path: client.get(language + path) for path, _status, _empty in URLS}
    assert {url: r.status_code for url, r in answers.items()} == {language + p: s for p, s, _e in URLS}
    if not language:
        for path, _status, empty in URLS:
            assert empty is None or empty in answers[path].content.decode(), path
    for path in MACHINE_URLS:
        assert client.get(path).status_code == 200, path


def test_sitemap_lists_the_sections(site_ready, client):
    xml = sitemap_text(client)
    for path in MENU:
        assert path + "</loc>" in xml


@pytest.mark.parametrize("language", ["", "/en"])
def test_judges_portal_asks_for_a_login(site_ready, client, language):
    response = client.get(language + "/giam-khao/")
    assert response.status_code == 302 and "/giam-khao/dang-nhap/?next=" in response["Location"]
    assert client.get(response["Location"]).status_code == 200


def test_site_points_at_the_home_page_with_site_url(settings):
    settings.SITE_URL = "https://khuyencong.example.org"
    output = setup_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("khuyencong.example.org", 443, HomePage.objects.get().pk)
    assert "site khuyencong.example.org:443: updated" in output
    assert Site.objects.count() == 1


def test_groups_have_vietnamese_names_and_wagtail_groups_are_renamed(site_ready):
    names = set(Group.objects.values_list("name", flat=True))
    assert names >= {role.name for role in ROLES}
    assert not names & {"Editors", "Moderators"}
    root = Page.get_first_root_node()
    # Wagtail's initial page permissions on the root page are kept by the renamed groups.
    assert GroupPagePermission.objects.filter(group=role_group(EDITORS), page=root).exists()
    assert GroupPagePermission.objects.filter(group=role_group(MODERATORS), page=root).exists()
    assert not GroupPagePermission.objects.filter(group=role_group(EDITORS), permission__codename="publish_page")
    managers = role_group(COMPETITION_MANAGERS)
    assert managers.permissions.filter(codename="manage_competitions").exists()
    assert managers.permissions.filter(codename="access_admin").exists()
    assert role_group(REGISTRY_STAFF).permissions.filter(codename="change_certificate").exists()
    assert not role_group(JURORS).permissions.exists()


def test_moderation_workflow_is_assigned_to_the_news_index(site_ready):
    index = NewsIndexPage.objects.get()
    workflow = index.get_workflow()
    assert workflow.name == WORKFLOW_NAME and workflow.active
    task = workflow.tasks.get().specific
    assert task.name == TASK_NAME and list(task.groups.all()) == [role_group(MODERATORS)]


def test_pages_outside_news_keep_wagtails_workflow_under_a_vietnamese_name(site_ready):
    workflow = HomePage.objects.get().get_workflow()
    assert workflow.name == "Duyệt trang"
    assert [task.specific.name for task in workflow.tasks.all()] == ["Duyệt trang"]
    assert list(workflow.tasks.get().specific.groups.all()) == [role_group(MODERATORS)]
    assert not Workflow.objects.filter(name__contains="Moderators").exists()


def test_shipped_rubrics_are_there(site_ready):
    assert Rubric.objects.count() >= 2
    assert re.search(r"rubrics: \d+ found", site_ready)


def test_running_twice_changes_nothing(site_ready):
    before = state()
    output = setup_site()
    assert state() == before
    assert "created" not in output and "renamed" not in output and "updated" not in output
    assert "site settings: kept" in output


def test_site_settings_are_filled_only_when_empty(monkeypatch):
    monkeypatch.setenv("SITE_PROVINCE", "Quảng Ngãi")
    output = setup_site("--map-center", "15,12 108,80", "--bounds", "14.5 108.0 15.5 109.2", "--map-zoom", "9")
    site_settings = SiteSettings.load()
    assert site_settings.province_name == "Quảng Ngãi"
    assert float(site_settings.map_center_lat) == 15.12 and float(site_settings.map_center_lng) == 108.8
    assert float(site_settings.bounds_north) == 15.5 and site_settings.map_zoom == 9
    assert "filled province_name" in output
    # An administrator's values are never overwritten by a later run.
    setup_site("--province", "Gia Lai", "--map-center", "13.9 108.5")
    site_settings = SiteSettings.load()
    assert site_settings.province_name == "Quảng Ngãi" and float(site_settings.map_center_lat) == 15.12


def test_nothing_is_tied_to_one_province_without_options(site_ready):
    assert SiteSettings.load().province_name == ""


@pytest.mark.parametrize("args", [["--map-center", "13.9"], ["--bounds", "a b c d"], ["--map-zoom", "40"]])
def test_bad_settings_are_refused_with_a_clear_message(args):
    with pytest.raises(CommandError):
        setup_site(*args)


def article_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "authors": "Đinh Thị Mai",
            "summary": "Tóm tắt bài viết.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
            "related_product_links": inline_formset([]),
            "related_village_links": inline_formset([]),
            "related_artisan_links": inline_formset([]),
            **extra,
        }
    )


def staff(username, role):
    user = get_user_model().objects.create_user(username, password="x-pass-123", last_name="Đinh Thị", first_name="Mai")
    user.groups.add(role_group(role))
    return user


def test_an_editor_submits_and_a_moderator_publishes(site_ready, client):
    editor, moderator = staff("bientap", EDITORS), staff("duyet", MODERATORS)
    index = NewsIndexPage.objects.get()

    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    add = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    assert client.get(add).status_code == 200
    client.post(add, article_form("Hội chợ làng nghề", "hoi-cho-lang-nghe", **{"action-publish": "1"}))
    assert not NewsPage.objects.get(slug="hoi-cho-lang-nghe").live  # editors never publish
    client.post(add, article_form("Phiên chợ thổ cẩm", "phien-cho-tho-cam", **{"action-submit": "1"}))
    article = NewsPage.objects.get(slug="phien-cho-tho-cam")
    task_state = article.current_workflow_state.current_task_state
    assert not article.live and task_state.task.name == TASK_NAME
    client.logout()
    assert client.get("/tin-tuc/phien-cho-tho-cam/").status_code == 404

    client.force_login(moderator)
    assert "Phiên chợ thổ cẩm" in client.get(reverse("wagtailadmin_home")).content.decode()
    approve = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    client.logout()
    assert client.get("/tin-tuc/phien-cho-tho-cam/").status_code == 200
    assert "Phiên chợ thổ cẩm" in client.get("/tin-tuc/").content.decode()
    assert "Phiên chợ thổ cẩm" in client.get("/tin-tuc/rss/").content.decode()
