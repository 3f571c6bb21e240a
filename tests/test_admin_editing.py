"""Editing in the admin as a Vietnamese editor: the workflow buttons say what happens ("Gửi duyệt", "Duyệt và xuất
bản", "Yêu cầu sửa"), approving asks for confirmation, the dashboard has shortcuts by permission, dates are typed and
shown as 29/11/2026, many-to-many fields are checkbox lists, and the moderation e-mails are in Vietnamese."""

import datetime
import re

import pytest
from django.core import mail
from django.forms import ModelMultipleChoiceField
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from news.models import NewsPage
from news.moderation import FORMER_WORKFLOW_NAMES, WORKFLOW_NAME, setup_moderation
from tests.admin_screens import english_found, visible_text
from tests.factories import NewsPageFactory, bulletin_index, news_index, product_index, village_index
from tests.test_news_workflow import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_accounts):
    index = news_index()
    setup_moderation(index, bulletin_index())
    return {"index": index, "products": product_index(), "villages": village_index(), **demo_accounts}


def submitted_article(site, title="Tin gửi duyệt"):
    """An article the editor has submitted to the news workflow (the moderators got the notification e-mail)."""
    article = NewsPageFactory(title=title, live=False)
    article.save_revision(user=site["bientap"])
    article.get_workflow().start(article, site["bientap"])
    return article


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_editor_submits_with_gui_duyet(client, site):
    client.force_login(site["bientap"])
    text = visible_text(page(client, reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk))))
    assert "Gửi duyệt" in text
    assert "Thực hiện" not in text and "Duyệt tin" not in text.split("Gửi duyệt", 1)[1][:20]


def test_approver_buttons_say_what_happens_and_ask_for_confirmation(client, site):
    article = submitted_article(site)
    client.force_login(site["duyet"])
    markup = page(client, reverse("wagtailadmin_pages:edit", args=[article.pk]))
    text = visible_text(markup)
    assert "Duyệt và xuất bản" in text and "Yêu cầu sửa" in text
    assert not english_found(text, ["Approve", "Request changes", "and Publish", "Thực hiện"])
    approve = re.search(r'<button[^>]*data-workflow-action-name="approve"[^>]*>', markup).group(0)
    assert "data-workflow-action-modal-url" in approve  # a dialog, not a direct POST

    dashboard = page(client, reverse("wagtailadmin_home"))
    approve_buttons = re.findall(r'<button data-workflow-action-url="[^"]*/approve/[^"]*"[^>]*>', dashboard)
    assert approve_buttons and all("data-launch-modal" in button for button in approve_buttons)

    # The dialog itself: Vietnamese, with the comment field and the confirming button.
    task_state = article.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    dialog = client.get(url).json()["html"]
    assert "Duyệt" in visible_text(dialog) and 'name="comment"' in dialog
    assert not english_found(visible_text(dialog), ["Approve", "Comment", "Cancel"])


def test_setup_names_wagtails_roots_in_vietnamese(site):
    from wagtail.models import Collection, Page

    from home.setup import rename_wagtail_roots

    rename_wagtail_roots(write=lambda *_: None)
    assert Page.objects.get(depth=1).title == "Gốc"
    assert Collection.objects.get(depth=1).name == "Thư mục chung"


def test_setup_renames_the_former_workflow(site):
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name=FORMER_WORKFLOW_NAMES[0])
    setup_moderation(site["index"], bulletin_index())
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert not Workflow.objects.filter(name__in=FORMER_WORKFLOW_NAMES).exists()


def test_notification_email_to_the_approver_is_vietnamese(site):
    mail.outbox.clear()
    submitted_article(site, title="Tin có ảnh")
    to_approver = [m for m in mail.outbox if site["duyet"].email in m.to]
    assert to_approver, [m.to for m in mail.outbox]
    message = to_approver[0]
    text = message.subject + "\n" + message.body
    assert "Tin có ảnh" in text and "gửi duyệt" in text
    english = ["has been submitted", "You can preview", "You can edit", "Edit your notification preferences", "Hello"]
    assert not english_found(text, english), text


