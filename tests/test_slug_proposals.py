"""Slugs proposed from a title or a name (issue 13 leftovers): snippets and model viewsets propose and fill their slug
as pages do, a title without letters gets a fallback slug, a proposal taken by a sibling (an autosaved, abandoned
draft) is numbered, and the page copy form folds and numbers too. The browser side is tests/browser/test_slug_browser.py.
"""

import html
import json
import re
import unicodedata

import pytest
from django.db import models
from django.urls import get_resolver, reverse
from django.utils import translation
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.hooks import search_for_hooks

from core.slug_forms import SlugFromNameFormMixin, TitleSlugCopyForm, TitleSlugPageForm
from core.slug_rules import fallback_slug, numbered, proposed_slug
from core.slugs import NameSlugMixin
from news.models import NewsCategory, NewsPage
from registry.catalogue.choices import ProducerKind
from registry.catalogue.models import Producer, ProductPage
from registry.competitions.models import Competition
from tests.factories import NewsCategoryFactory, NewsPageFactory, ProducerFactory, UserFactory, news_index
from tests.test_news_workflow import add_url, article_form

NAME = "Đào tạo nghề Đắk Lắk"
SLUG = "dao-tao-nghe-dak-lak"

# (title, model, proposed slug): what the admin proposes and the server stores for a new row.
PROPOSALS = [
    (NAME, NewsCategory, SLUG),
    (unicodedata.normalize("NFD", NAME), NewsCategory, SLUG),
    ("!!! ??? ...", NewsPage, "tin-bai"),
    ("🎉🎉🎉", ProductPage, "san-pham"),
    ("🎉🎉🎉", NewsCategory, "chuyen-muc-tin"),
    ("—", Producer, "co-so-san-xuat"),
    ("   ", NewsPage, ""),
    ("", NewsPage, ""),
]


@pytest.mark.parametrize(("title", "model", "slug"), PROPOSALS)
def test_proposed_slug(title, model, slug):
    assert proposed_slug(title, model) == slug


def test_numbered_slugs_fit_the_column():
    assert [numbered("gom", n) for n in (1, 2, 10)] == ["gom", "gom-2", "gom-10"]
    assert numbered("a" * 98 + "-b", 12, max_length=100) == "a" * 97 + "-12"


def test_fallback_is_vietnamese_whatever_the_language():
    with translation.override("en"):
        assert fallback_slug(NewsPage) == "tin-bai"


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(UserFactory(username="quantri", superuser=True))
    return client


def slug_formatters(page, input_id="id_slug"):
    tag = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', page).group(0)
    value = html.unescape(re.search(r'data-w-slug-formatters-value="([^"]*)"', tag).group(1))
    return [replacement for _pattern, replacement in json.loads(value)]


def sync_target(page, input_id):
    tag = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', page).group(0)
    assert "w-sync" in re.search(r'data-controller="([^"]*)"', tag).group(1)
    assert "keyup-&gt;w-sync#apply" in tag or "keyup->w-sync#apply" in tag
    return re.search(r'data-w-sync-target-value="([^"]*)"', tag).group(1)


def registered_slug_viewsets():
    """Every admin model/snippet viewset whose model has a ``SlugField`` and a name or title in its form."""
    search_for_hooks()
    get_resolver().url_patterns  # noqa: B018  (loading the admin's URLs registers its viewsets)
    found = []
    for viewset in admin_viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if model is None or not hasattr(viewset, "get_form_class"):
            continue
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.SlugField)]
        if fields and any(hasattr(model, name) for name in ("name", "title")) and not hasattr(model, "path"):
            found.append(viewset)
    return found


@pytest.mark.django_db
def test_every_admin_model_with_a_slug_proposes_it_from_its_name():
    viewsets = registered_slug_viewsets()
    assert {v.model for v in viewsets} >= {NewsCategory, Producer, Competition}
    for viewset in viewsets:
        assert issubclass(viewset.get_form_class(), SlugFromNameFormMixin), viewset
    for model in (NewsCategory, Producer, Competition):
        assert issubclass(model, NameSlugMixin)


