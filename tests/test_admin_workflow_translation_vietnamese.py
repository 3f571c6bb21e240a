"""The approver's and the translator's screens in Vietnamese: one approve action that says it publishes, on every
screen; wagtail-localize's translation editor and report without the English an administrator saw."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.admin_screens import ENGLISH, ENGLISH_TIMES, admin_site, assert_vietnamese, english_found, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_accounts):
    return admin_site(demo_accounts)


def workflow_buttons(markup, attribute):
    """``[(action name, label)]`` of the workflow buttons of an admin page, in order (``attribute`` names the button's
    action: the dashboard's ``data-workflow-action-url``, the editor's ``data-workflow-action-name``)."""
    pattern = rf'<button[^>]*{attribute}="([^"]*)"[^>]*>(.*?)</button>'
    buttons = []
    for target, inner in re.findall(pattern, markup, re.S):
        name = target.rstrip("/").split("/")[-2] if "/" in target else target
        buttons.append((name, " ".join(visible_text(inner).replace("|", " ").split())))
    return buttons


def test_approval_says_it_publishes_on_every_screen(client, site):
    """The approver's "⋯" menu on the dashboard and the page editor offer the same actions, "Yêu cầu sửa" and
    "Duyệt và xuất bản" (no bare "Duyệt", no "Duyệt kèm góp ý" that publishes too), and the dialog the approve action
    opens is titled and confirmed with "Duyệt và xuất bản"."""
    client.force_login(site["duyet"])
    article = site["article"]
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    expected = {("reject", "Yêu cầu sửa"), ("approve", "Duyệt và xuất bản")}
    on_dashboard = workflow_buttons(dashboard, "data-workflow-action-url")
    in_editor = workflow_buttons(editor, "data-workflow-action-name")
    assert sorted(on_dashboard) == sorted(expected), on_dashboard
    assert sorted(in_editor) == sorted(expected), in_editor

    task_state = article.current_workflow_state.current_task_state
    for url_name in ("wagtailadmin_pages:workflow_action", "wagtailadmin_pages:collect_workflow_action_data"):
        dialog = client.get(reverse(url_name, args=(article.pk, "approve", task_state.pk))).json()["html"]
        title = visible_text(re.search(r"<h1[^>]*>(.*?)</h1>", dialog, re.S).group(1)).replace("|", " ").strip()
        button = visible_text(re.search(r'<button[^>]*type="submit"[^>]*>(.*?)</button>', dialog, re.S).group(1))
        assert title.startswith("Duyệt và xuất bản") and title.endswith(article.title), title  # names the page
        assert button.replace("|", " ").strip() == "Duyệt và xuất bản", button
        assert 'name="comment"' in dialog
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"  # opening the dialog approves and publishes nothing


# What the administrator saw in English in wagtail-localize's translation editor (Vietnamese admin, an article sent
# for translation into English).
LOCALIZE_ENGLISH = [
    "was successfully submitted",
    "Download PO file",
    "Upload translated PO file",
    "Upload PO file",
    "Edit this image",
    "Uses",
    "Publish in",
    "More actions",
    "with missing translations",
    "Translations",
    "English",
    "translation",
    "Translate",
    "Saving",
    "Stop Synced translation",
    "Convert to alias page",
    "locale",
]


def editor_props(markup):
    """The text values of the JSON props wagtail-localize's server gives its React translation editor
    (``data-props``), joined with " | " (keys and addresses left out)."""
    import html

    def values(node):
        if isinstance(node, dict):
            return [v for item in node.values() for v in values(item)]
        if isinstance(node, list):
            return [v for item in node for v in values(item)]
        return [node] if isinstance(node, str) and not node.startswith(("/", "http")) else []

    props = re.search(r'class="js-translation-editor" data-props="([^"]*)"', markup).group(1)
    return " | ".join(values(json.loads(html.unescape(props))))


def test_translation_editor_is_vietnamese(client, site):
    """Send an article for translation, open the translation editor, publish with strings missing: every message,
    the page, its React props and the editor's JavaScript catalog are Vietnamese; the Reports menu says "Bản dịch"."""
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    client.force_login(site["admin"])
    article = site["article"]
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [english.pk]}
    )
    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert f"Đã gửi dịch trang '{article.title}' sang Tiếng Anh" in shown, shown

    translated = article.get_translation(english)
    url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    markup = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    for text in (visible_text(markup), editor_props(markup)):
        found = english_found(text, [*ENGLISH, *LOCALIZE_ENGLISH])
        assert not found, f"translation editor: English on the screen: {found}"
    assert "Tiếng Anh" in editor_props(markup)

    response = client.post(url, {"action": "publish"})
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Đã xuất bản" in shown and "Tiếng Anh" in shown, shown
    assert not english_found(shown, LOCALIZE_ENGLISH), shown
    translated.specific.save_revision(user=site["admin"]).publish(user=site["admin"])
    props = editor_props(client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode())  # with its publication date
    assert re.search(r"(?<!\d)\d{2}/\d{2}/\d{4}(?!\d)", props) and not ENGLISH_TIMES.findall(props), props

    report = assert_vietnamese(client, reverse("wagtail_localize:translations_report"))
    assert "Bản dịch" in report
    assert not english_found(report, LOCALIZE_ENGLISH)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    sidebar = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', home, re.S).group(1)
    menu = json.dumps(json.loads(sidebar), ensure_ascii=False)
    assert '"Bản dịch"' in menu and '"Translations"' not in menu  # the Reports menu

    script = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog.get("Download PO file and input translations offline") == "Tải tệp PO về để dịch ngoại tuyến"
    assert catalog.get("Publish in ") + "Tiếng Anh" == "Xuất bản bản dịch Tiếng Anh"
