"""The home page on a phone (issue 13): no story twice (what "Nổi bật" shows is left out of "Tin mới" and of the
automatic featured products), and sections an editor marks "Ẩn trên điện thoại" are skipped below 700 px."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage
from home.sections import highlighted_keys
from tests.factories import CertificateFactory, NewsPageFactory, ProductPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def arrange(home, sections):
    home = HomePage.objects.get(pk=home.pk)
    home.sections = sections
    home.save_revision().publish()
    return home


def highlights(*pages):
    return (
        "highlights",
        {"heading": "Tin nổi bật", "items": [{"page": p, "title": "", "text": "", "image": None} for p in pages]},
    )


def test_featured_stories_are_not_repeated_in_latest_news(client, home_page):
    """The demo's failure: "Tin nổi bật" picked the three newest stories, and "Tin mới" showed them again."""
    stories = [NewsPageFactory(title=f"Tin số {i}", date=datetime.date(2026, 11, 1 + i)) for i in range(7)]
    newest = stories[::-1]
    arrange(home_page, [highlights(*newest[:3]), ("latest_news", {"heading": "Tin mới", "count": 4, "category": None})])

    html = client.get("/").content.decode()
    for story in stories:
        assert html.count(f">{story.title}</a>") == 1, story.title  # each story exactly once on the page
    latest = html[html.index(">Tin mới<") :]
    assert [s.title for s in newest[3:]] == re.findall(r">(Tin số \d)</a>", latest)  # the next four, newest first


def test_featured_products_leave_out_a_highlighted_product_unless_chosen(client, home_page):
    shown = ProductPageFactory(title="Cà phê nổi bật")
    CertificateFactory(product=shown)
    CertificateFactory(product=ProductPageFactory(title="Hạt điều rang muối"))
    automatic = ("featured_products", {"heading": "Sản phẩm tiêu biểu", "count": 8, "products": []})
    arrange(home_page, [highlights(shown), automatic])
    html = client.get("/").content.decode()
    assert html.count(">Cà phê nổi bật</a>") == 1 and ">Hạt điều rang muối</a>" in html

    chosen = ("featured_products", {"heading": "Sản phẩm tiêu biểu", "count": 8, "products": [shown]})
    arrange(home_page, [highlights(shown), chosen])  # an editor who picks it twice means it
    assert client.get("/").content.decode().count(">Cà phê nổi bật</a>") == 2


def test_highlighted_keys_reads_only_the_highlights_of_the_page(home_page):
    story = NewsPageFactory()
    home = arrange(home_page, [highlights(story), ("key_figures", {"heading": "Số liệu"})])
    assert highlighted_keys({"page": home}) == {story.translation_key}
    assert highlighted_keys({}) == set() and highlighted_keys(None) == set()


def test_editor_hides_a_section_on_phones(client, home_page):
    client.force_login(UserFactory(username="home-editor", superuser=True))
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "sections": streamfield(
                [
                    ("key_figures", {"heading": "Số liệu", "hide_on_small": "on"}),
                    ("open_competitions", {"heading": "Bình chọn đang mở", "text": ""}),
                ]
            ),
            "action-publish": "1",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(home_page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    home = HomePage.objects.get(pk=home_page.pk)
    assert [block.value["hide_on_small"] for block in home.sections] == [True, False]

    client.logout()
    html = client.get("/").content.decode()
    figures = re.search(r'<section class="([^"]*home-section--key_figures[^"]*)"', html).group(1)
    competitions = re.search(r'<section class="([^"]*home-section--open_competitions[^"]*)"', html).group(1)
    assert "home-section--hide-small" in figures.split()
    assert "home-section--hide-small" not in competitions.split()
    assert "Số liệu" in html  # still rendered: tablets and computers show it
