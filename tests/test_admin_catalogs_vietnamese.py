"""Every string of Wagtail's, Django's and taggit's catalogs that a Vietnamese editor or administrator may meet in the
admin has a Vietnamese translation (ours in ``locale_admin/vi`` or theirs), unless it reads the same in Vietnamese."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.admin_screens import admin_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_accounts):
    return admin_site(demo_accounts)


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