@pytest.mark.parametrize(
    ("action", "said"), [("approve", "đã được duyệt"), ("reject", "bị yêu cầu sửa")], ids=["approved", "changes"]
)
def test_notification_email_to_the_editor_is_vietnamese(client, site, action, said):
    article = submitted_article(site, title="Tin chờ kết quả")
    task_state = article.current_workflow_state.current_task_state
    mail.outbox.clear()
    client.force_login(site["duyet"])
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))
    client.post(url, {"comment": "Sửa lại tiêu đề."})
    to_editor = [m for m in mail.outbox if site["bientap"].email in m.to]
    assert to_editor, [m.to for m in mail.outbox]
    text = to_editor[0].subject + "\n" + to_editor[0].body
    assert "Tin chờ kết quả" in text and said in text, text
    english = ["has been approved", "has been rejected", "You can view", "You can edit", "comment was left", "Hello"]
    assert not english_found(text, english), text


def shortcut_labels(client):
    markup = page(client, reverse("wagtailadmin_home"))
    return {
        re.sub(r"\s+", " ", visible_text(m)).strip(" |")
        for m in re.findall(r"<a [^>]*data-shortcut>.*?</a>", markup, re.S)
    }


def test_dashboard_shortcuts_follow_permissions(client, site):
    client.force_login(site["bientap"])
    editor = shortcut_labels(client)
    assert "Viết tin mới" in editor and "Nhập dữ liệu" not in editor
    markup = page(client, reverse("wagtailadmin_home"))
    add_news = reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk))
    assert f'href="{add_news}"' in markup

    client.force_login(site["admin"])
    assert {"Viết tin mới", "Thêm sản phẩm", "Tải ảnh lên", "Nhập dữ liệu"} <= shortcut_labels(client)

    client.force_login(site["giamkhao1"])  # a juror: no admin shortcut at all
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code != 200 or "data-shortcut" not in response.content.decode()


def test_dates_are_day_first_and_round_trip(client, site):
    client.force_login(site["bientap"])
    article = NewsPageFactory(title="Tin ngày", date=datetime.date(2026, 11, 29))
    markup = page(client, reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert re.search(r'name="date"[^>]*value="29/11/2026"', markup)
    assert '"format": "d/m/Y"' in markup or "d/m/Y" in markup

    for language in ("vi", "en"):
        profile = UserProfile.get_for_user(site["bientap"])
        profile.preferred_language = language
        profile.save()

        slug = f"tin-ngay-{language}"
        client.post(
            reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk)),
            article_form("Tin ngày 5 tháng 11", slug, date="05/11/2026"),
        )
        assert NewsPage.objects.get(slug=slug).date == datetime.date(2026, 11, 5), language


def test_many_to_many_fields_are_checkbox_lists(client, site):
    from tests.admin_forms import editor_forms

    multiple = {}
    for model, form_class in editor_forms():
        for name, field in form_class.base_fields.items():
            if isinstance(field, ModelMultipleChoiceField):
                multiple[f"{model.__name__}.{name}"] = type(field.widget).__name__
    assert {"NewsPage.programme_contents", "ProductPage.artisans", "CraftVillagePage.trade_groups"} <= set(multiple)
    assert {key: widget for key, widget in multiple.items() if widget != "CheckboxSelectMultiple"} == {}

    client.force_login(site["admin"])
    markup = page(client, reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk)))
    assert not re.search(r"<select[^>]*\bmultiple\b", markup)


# Fields whose help is given by the screen around them: the scheduling dialog says what go-live and expiry do.
HELP_EXEMPT = {"go_live_at", "expire_at"}


def test_every_field_an_editor_fills_has_help_text():
    from core.admin_help import field_panels
    from tests.admin_forms import project_models

    missing = []
    for model, handler in project_models():
        for panel in field_panels(handler):
            db_field = getattr(panel, "db_field", None)
            help_text = str(panel.help_text or getattr(db_field, "help_text", "") or "")
            if not help_text and panel.field_name not in HELP_EXEMPT:
                missing.append(f"{model.__name__}: {panel.model.__name__}.{panel.field_name}")
    assert missing == []


def test_help_text_is_shown_in_the_editor(client, site):
    client.force_login(site["bientap"])
    text = visible_text(page(client, reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk))))
    assert "Chú thích ngắn hiện dưới ảnh đại diện" in text and "Nội dung bài: đoạn văn" in text