@pytest.mark.parametrize(
    "url", ["/admin/snippets/news/newscategory/add/", "/admin/snippets/catalogue/producer/add/"], ids=["cat", "prod"]
)
def test_snippet_add_form_wires_the_name_to_the_slug(admin_client, url):
    page = admin_client.get(url).content.decode()
    assert sync_target(page, "id_name") == "#id_slug"
    assert slug_formatters(page)[-1] in ("chuyen-muc-tin", "co-so-san-xuat")


def test_competition_add_form_wires_the_name_to_the_slug(admin_client):
    viewset = next(v for v in registered_slug_viewsets() if v.model is Competition)
    page = admin_client.get(reverse(viewset.get_url_name("add"))).content.decode()
    assert sync_target(page, "id_name") == "#id_slug"
    assert slug_formatters(page)[-1] == "cuoc-binh-chon"


def test_edit_form_does_not_follow_the_name(admin_client):
    """An existing category keeps its address when renamed: no sync on its edit form."""
    category = NewsCategoryFactory(name="Chính sách", slug="chinh-sach")
    page = admin_client.get(f"/admin/snippets/news/newscategory/edit/{category.pk}/").content.decode()
    tag = re.search(r'<input[^>]*id="id_name"[^>]*>', page).group(0)
    assert "w-sync" not in tag


