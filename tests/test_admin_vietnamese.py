"""The admin in Vietnamese: every screen a Vietnamese editor meets (login, dashboard, page explorer, news editor
with its scheduling dialog, images, documents, snippets, reports, workflow tasks, account) and the moderation
e-mails read in Vietnamese, with none of the English strings a communications officer reported."""

import datetime
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from news.moderation import setup_moderation
from tests.admin_screens import english_found, visible_text
from tests.factories import NewsPageFactory, ProducerFactory, bulletin_index, news_index
from tests.test_news_workflow import article_form

pytestmark = pytest.mark.django_db

# What the communications officer saw in English, and what the same screens say in Wagtail's English elsewhere.
ENGLISH = [
    "Sign in",
    "Sign in to Wagtail",
    "Password",
    "Forgotten password?",
    "Remember me",
    "Page title",
    "Content",
    "Promote",
    "Save draft",
    "Save Draft",
    "More actions",
    "Images",
    "Documents",
    "Reports",
    "Help",
    "Awaiting your review",
    "Awaiting my review",
    "Your most recent edits",
    "Go live date",
    "Go-live date",
    "Expiry date",
    "Go live date/time",
    "Expiry date/time",
    "Set publishing schedule",
    "Schedule to publish",
    "Choose",
    "Choose an image",
    "Choose a page",
    "Add an image",
    "Add images",
    "Add documents",
    "Latest images",
    "Latest documents",
    "Dashboard",
    "Pages",
    "Snippets",
    "Settings",
    "Search",
    "Submit for moderation",
    "Submit to",
    "Publish",
    "Unpublish",
    "Preview",
    "Edit",
    "Delete",
    "History",
    "Status",
    "Draft",
    "Live",
    "Collection",
    "Collections",
    "Tags",
    "Title",
    "Sort by",
    "Filter",
    "Workflow",
    "Workflows",
    "Workflow tasks",
    "Task",
    "Locked pages",
    "Site history",
    "Aging pages",
    "Account",
    "Profile",
    "Notifications",
    "Log out",
    "Privacy",
    "Comments",
    "Add child page",
    "Expiry",
    "Drag and drop",
    "Or choose from your computer",
    "Maximum filesize",
    "Supported formats",
    "Alt text",
    "Upload",
    "Focal point",
    "Thực hiện",
]
# Time spans and dates a Vietnamese editor must not read: English spans ("4 days trước", "0 minutes", "4 days ago",
# "just now"), English dates ("Nov. 29, 2026") and the long Vietnamese form (dates are dd/mm/yyyy in the admin).
ENGLISH_TIMES = re.compile(
    r"(?<!\w)(?:\d+\s(?:minute|hour|day|week|month|year)s?|ago|just now"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}|tháng \d{1,2} năm \d{4}"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4})(?!\w)"
)


@pytest.fixture
def site(demo_accounts):
    index = news_index()
    setup_moderation(index, bulletin_index())
    article = NewsPageFactory(title="Hội chợ hàng thủ công 2026")
    article.save_revision(user=demo_accounts["bientap"])
    article.get_workflow().start(article, demo_accounts["bientap"])  # "Đang chờ bạn duyệt" is not empty
    image = get_image_model().objects.create(title="Ảnh hội chợ", file=get_test_image_file())
    document = get_document_model().objects.create(title="Thể lệ", file=ContentFile(b"...", name="the-le.txt"))
    return {"index": index, "article": article, "image": image, "document": document, **demo_accounts}


