"""A translation is public only once published: starting one (wagtail-localize's "Dịch") makes an English draft, and
an editor who cannot publish sends the translation for approval from the translation editor ("Gửi duyệt bản dịch")
through the page's moderation workflow; the approver's approval publishes it."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from news.moderation import setup_moderation
from tests.factories import NewsPageFactory, bulletin_index, news_index
from tests.sitemaps import sitemap_text
from tests.translating import translate

pytestmark = pytest.mark.django_db

NOTICE = "This page has not been translated into English yet"


@pytest.fixture
def article(demo_accounts):
    index = news_index()
    setup_moderation(index, bulletin_index())
    translate(index, title="News", intro="Industrial promotion news.")
    return NewsPageFactory(title="Ứng dụng chuyển đổi số", slug="chuyen-doi-so", summary="Làng nghề số hoá.")


def start_translation(client, user, page):
    client.force_login(user)
    english = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [english.pk]}
    )
    assert response.status_code == 302
    return Page.objects.get(translation_key=page.translation_key, locale=english).specific


def assert_untranslated(client, url):
    html = client.get(url).content.decode()
    assert NOTICE in html
    assert re.search(r'<h1 [^>]*lang="vi"', html)  # the content is marked, not <main> (its interface is English)
    assert '<link rel="alternate" hreflang="en"' not in html
    assert url not in sitemap_text(client)


def test_starting_a_translation_makes_a_draft_not_a_public_english_page(client, article, demo_accounts):
    url = "/en/tin-tuc/chuyen-doi-so/"
    assert_untranslated(client, url)
    english = start_translation(client, demo_accounts["bientap"], article)
    assert not english.live and english.has_unpublished_changes
    client.logout()
    assert_untranslated(client, url)


def test_editor_sends_the_translation_for_approval_and_the_approver_publishes_it(client, article, demo_accounts):
    english = start_translation(client, demo_accounts["bientap"], article)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])

    # The editor's translation editor: a "Gửi duyệt bản dịch" form, and no "convert to alias" (it discards the work).
    html = client.get(edit_url).content.decode()
    assert 'name="localize-submit-for-moderation"' in html
    props = json.loads(
        re.search(r'class="js-translation-editor" data-props="([^"]*)"', html).group(1).replace("&quot;", '"')
    )
    assert props["links"]["convertToAliasUrl"] is None
    assert not props["perms"]["canPublish"]

    english.title = "Digital transformation"  # the translated text, as the editor's draft
    english.save_revision(user=demo_accounts["bientap"])
    response = client.post(edit_url, {"localize-submit-for-moderation": "1"})
    assert response.status_code == 302
    english = type(english).objects.get(pk=english.pk)
    assert not english.live
    state = english.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert_untranslated(client, "/en/tin-tuc/chuyen-doi-so/")

    # The approver sees it waiting and approves: it is published.
    client.force_login(demo_accounts["duyet"])
    assert "Ứng dụng chuyển đổi số" in client.get(reverse("wagtailadmin_home")).content.decode()
    approve = reverse("wagtailadmin_pages:workflow_action", args=(english.pk, "approve", state.current_task_state.pk))
    client.post(approve, {})
    english = type(english).objects.get(pk=english.pk)
    assert english.live
    html = client.get("/en/tin-tuc/chuyen-doi-so/").content.decode()
    assert NOTICE not in html


def test_approver_keeps_the_editor_actions(client, article, demo_accounts):
    english = start_translation(client, demo_accounts["duyet"], article)
    assert not english.live  # even when the one who starts it may publish
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    props = json.loads(
        re.search(r'class="js-translation-editor" data-props="([^"]*)"', html).group(1).replace("&quot;", '"')
    )
    assert props["perms"]["canPublish"]


def sync(client, page, **data):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get(object_id=page.translation_key)
    return client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), data)


def test_the_sync_publishes_only_for_users_allowed_to_publish(
    client, article, demo_accounts, django_capture_on_commit_callbacks
):
    english = start_translation(client, demo_accounts["bientap"], article)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes when the transaction commits
        # "Xuất bản ngay" ticked by an editor
        assert sync(client, article, publish_translations="on").status_code == 302
    english = type(english).objects.get(pk=english.pk)
    assert not english.live
    client.force_login(demo_accounts["duyet"])
    with django_capture_on_commit_callbacks(execute=True):
        assert sync(client, article, publish_translations="on").status_code == 302
    assert type(english).objects.get(pk=english.pk).live


def test_only_publishers_may_turn_a_translation_into_an_alias(client, article, demo_accounts):
    english = start_translation(client, demo_accounts["bientap"], article)
    alias_url = reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and an error message.
    assert client.post(alias_url, {}).url == reverse("wagtailadmin_home")
    assert client.post(edit_url, {"localize-convert-to-alias": "1"}, follow=True).redirect_chain[-1][0] == (
        reverse("wagtailadmin_home")
    )
    english = type(english).objects.get(pk=english.pk)
    assert english.alias_of_id is None
    client.force_login(demo_accounts["duyet"])
    assert client.get(alias_url).status_code == 200  # the confirmation page