@pytest.mark.parametrize("name", [NAME, unicodedata.normalize("NFD", NAME)], ids=["nfc", "nfd"])
def test_saved_without_javascript_takes_the_slug_of_the_name(admin_client, name):
    response = admin_client.post(
        "/admin/snippets/news/newscategory/add/", {"name": name, "slug": "", "description": "", "rank": "100"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NewsCategory.objects.get(name=unicodedata.normalize("NFC", name)).slug == SLUG
    for expected in (SLUG, f"{SLUG}-2"):
        response = admin_client.post(
            "/admin/snippets/catalogue/producer/add/", {"name": name, "slug": "", "kind": ProducerKind.values[0]}
        )
        assert response.status_code == 302, re.findall(r"error-message.{0,300}", response.content.decode(), re.S)
        assert Producer.objects.order_by("-pk").first().slug == expected


def test_a_proposed_slug_already_taken_is_numbered_a_typed_one_is_refused(admin_client):
    url = "/admin/snippets/news/newscategory/add/"
    NewsCategoryFactory(name="Đào tạo", slug="dao-tao")
    response = admin_client.post(url, {"name": "Đào tạo!", "slug": "dao-tao", "description": "", "rank": "1"})
    assert response.status_code == 302
    assert NewsCategory.objects.get(name="Đào tạo!").slug == "dao-tao-2"
    response = admin_client.post(url, {"name": "Khác", "slug": "dao-tao", "description": "", "rank": "1"})
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()


def test_emoji_name_gets_the_fallback_slug(admin_client):
    url = "/admin/snippets/news/newscategory/add/"
    for name in ("🎉🎉🎉", "!!! ???"):
        assert admin_client.post(url, {"name": name, "slug": "", "description": "", "rank": "1"}).status_code == 302
    slugs = NewsCategory.objects.filter(slug__startswith="chuyen-muc").values_list("slug", flat=True)
    assert sorted(slugs) == ["chuyen-muc-tin", "chuyen-muc-tin-2"]


@pytest.mark.django_db
def test_models_saved_without_a_slug_take_the_slug_of_their_name(home_page):
    first = ProducerFactory(name=NAME, slug="")
    second = ProducerFactory(name=NAME, slug="")
    assert (first.slug, second.slug) == (SLUG, f"{SLUG}-2")


# -- pages -------------------------------------------------------------------------------------------------------------


def test_page_types_use_the_slug_forms():
    assert NewsPage.get_edit_handler().get_form_class().__mro__[1:].count(TitleSlugPageForm) == 1
    assert NewsPage.copy_form_class is TitleSlugCopyForm


def test_page_editor_proposes_the_fallback_in_javascript(admin_client):
    page = admin_client.get(add_url(news_index())).content.decode()
    assert slug_formatters(page)[-1] == "tin-bai"


def test_punctuation_title_saves_with_the_fallback_slug(admin_client):
    index = news_index()
    for title in ("!!! ??? ...", "🎉🎉🎉"):
        response = admin_client.post(add_url(index), article_form(title, ""))
        assert response.status_code == 302, re.findall(r"error-message.{0,300}", response.content.decode(), re.S)
    assert sorted(NewsPage.objects.values_list("slug", flat=True)) == ["tin-bai", "tin-bai-2"]


def test_autosaved_abandoned_draft_does_not_block_the_same_title(admin_client):
    """Wagtail 8's autosave posts the create form as JSON; ours refuses it (core/admin_create.py), so an abandoned
    attempt leaves no page and the saved article gets the clean slug; the editor's autosave then keeps it."""
    index = news_index()
    title = "Hội chợ làng nghề Gia Lai"
    slug = "hoi-cho-lang-nghe-gia-lai"
    for _attempt in range(2):
        abandoned = admin_client.post(add_url(index), article_form(title, slug), HTTP_ACCEPT="application/json")
        assert abandoned.status_code == 400 and abandoned.json()["success"] is False
    assert not NewsPage.objects.filter(title=title).exists()

    saved = admin_client.post(add_url(index), article_form(title, slug))
    assert saved.status_code == 302
    page = NewsPage.objects.get(title=title)
    assert page.slug == slug

    # The next autosave (edit view) sends back the proposal: the page keeps its slug.
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    again = admin_client.post(edit, article_form(title, slug), HTTP_ACCEPT="application/json")
    assert again.json()["success"] is True, again.content
    page.refresh_from_db()
    assert page.slug == slug

    # A second article of the same title is numbered.
    second = admin_client.post(add_url(index), article_form(title, slug))
    assert second.status_code == 302
    assert NewsPage.objects.filter(slug=f"{slug}-2").exists()


def test_typed_slug_that_clashes_keeps_wagtails_error(admin_client):
    index = news_index()
    NewsPageFactory(parent=index, title="Bài cũ", slug="bai-cu")
    response = admin_client.post(add_url(index), article_form("Bài mới", "bai-cu"))
    assert response.status_code == 200
    assert "bai-cu" in response.content.decode()
    assert not NewsPage.objects.filter(title="Bài mới").exists()


def test_published_page_slug_is_never_renumbered(admin_client):
    index = news_index()
    NewsPageFactory(parent=index, title="Tin", slug="tin-a")
    live = NewsPageFactory(parent=index, title="Tin A", slug="tin-a-cu")
    edit = reverse("wagtailadmin_pages:edit", args=(live.pk,))
    response = admin_client.post(edit, article_form("Tin A", "tin-a"))
    assert response.status_code == 200
    live.refresh_from_db()
    assert live.slug == "tin-a-cu"


def test_copy_form_folds_and_numbers(admin_client):
    index = news_index()
    source = NewsPageFactory(parent=index, title="Đắk Lắk đào tạo nghề", slug="dak-lak-dao-tao-nghe")
    url = reverse("wagtailadmin_pages:copy", args=(source.pk,))
    page = admin_client.get(url).content.decode()
    assert sync_target(page, "id_new_title") == "#id_new_slug"
    assert slug_formatters(page, "id_new_slug")[-1] == "tin-bai"

    data = {"new_title": source.title, "new_slug": source.slug, "new_parent_page": index.pk}
    assert admin_client.post(url, data).status_code == 302
    assert NewsPage.objects.filter(slug="dak-lak-dao-tao-nghe-2").exists()

    data = {"new_title": "Gốm Đồng Nai", "new_slug": "gom-dong-nai", "new_parent_page": index.pk}
    assert admin_client.post(url, data).status_code == 302
    assert NewsPage.objects.get(slug="gom-dong-nai").title == "Gốm Đồng Nai"

    typed = {"new_title": "Khác", "new_slug": "gom-dong-nai", "new_parent_page": index.pk}
    assert admin_client.post(url, typed).status_code == 200
