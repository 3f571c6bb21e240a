"""Issue 13: no "None" in the Vietnamese admin (page search header, aging pages report, chooser search button) and
role accounts named whole ("Chào Quản trị hệ thống,", not "Chào thống,"), people by their given name ("Chào Minh,")."""

import json
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from demo.site import account_names
from tests.admin_screens import visible_text
from tests.factories import NewsPageFactory
from tests.test_admin_editing import site, submitted_article  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_account_names_split_people_but_not_roles():
    assert account_names("bientap", "Nguyễn Thị Hoa") == ("Nguyễn Thị", "Hoa")
    assert account_names("admin", "Quản trị hệ thống") == ("", "Quản trị hệ thống")


def test_the_superuser_is_named_whole(demo_accounts):
    admin = demo_accounts["admin"]
    assert admin.get_short_name() == "Quản trị hệ thống" == admin.get_full_name()


def test_submission_emails_greet_by_given_name_or_whole_role_name(site):  # noqa: F811
    mail.outbox.clear()
    submitted_article(site, title="Tin chào hỏi")
    greetings = {m.to[0]: re.search(r"Chào ([^,\n]+),", m.body).group(1) for m in mail.outbox}
    assert greetings[site["duyet"].email] == "Minh"
    assert greetings.get("admin@khuyencong.gialai.example", "Quản trị hệ thống") == "Quản trị hệ thống"
    assert "thống" not in greetings.values()


def test_page_search_header_has_no_none(admin_client):
    for number in range(3):
        NewsPageFactory(title=f"Tin số {number}")
    text = visible_text(admin_client.get(reverse("wagtailadmin_pages:search") + "?q=tin").content.decode())
    assert "None" not in text
    assert re.search(r"1–\d+ trên \d+ trang", text), text


def test_aging_pages_name_a_publisher_or_the_system(admin_client):
    by_nobody = NewsPageFactory(title="Tin do hệ thống đăng", last_published_at=timezone.now())
    PageLogEntry.objects.log_action(by_nobody, "wagtail.publish", user=None)
    text = visible_text(admin_client.get(reverse("wagtailadmin_reports:aging_pages_results")).content.decode())
    assert "Tin do hệ thống đăng" in text
    assert "None" not in text and "Hệ thống" in text


def test_chooser_search_button_is_vietnamese(admin_client):
    html = json.loads(admin_client.get(reverse("wagtailadmin_choose_page")).content)["html"]
    assert 'value="Search"' not in html and 'value="Tìm kiếm"' in html


def test_approval_dialog_names_the_page_and_dashboard_titles_look_like_links(client, site):  # noqa: F811
    article = submitted_article(site, title="Hội chợ thổ cẩm Jrai")
    client.force_login(site["duyet"])
    task_state = article.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    dialog = client.get(url).json()["html"]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", dialog, re.S).group(1)
    assert "Duyệt và xuất bản" in visible_text(heading) and "Hội chợ thổ cẩm Jrai" in visible_text(heading)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert re.search(r'<a href="' + edit_url + r'"[^>]*>\s*Hội chợ thổ cẩm Jrai', dashboard)
    assert "css/admin/dashboard.css" in dashboard
    css = (settings.BASE_DIR / "static/css/admin/dashboard.css").read_text()
    assert ".listing--dashboard .title-wrapper a" in css and "text-decoration: underline" in css
