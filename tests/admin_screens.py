"""Helpers for the Vietnamese-admin tests: the admin screens an editor meets, the English a Vietnamese editor must not
read on them, and the text a user reads on a screen."""

import html
import json
import re

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from news.moderation import setup_moderation
from tests.factories import NewsPageFactory, bulletin_index, news_index

# Text a user reads or hears: element text, and the attributes shown as tooltips, placeholders or read aloud.
_SKIP_BLOCKS = re.compile(r"<(script|style|svg|select)\b[^>]*>.*?</\1>", re.S | re.I)
_ATTRS = re.compile(r'\s(?:title|placeholder|aria-label|alt|data-w-tooltip-content-value)="([^"]*)"', re.I)
_TAGS = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def visible_text(markup):
    """The visible text and the read-aloud attributes of an HTML page, one string (tags removed, entities decoded)."""
    attrs = " | ".join(_ATTRS.findall(markup))
    body = _TAGS.sub(" | ", _SKIP_BLOCKS.sub(" ", markup))
    return html.unescape(body + " | " + attrs)


def english_found(text, phrases):
    """The phrases of ``phrases`` that occur in ``text`` as whole words (case-sensitive)."""
    return sorted({p for p in phrases if re.search(r"(?<![\w])" + re.escape(p) + r"(?![\w])", text)})


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


def admin_site(demo_accounts):
    """What the Vietnamese-admin tests look at: the news index under moderation, an article waiting for review, an
    image and a document, with the demo accounts (``bientap``, ``duyet``, ``admin``…)."""
    index = news_index()
    setup_moderation(index, bulletin_index())
    article = NewsPageFactory(title="Hội chợ hàng thủ công 2026")
    article.save_revision(user=demo_accounts["bientap"])
    article.get_workflow().start(article, demo_accounts["bientap"])  # "Đang chờ bạn duyệt" is not empty
    image = get_image_model().objects.create(title="Ảnh hội chợ", file=get_test_image_file())
    document = get_document_model().objects.create(title="Thể lệ", file=ContentFile(b"...", name="the-le.txt"))
    return {"index": index, "article": article, "image": image, "document": document, **demo_accounts}


def screen(client, url):
    """The visible text of the admin screen at ``url`` (asked in Vietnamese; a chooser's JSON answer unwrapped)."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200, url
    markup = response.content.decode()
    if response["Content-Type"].startswith("application/json"):  # choosers and dialogs answer {"html": ...}
        markup = json.loads(markup).get("html", "")
    return visible_text(markup)


def assert_vietnamese(client, url, allowed=()):
    """Assert that the screen at ``url`` shows none of ``ENGLISH`` (except ``allowed``) and no English time span or
    long date; return its visible text."""
    text = screen(client, url)
    found = [p for p in english_found(text, ENGLISH) if p not in allowed]
    assert not found, f"{url}: English on the screen: {found}"
    times = sorted(set(ENGLISH_TIMES.findall(text)))
    assert not times, f"{url}: English times or long dates on the screen: {times}"
    return text
