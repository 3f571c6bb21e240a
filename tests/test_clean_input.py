"""Clean input at the boundary (issue 11, item 2): every text a model of the project or of Wagtail saves is NFC
without control characters but tab and newline (core/cleaning.py, receiver in core/signals.py); the feeds and
the sitemap stay valid XML even for a record stored dirty with ``QuerySet.update()``."""

import unicodedata
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.cleaning import clean_json, xml_safe
from news.models import NewsIndexPage, NewsPage
from registry.catalogue.models import Producer
from tests.factories import ImageFactory, NewsPageFactory, ProducerFactory, news_index
from tests.sitemaps import sitemap_responses

pytestmark = pytest.mark.django_db

VT = "\x0b"  # what a word processor pastes for a line break
NFD_GOM = unicodedata.normalize("NFD", "Gốm Plei Phun")
NFC_GOM = unicodedata.normalize("NFC", "Gốm Plei Phun")


def test_nfd_is_a_different_string_to_start_with():
    assert NFD_GOM != NFC_GOM and len(NFD_GOM) > len(NFC_GOM)


def test_news_title_saved_through_the_model_loses_the_control_character(home_page):
    article = NewsPageFactory(title=f"Hội chợ{VT}làng nghề", summary=f"Dòng một{VT}dòng hai\ttab\nxuống dòng\r\n")
    article.refresh_from_db()
    assert article.title == "Hội chợ làng nghề"  # the line break a word processor pastes becomes a space
    assert article.summary == "Dòng một dòng hai\ttab\nxuống dòng\n"  # tab and newline kept, CR LF → LF


def test_nfd_input_is_stored_nfc(home_page):
    article = NewsPageFactory(title=NFD_GOM)
    producer = ProducerFactory(name=NFD_GOM, address=NFD_GOM)
    assert NewsPage.objects.get(pk=article.pk).title == NFC_GOM
    assert Producer.objects.get(pk=producer.pk).name == NFC_GOM
    assert Producer.objects.filter(address=NFC_GOM).exists()


def test_stream_field_strings_are_cleaned(home_page):
    article = NewsPageFactory(body=[("paragraph", RichText(f"<p>{NFD_GOM}{VT}đẹp</p>"))])
    stored = NewsPage.objects.get(pk=article.pk).body.raw_data[0]["value"]
    assert VT not in stored and NFC_GOM in stored


def test_wagtail_models_are_cleaned(home_page):
    image = ImageFactory(title=f"Ảnh{VT}{NFD_GOM}")
    assert get_image_model().objects.get(pk=image.pk).title == "Ảnh " + NFC_GOM
    article = NewsPageFactory()
    article.title = f"Bản nháp{VT}"
    revision = article.save_revision()
    assert (
        Revision.objects.get(pk=revision.pk).content["title"].strip() == "Bản nháp"
        and "\x0b" not in Revision.objects.get(pk=revision.pk).content["title"]
    )


def test_update_fields_saves_only_clean_text(home_page):
    producer = ProducerFactory(name="Cơ sở A")
    producer.name = f"Cơ sở{VT}B"
    producer.save(update_fields=["name"])
    assert Producer.objects.get(pk=producer.pk).name == "Cơ sở B"


def test_title_saved_through_the_admin_loses_the_control_character(home_page, client):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.org", "x-pass-123"))
    index = news_index()
    add = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    form = nested_form_data(
        {
            "title": f"Hội chợ{VT}làng nghề {NFD_GOM}",
            "slug": "hoi-cho-admin",
            "date": "2026-11-20",
            "authors": "Đinh Thị Mai",
            "summary": f"Tóm tắt{VT}.",
            "body": streamfield([("paragraph", rich_text(f"<p>Nội dung{VT}.</p>"))]),
            "related_product_links": inline_formset([]),
            "related_village_links": inline_formset([]),
            "related_artisan_links": inline_formset([]),
            "action-publish": "1",
        }
    )
    response = client.post(add, form)
    assert response.status_code in (200, 302)
    article = NewsPage.objects.get(slug="hoi-cho-admin")
    assert article.title == f"Hội chợ làng nghề {NFC_GOM}"
    assert article.summary == "Tóm tắt ."
    assert VT not in article.body.raw_data[0]["value"]


def test_clean_json_walks_values_not_keys():
    assert clean_json({"a\x0b": [NFD_GOM, 3, None, {"b": "x\x00y"}]}) == {"a\x0b": [NFC_GOM, 3, None, {"b": "xy"}]}


def test_xml_safe_keeps_what_xml_carries():
    assert xml_safe("a\x0bb\x00c\td\ne\rf\ufffe") == "abc\td\ne\rf"
    assert xml_safe(None) is None


@pytest.fixture
def dirty_article(home_page):
    """An article whose title, summary and author got control characters past ``save()`` (no NUL: PostgreSQL
    refuses it in any text column)."""
    article = NewsPageFactory(title="Tin sạch", slug="tin-ban")
    NewsPage.objects.filter(pk=article.pk).update(
        title=f"Tin{VT}bẩn\x0c", summary=f"Tóm{VT}tắt", authors=f"Tác{VT}giả", draft_title=f"Tin{VT}bẩn"
    )
    NewsIndexPage.objects.filter(pk=news_index().pk).update(intro=f"Giới{VT}thiệu")
    return article


@pytest.mark.parametrize(
    "path", ["/tin-tuc/rss/", "/tin-tuc/atom/", "/en/tin-tuc/rss/", "/tin-tuc/chuyen-muc/hoat-dong-khuyen-cong/rss/",
             "/tin-tuc/chuyen-muc/hoat-dong-khuyen-cong/atom/"],
)  # fmt: skip
def test_feeds_answer_valid_xml_with_a_dirty_record(client, dirty_article, path):
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # raises on a character XML cannot carry
    text = ET.tostring(root, encoding="unicode")
    assert "Tinbẩn" in text and VT not in text


def test_sitemap_answers_valid_xml_with_a_dirty_slug(client, home_page):
    article = NewsPageFactory(slug="tin-sitemap")
    NewsPage.objects.filter(pk=article.pk).update(url_path=article.url_path.replace("tin-sitemap", f"tin{VT}sitemap"))
    producer = ProducerFactory(slug="co-so-sach")
    Producer.objects.filter(pk=producer.pk).update(slug=f"co-so{VT}ban")
    content = b""
    for _location, response in sitemap_responses(client):  # the index and each section it links
        ET.fromstring(response.content)
        content += response.content
    # a path that cannot be routed (the URL resolver refuses the character) is left out, never written raw
    assert b"/tin-tuc/" in content and b"tin-sitemap" not in content and b"%0B" not in content
    assert b"co-so-sach" not in content and b"co-so%0Bban" not in content  # no profile address