def screen(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200, url
    markup = response.content.decode()
    if response["Content-Type"].startswith("application/json"):  # choosers and dialogs answer {"html": ...}
        markup = json.loads(markup).get("html", "")
    return visible_text(markup)


def assert_vietnamese(client, url, allowed=()):
    text = screen(client, url)
    found = [p for p in english_found(text, ENGLISH) if p not in allowed]
    assert not found, f"{url}: English on the screen: {found}"
    times = sorted(set(ENGLISH_TIMES.findall(text)))
    assert not times, f"{url}: English times or long dates on the screen: {times}"
    return text


FOUR_DAYS_AGO = datetime.timedelta(days=4, hours=2)


@pytest.fixture
def aged(site):
    """``site`` as it looks four days later: every revision, log entry, workflow step, upload and last sign-in is
    four days old (listings then say "4 ngày trước"), except the administrator's sign-in a minute ago."""
    past = timezone.now() - FOUR_DAYS_AGO
    Revision.objects.update(created_at=past)
    PageLogEntry.objects.update(timestamp=past)
    Page.objects.update(latest_revision_created_at=past, last_published_at=past, first_published_at=past)
    TaskState.objects.update(started_at=past)
    WorkflowState.objects.update(created_at=past)
    get_image_model().objects.update(created_at=past)
    get_document_model().objects.update(created_at=past)
    site["admin"].__class__.objects.update(last_login=past)
    site["admin"].__class__.objects.filter(pk=site["admin"].pk).update(last_login=timezone.now())
    return {**site, "past": timezone.localtime(past)}


def editor_screens(site):
    index, article = site["index"], site["article"]
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk)),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[index.pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[site["image"].pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtaildocs:edit", args=[site["document"].pk]),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_account"),
    ]


def test_login_screen_is_vietnamese(client):
    assert_vietnamese(client, reverse("wagtailadmin_login"))


@pytest.mark.parametrize("who", ["bientap", "duyet"])
def test_editor_screens_are_vietnamese(client, site, who):
    client.force_login(site[who])
    for url in editor_screens(site):
        assert_vietnamese(client, url)


@pytest.mark.parametrize("who", ["bientap", "duyet"])
def test_times_and_dates_are_vietnamese(client, aged, who):
    """Dashboard ("Đang chờ bạn duyệt", "Gần đây bạn sửa"), explorer, history, page chooser, documents, images and the
    page editor say "4 ngày trước" and show dates as dd/mm/yyyy, for the editor and for the approver."""
    client.force_login(aged[who])
    index, article = aged["index"], aged["article"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtailimages:index"),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
    ]
    texts = {url: assert_vietnamese(client, url) for url in urls}
    assert "4\xa0ngày trước" in texts[reverse("wagtailadmin_home")]
    assert "4\xa0ngày trước" in texts[reverse("wagtailadmin_pages:edit", args=[article.pk])]
    assert aged["past"].strftime("%d/%m/%Y") in texts[reverse("wagtailadmin_pages:history", args=[article.pk])]


def test_admin_times_are_vietnamese(client, aged):
    """Users (last sign-in "4 ngày trước", "vừa xong") and the reports say their times in Vietnamese."""
    client.force_login(aged["admin"])
    for url in [
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
    ]:
        assert_vietnamese(client, url)


