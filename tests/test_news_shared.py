"""What a news article shows beside its text (related products, villages and artisans, more news, programme contents,
its category and picture) is read once per page-cache generation (``NewsPage.beside_text``, core/shared_data.py):
the article is rendered on every request, a write is seen on the next one, a preview shows the draft's links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pictures import render_picture
from news.models import NewsPage, NewsRelatedProduct
from news.models.pages import news_queryset
from tests.factories import NewsPageFactory, ProductPageFactory, UserFactory

pytestmark = pytest.mark.django_db

BESIDE_TABLES = tuple(
    f'FROM "{name}' for name in ("news_newsrelated", "news_programmecontent", "news_newscategory", "wagtailimages_")
)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_second_visit_reads_nothing_beside_the_article(client):
    article = NewsPageFactory(title="Hỗ trợ máy rang cà phê")
    NewsRelatedProduct.objects.create(page=article, product=ProductPageFactory(title="Cà phê bột Chư Sê"))
    NewsPageFactory(title="Tin cùng chuyên mục")
    first = client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.url)
    assert "X-Page-Cache" not in second  # rendered again, not served from the page cache
    assert second.content == first.content
    html = second.content.decode()
    assert "Cà phê bột Chư Sê" in html and "Tin cùng chuyên mục" in html and "og:image" in html
    assert not [q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in BESIDE_TABLES)]


def test_a_new_link_or_an_unpublished_product_is_seen_on_the_next_visit(client):
    article = NewsPageFactory(title="Hỗ trợ máy rang cà phê")
    product = ProductPageFactory(title="Cà phê bột Chư Sê")
    assert "Cà phê bột Chư Sê" not in client.get(article.url).content.decode()
    NewsRelatedProduct.objects.create(page=article, product=product)
    assert "Cà phê bột Chư Sê" in client.get(article.url).content.decode()
    product.unpublish()
    assert "Cà phê bột Chư Sê" not in client.get(article.url).content.decode()


def test_a_preview_shows_the_links_of_the_draft(client):
    article = NewsPageFactory(title="Hỗ trợ máy rang cà phê")
    product = ProductPageFactory(title="Cà phê bột Chư Sê")
    client.get(article.url)  # the live page's links are stored
    draft = NewsPage.objects.get(pk=article.pk)
    draft.related_product_links.add(NewsRelatedProduct(product=product))
    revision = draft.save_revision()
    client.force_login(UserFactory(username="preview-admin", superuser=True))
    html = client.get(reverse("wagtailadmin_pages:revisions_view", args=(article.pk, revision.pk))).content.decode()
    assert "Cà phê bột Chư Sê" in html
    client.logout()
    assert "Cà phê bột Chư Sê" not in client.get(article.url).content.decode()


def test_a_size_a_listing_did_not_prefetch_is_found_again_not_made_twice():
    """Listings prefetch only the renditions their cards draw; another size of the same pictures is looked up in the
    database (it once was created a second time: an IntegrityError on the second visit)."""
    NewsPageFactory()
    for _visit in range(2):
        article = news_queryset().get()
        assert "<picture>" in render_picture(article.featured_image, "gallery")


def test_related_items_behind_a_password_or_a_login_are_not_shown(client):
    """A related product, village or artisan in a section behind a password or a login is left out of the article's
    cards for everyone (as on the home page, the listings, search and the sitemap)."""
    from wagtail.models import PageViewRestriction

    article = NewsPageFactory(title="Hỗ trợ máy rang cà phê")
    hidden, shown = ProductPageFactory(title="Cà phê bột Chư Sê"), ProductPageFactory(title="Khăn thổ cẩm Phung")
    for product in (hidden, shown):
        NewsRelatedProduct.objects.create(page=article, product=product)
    assert "Cà phê bột Chư Sê" in client.get(article.url).content.decode()
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(article.url).content.decode()
    assert "Khăn thổ cẩm Phung" in html
    assert "Cà phê bột Chư Sê" not in html and hidden.url not in html
