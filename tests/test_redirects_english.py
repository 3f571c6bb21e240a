"""Old addresses after an editor renames or moves a page (issue 14): the Vietnamese old address and the same address
under /en/ both answer 301 to the page's new address in their language (core/redirects.py), whatever language the
editor's admin is in."""

import pytest
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from tests.factories import CraftVillagePageFactory, StandardPageFactory
from tests.translating import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what Wagtail does once the editor's change is committed (it makes the redirects then)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rename(page, slug, committed):
    """Publish ``page`` with a new slug, as the editor's "Publish" does (Wagtail makes the automatic redirect)."""
    page = page.specific
    page.slug = slug
    with committed():
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def assert_redirects(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, (old, response.status_code)
    assert response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.fixture
def village(home_page):
    return CraftVillagePageFactory(title="Làng dệt Cũ", slug="lang-det-cu")


def test_a_renamed_page_redirects_in_both_languages(client, village, committed):
    rename(village, "lang-det-moi", committed)
    assert_redirects(client, "/lang-nghe/lang-det-cu/", "/lang-nghe/lang-det-moi/")
    assert_redirects(client, "/en/lang-nghe/lang-det-cu/", "/en/lang-nghe/lang-det-moi/")


def test_a_renamed_page_with_an_english_translation_redirects_to_it(client, village, committed):
    translate(village, title="Old Weaving Village")
    rename(village, "lang-det-moi", committed)
    assert_redirects(client, "/en/lang-nghe/lang-det-cu/", "/en/lang-nghe/lang-det-moi/")
    assert "Old Weaving Village" in client.get("/en/lang-nghe/lang-det-moi/").content.decode()


def test_an_editor_using_the_admin_in_english_leaves_vietnamese_old_addresses_working(client, village, committed):
    """The redirect is recorded with the Vietnamese address even when the editor's admin language is English."""
    with translation.override("en"):
        rename(village, "lang-det-moi", committed)
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/lang-nghe/lang-det-cu"]
    assert_redirects(client, "/lang-nghe/lang-det-cu/", "/lang-nghe/lang-det-moi/")
    assert_redirects(client, "/en/lang-nghe/lang-det-cu/", "/en/lang-nghe/lang-det-moi/")


def test_a_renamed_section_redirects_the_addresses_below_it(client, village, committed):
    index = village.get_parent()
    rename(index, "lang-nghe-truyen-thong", committed)
    assert_redirects(client, "/lang-nghe/lang-det-cu/", "/lang-nghe-truyen-thong/lang-det-cu/")
    assert_redirects(client, "/en/lang-nghe/lang-det-cu/", "/en/lang-nghe-truyen-thong/lang-det-cu/")


def test_a_moved_page_redirects_in_both_languages(client, home_page, committed):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu")
    guide = StandardPageFactory(parent=home_page, title="Hướng dẫn", slug="huong-dan")
    page = StandardPageFactory(parent=about, title="Thủ tục", slug="thu-tuc")
    with committed():
        page.move(guide, pos="last-child")
    assert_redirects(client, "/gioi-thieu/thu-tuc/", "/huong-dan/thu-tuc/")
    assert_redirects(client, "/en/gioi-thieu/thu-tuc/", "/en/huong-dan/thu-tuc/")


def test_a_redirect_to_an_address_follows_the_visitor_language(client, village):
    """A redirect an editor made by hand to an address of the site leads English visitors to its English version;
    one to another site is followed as it is, and a temporary one stays temporary."""
    Redirect.objects.create(old_path="/lang-cu", redirect_link="/lang-nghe/lang-det-cu/")
    Redirect.objects.create(old_path="/ben-ngoai", redirect_link="https://example.org/x", is_permanent=False)
    assert_redirects(client, "/en/lang-cu/", "/en/lang-nghe/lang-det-cu/")
    response = client.get("/en/ben-ngoai/")
    assert (response.status_code, response["Location"]) == (302, "https://example.org/x")


def test_an_unknown_english_address_is_still_not_found(client, village, committed):
    rename(village, "lang-det-moi", committed)
    assert client.get("/en/lang-nghe/khong-co/").status_code == 404
    assert client.get("/en/lang-nghe/lang-det-moi/").status_code == 200