def test_admin_screens_are_vietnamese(client, site):
    client.force_login(site["admin"])
    urls = [
        reverse("wagtailsnippets_catalogue_producer:list"),
        reverse("wagtailsnippets_catalogue_producer:add"),
        reverse("wagtailsnippets_catalogue_producer:edit", args=[ProducerFactory().pk]),
        reverse("wagtailsnippets_news_newscategory:list"),
        reverse("wagtailsnippets_news_newscategory:add"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
    ]
    for url in urls:
        assert_vietnamese(client, url)


def test_success_messages_are_vietnamese(client, site):
    client.force_login(site["bientap"])
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", site["index"].pk))
    response = client.post(url, article_form("Tin mới gửi duyệt", "tin-moi", **{"action-submit": "1"}))
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Đã tạo và gửi duyệt trang" in shown, shown
    assert not english_found(shown, ["created", "submitted", "Page", "moderation"])


def test_javascript_strings_are_vietnamese(client, site):
    """Wagtail's scripts translate through the admin's JavaScript catalog (djangojs of locale_admin/vi too)."""
    client.force_login(site["bientap"])
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    for english, vietnamese in {
        "More actions": "Thao tác khác",
        "Insert a block": "Chèn một khối",
        "This field is required.": "Trường này là bắt buộc.",
        "Changes have been autosaved.": "Đã tự động lưu các thay đổi.",
    }.items():
        assert catalog.get(english) == vietnamese


# Wagtail's Python catalogs whose every string a Vietnamese editor or administrator may meet in the admin (its
# JavaScript catalog is checked through the admin's /admin/jsi18n/).
EDITOR_CATALOGS = [
    "admin/locale/en/LC_MESSAGES/django.po",
    "locale/en/LC_MESSAGES/django.po",
    "images/locale/en/LC_MESSAGES/django.po",
    "documents/locale/en/LC_MESSAGES/django.po",
    "snippets/locale/en/LC_MESSAGES/django.po",
    "users/locale/en/LC_MESSAGES/django.po",
    "contrib/settings/locale/en/LC_MESSAGES/django.po",
    "contrib/redirects/locale/en/LC_MESSAGES/django.po",
    "contrib/search_promotions/locale/en/LC_MESSAGES/django.po",
    "contrib/forms/locale/en/LC_MESSAGES/django.po",
    "contrib/table_block/locale/en/LC_MESSAGES/django.po",
    "contrib/typed_table_block/locale/en/LC_MESSAGES/django.po",
    "sites/locale/en/LC_MESSAGES/django.po",
    "embeds/locale/en/LC_MESSAGES/django.po",
]
# Django's catalogs (and taggit's) behind the admin: time spans ("4 ngày trước"), validation messages, the CSRF page,
# password forms. Django's own vi catalog lacks many of them (some only under an old msgid).
DJANGO_CATALOGS = [
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/humanize/locale/en/LC_MESSAGES/django.po",
    "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    "django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "django/contrib/sites/locale/en/LC_MESSAGES/django.po",
    "django/contrib/redirects/locale/en/LC_MESSAGES/django.po",
    "taggit/locale/en/LC_MESSAGES/django.po",
    "wagtail_localize/locale/en/LC_MESSAGES/django.po",
]
# Strings that read the same in Vietnamese (names, codes, formats).
SAME_IN_VIETNAMESE = {
    "…",
    ":",
    ":?.!",
    ", ",
    "IPv4",
    "IPv6",
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
    "%(truncated_text)s…",
    "%(size)d byte",
    "%(status_display)s %(task_name)s %(started_at)s",
    "%(related_model_name)s %(field_label)s",
    "%(field_label)s:",
    "Email",
    "URL",
    "Wagtail API v2",
    "Wagtail API v3",
}


def untranslated(path):
    """The msgids of Wagtail's English catalog ``path`` that the active (Vietnamese) catalogs leave in English."""
    from babel.messages.pofile import read_po
    from django.utils.translation import gettext, ngettext, npgettext, pgettext

    catalog = read_po(path.open("rb"))
    left = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            text = npgettext(message.context, singular, plural, 2) if message.context else ngettext(singular, plural, 2)
            if text in (singular, plural) and singular not in SAME_IN_VIETNAMESE:
                left.append(singular)
        else:
            text = pgettext(message.context, message.id) if message.context else gettext(message.id)
            if text == message.id and message.id not in SAME_IN_VIETNAMESE:
                left.append(message.id)
    return left


def test_every_wagtail_admin_string_has_vietnamese(client, site):
    """A Wagtail or Django upgrade that adds strings fails here until locale_admin/vi/LC_MESSAGES/*.po translates
    them."""
    from pathlib import Path

    import wagtail
    from babel.messages.pofile import read_po
    from django.utils import translation

    root = Path(wagtail.__file__).parent
    translation.activate("vi")
    left = {path: untranslated(root / path) for path in EDITOR_CATALOGS}
    left.update({path: untranslated(root.parent / path) for path in DJANGO_CATALOGS})
    assert {path: ids for path, ids in left.items() if ids} == {}

    client.force_login(site["bientap"])
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    js = read_po((root / "admin/locale/en/LC_MESSAGES/djangojs.po").open("rb"))
    js_ids = [m.id if isinstance(m.id, str) else m.id[0] for m in js if m.id]
    assert [i for i in js_ids if i not in catalog and i not in SAME_IN_VIETNAMESE] == []

    # wagtail-localize's translation editor reads its own catalog (locale_admin's djangojs.po is merged into it).
    script = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    js = read_po((root.parent / "wagtail_localize/locale/en/LC_MESSAGES/djangojs.po").open("rb"))
    assert [m.id for m in js if m.id and catalog.get(m.id, m.id) == m.id] == []


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
