"""Issue 13: a translation keeps its message's placeholders. "1–15 trên 15 None" was a missing value; a msgstr that
names a placeholder its msgid does not give (or misspells one) shows "None" or breaks the page, one that drops a
placeholder hides a value. Every entry of the Vietnamese admin catalogues (``locale_admin/vi``) and of every app's
English catalogue (``locale/en``) uses exactly the ``%(name)s`` / ``%s`` / ``{name}`` placeholders of its msgid,
except the reviewed omissions in ``DROPPED``."""

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

PLACEHOLDER = re.compile(r"%%|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifgeExXr]|%[-#0 +]*\d*(?:\.\d+)?[sdifgeExXr]|\{\w*\}")

# msgid → why its translation leaves a placeholder out (the label says what the button does; the name is elsewhere).
DROPPED = {
    "Submit to %(workflow_name)s": "the button reads 'Gửi duyệt'; the workflow's name is shown in the side panel",
    "Resubmit to %(task_name)s": "the button reads 'Gửi duyệt lại'; the task's name is shown in the side panel",
    # Wagtail's plural adds a child-page count its singular lacks, and it is rendered where there are none ("0 more").
    "This will also delete %(descendant_count)s more child pages. Deleting this page will also delete "
    "%(translation_count)s translations of this page.": "Wagtail gives 0 there; the child pages are counted above",
}

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(ROOT.glob("locale_admin/vi/LC_MESSAGES/*.po")) + sorted(
    path for path in ROOT.glob("**/locale/en/LC_MESSAGES/*.po") if ".venv" not in path.parts
)


def placeholders(text):
    return Counter(match for match in PLACEHOLDER.findall(text) if match != "%%")


def mismatches(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            singular, plural = (placeholders(text) for text in message.id)
            forms = [form for form in message.string if form]
            for index, form in enumerate(forms):
                got = placeholders(form)
                last_differs = index == len(forms) - 1 and got != plural and message.id[1] not in DROPPED
                if last_differs or not set(got) <= set(singular) | set(plural):
                    found.append((message.id[1], form))
        elif message.string:
            got, wanted = placeholders(message.string), placeholders(message.id)
            if got != wanted and not (message.id in DROPPED and set(got) < set(wanted)):
                found.append((message.id, message.string))
    return found


def test_catalogues_are_found():
    assert any("locale_admin" in str(path) for path in CATALOGUES)
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_translations_keep_the_placeholders_of_their_message(path):
    assert mismatches(path) == []


def test_the_check_catches_a_wrong_placeholder(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(start)s of %(model_name)s"\nmsgstr "%(start)s trên %(model)s"\n\n'
        'msgid "{count} pages"\nmsgstr "{count} trang"\n\n'
        'msgid "100%% of %s"\nmsgstr "100%% của"\n',
        encoding="utf-8",
    )
    assert mismatches(po) == [("%(start)s of %(model_name)s", "%(start)s trên %(model)s"), ("100%% of %s", "100%% của")]
