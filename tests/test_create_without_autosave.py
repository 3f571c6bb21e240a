"""Issue 13: an abandoned "Viết tin mới" leaves no page behind and takes no slug (Wagtail 8 autosaves the create
view; ours does not, while the editor of an existing page still autosaves)."""

import re

import pytest
from django.urls import reverse

from news.models import NewsPage
from tests.factories import NewsPageFactory
from tests.test_news_workflow import add_url, article_form, moderated_index  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
AUTOSAVE_CONTROLLER = re.compile(r'data-controller="[^"]*\bw-autosave\b')


def test_create_form_has_no_autosave_but_the_editor_has(admin_client, moderated_index):  # noqa: F811
    html = admin_client.get(add_url(moderated_index)).content.decode()
    assert not AUTOSAVE_CONTROLLER.search(html)
    article = NewsPageFactory(parent=moderated_index)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert AUTOSAVE_CONTROLLER.search(edit)


def test_autosave_post_on_create_makes_no_page_and_takes_no_slug(admin_client, moderated_index):  # noqa: F811
    form = article_form("Đoàn doanh nghiệp Đắk Lắk", "doan-doanh-nghiep-dak-lak")
    for _attempt in range(3):
        response = admin_client.post(add_url(moderated_index), form, headers={"Accept": "application/json"})
        assert response.status_code == 400
    assert not NewsPage.objects.filter(title="Đoàn doanh nghiệp Đắk Lắk").exists()

    admin_client.post(add_url(moderated_index), form)
    assert NewsPage.objects.get(title="Đoàn doanh nghiệp Đắk Lắk").slug == "doan-doanh-nghiep-dak-lak"
