"""Issue 14, item 3: the newly cached pages stay right, and writes that change no public content keep the cache.

What a visitor sees after each write: a news story published, edited and unpublished; a certificate revoked; results
amended. What must not flush the cache: a draft saved, a page locked, a story written before its first publication,
a picture uploaded. Unknown verification codes and password-protected pages never leak or fill the cache.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.page_cache import generation, invalidate
from news.models import NewsPage, NewsRelatedProduct
from registry.competitions.choices import CompetitionStatus
from registry.competitions.services import council
from registry.competitions.services.amendments import amend_results
from tests.factories import (
    CertificateFactory,
    CompetitionFactory,
    EntryFactory,
    ImageFactory,
    JurorFactory,
    NewsPageFactory,
    ProductPageFactory,
    UserFactory,
    competition_index,
    fill_sheet,
    news_index,
)


@pytest.fixture(autouse=True)
def _fresh_admission(home_page):
    """Each test starts with an empty admission filter (it lives in the process; generations restart per test), and
    the site's settings row that ``setup_site`` creates (a page that creates it while rendering is rightly not
    stored: that write started a new generation)."""
    from core.models import SiteSettings
    from core.page_cache import _seen

    SiteSettings.load()
    _seen.keys.clear()


def _cached(client, url):
    """GET ``url`` twice as an anonymous visitor; the second answer must come from the cache without a query."""
    first = client.get(url)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit", url
    assert len(queries) == 0, url
    return second.content.decode()


def test_a_news_page_is_cached_and_refreshed_by_its_next_publish(client, home_page):
    news = NewsPageFactory(title="Hội chợ hàng thủ công 2026", summary="Hơn 120 gian hàng.")
    index = news_index().url
    assert "Hơn 120 gian hàng." in _cached(client, news.url)
    assert "Hội chợ hàng thủ công 2026" in _cached(client, index)
    _cached(client, "/")

    news.title = "Hội chợ hàng thủ công 2026 khai mạc"
    news.summary = "Hơn 150 gian hàng của 40 cơ sở."
    news.save_revision().publish()

    response = client.get(news.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Hơn 150 gian hàng của 40 cơ sở." in response.content.decode()
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    assert "Hội chợ hàng thủ công 2026 khai mạc" in client.get(index).content.decode()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_page_rendered_while_a_write_commits_is_not_stored(client, home_page, monkeypatch):
    """A page whose rendering started before a write and ended after it shows the data from before the write: it is
    not stored under the new generation (a tester saw the old centre name served as a hit for ten minutes)."""
    news = NewsPageFactory(title="Hội chợ hàng thủ công 2026", summary="Hơn 120 gian hàng.")
    render = NewsPage.get_context

    def render_then_write(page, request, *args, **kwargs):
        context = render(page, request, *args, **kwargs)
        NewsPage.objects.filter(pk=page.pk).update(summary="Hơn 150 gian hàng.")
        invalidate()  # the write commits while this page is still being rendered from the data before it
        return context

    monkeypatch.setattr(NewsPage, "get_context", render_then_write)
    response = client.get(news.url)
    assert response["X-Page-Cache"] == "miss" and "Hơn 120 gian hàng." in response.content.decode()
    monkeypatch.setattr(NewsPage, "get_context", render)
    response = client.get(news.url)
    assert response["X-Page-Cache"] == "miss"  # the page of before the write was not kept
    assert "Hơn 150 gian hàng." in response.content.decode()
    assert client.get(news.url)["X-Page-Cache"] == "hit"


def test_publishing_and_unpublishing_refresh_the_index_and_the_story(client, home_page):
    NewsPageFactory(title="Tập huấn thương mại điện tử")
    index = news_index()
    _cached(client, index.url)
    _cached(client, index.url + "rss/")
    story = NewsPage(title="Khởi công nhà xưởng dệt", slug="khoi-cong", summary="Nhà xưởng mới.", live=False)
    index.add_child(instance=story)
    story.save_revision().publish()
    assert "Khởi công nhà xưởng dệt" in client.get(index.url).content.decode()
    assert "Khởi công nhà xưởng dệt" in client.get(index.url + "rss/").content.decode()
    _cached(client, story.url)

    NewsPage.objects.get(pk=story.pk).unpublish()  # as the admin does it (``publish`` made a copy live)
    assert client.get(story.url).status_code == 404
    assert "Khởi công nhà xưởng dệt" not in client.get(index.url).content.decode()
    assert "Khởi công nhà xưởng dệt" not in client.get(index.url + "rss/").content.decode()


def test_saving_a_draft_or_locking_a_live_page_keeps_the_cache(client, home_page):
    news = NewsPageFactory(title="Hội chợ hàng thủ công", summary="Bản đã đăng.")
    _cached(client, news.url)
    before = generation()

    news.summary = "Bản nháp chưa duyệt."
    news.save_revision()  # what "Lưu nháp" does: the Page row gets latest_revision, draft_title…
    news.locked = True
    news.save(update_fields=["locked", "locked_by", "locked_at"])  # what "Khoá" does
    news.locked = False
    news.save(update_fields=["locked", "locked_by", "locked_at"])

    assert generation() == before
    response = client.get(news.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Bản đã đăng." in response.content.decode() and "Bản nháp" not in response.content.decode()


def test_a_story_written_before_its_first_publication_keeps_the_cache(client, home_page):
    """The admin's edit view commits the page row of a page that is not live, with its related links: none of
    that is public until it is published."""
    product = ProductPageFactory(title="Mật ong rừng Kbang")
    index = news_index()
    _cached(client, index.url)
    before = generation()
    story = NewsPage(title="Bản thảo", slug="ban-thao", summary="Chưa đăng.", live=False)
    index.add_child(instance=story)
    story.save_revision()
    story = NewsPage.objects.get(pk=story.pk)  # as the next "Lưu nháp" of the edit view loads it
    story.title = "Bản thảo sửa lần hai"
    story.related_product_links = [NewsRelatedProduct(product=product)]  # committed by save(), as a form does
    story.save()
    story.save_revision()
    ImageFactory()  # a picture uploaded for it
    assert generation() == before
    assert client.get(index.url)["X-Page-Cache"] == "hit"

    story.save_revision().publish()
    response = client.get(index.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Bản thảo sửa lần hai" in response.content.decode()


def test_drafts_of_pages_other_rows_show_still_flush(client, home_page):
    """A product page that is not live still has its title on its certificates and results: its drafts flush. A
    product nothing points to yet (no certificate, no entry) is shown nowhere: its drafts keep the cache."""
    product = ProductPageFactory(title="Rượu cần Kon Chiêng", live=False)
    before = generation()
    product.title = "Rượu cần Kon Chiêng (bản thảo)"
    product.save()
    assert generation() == before

    CertificateFactory(product=product)
    before = generation()
    product.title = "Rượu cần Kon Chiêng (mới)"
    product.save()
    assert generation() > before


def test_a_revoked_certificate_shows_as_revoked_at_once_everywhere(client, home_page):
    certificate = CertificateFactory(product=ProductPageFactory(title="Cà phê bột Đắk Đoa"))
    product = certificate.product
    urls = {
        "verification": certificate.get_verification_path(),
        "product": product.url,
        "producer": f"/co-so/{product.producer.slug}/",
    }
    open_data = ["/du-lieu-mo/certificates.csv", "/du-lieu-mo/certificates.json"]  # streamed, never page-cached
    before = {name: _cached(client, url) for name, url in urls.items()}
    before.update({url: client.get(url).getvalue().decode() for url in open_data})
    assert "Còn hiệu lực" in before["verification"]

    certificate.revoke("Cơ sở ngừng sản xuất.")

    after = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", name
        after[name] = response.content.decode()
    after.update({url: client.get(url).getvalue().decode() for url in open_data})
    assert "Đã bị thu hồi" in after["verification"]
    assert "Đã thu hồi" in after["product"]
    assert all(after[url] != before[url] and "revoked" in after[url] for url in open_data)


def test_unknown_verification_codes_are_cached_only_when_asked_again(client, home_page):
    for number in range(50):  # random codes: each asked once, none stored
        assert client.get(f"/xac-minh/KHONG-CO-{number}/")["X-Page-Cache"] == "miss"
    url = "/xac-minh/GL-2026-9999/"
    assert client.get(url).status_code == 404
    assert client.get(url)["X-Page-Cache"] == "miss"  # stored on its second request
    response = client.get(url)
    assert response.status_code == 404 and response["X-Page-Cache"] == "hit"
    assert client.get("/xac-minh/KHONG-CO-1/")["X-Page-Cache"] == "miss"

    certificate = CertificateFactory(product=ProductPageFactory(title="Mật ong Kbang"))
    certificate.verification_code = "GL-2026-9999"
    certificate.save()
    response = client.get(url)
    assert response.status_code == 200 and "Còn hiệu lực" in response.content.decode()


def test_results_amendments_refresh_the_results_page(client, home_page):
    competition = CompetitionFactory(prize_bands=[{"label": "Giải A", "min": 80}])
    juror = JurorFactory(competition=competition, chair=True)
    entry = EntryFactory(competition=competition, product=ProductPageFactory(title="Thổ cẩm Jrai"))
    sheet = fill_sheet(juror, entry, [30, 30, 8, 8])
    manager = UserFactory()
    council.change_status(competition, CompetitionStatus.CLOSED, manager)
    council.decide(entry, manager, True, "344/QĐ-UBND", datetime.date(2026, 6, 27))
    council.change_status(competition, CompetitionStatus.DECIDED, manager)
    council.issue_certificates(competition, manager)
    council.change_status(competition, CompetitionStatus.PUBLISHED, manager)
    url = competition_index().url + f"{competition.slug}/ket-qua/"
    assert "76,00" in _cached(client, url)

    criterion = competition.rubric.criteria.get(code="1")
    amend_results(competition, manager, "Cộng sai điểm tiêu chí 1.", sheet, {criterion.pk: Decimal("36")})

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    page = response.content.decode()
    assert "76,00 → 82,00" in page  # the amendment, and the new score in the table
    assert page.count("82,00") >= 2


def test_a_password_protected_page_is_never_shared(client, home_page):
    news = NewsPageFactory(title="Tài liệu nội bộ", summary="Chỉ dành cho cán bộ.")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.PASSWORD, password="kc")
    form = client.get(news.url)
    assert "Chỉ dành cho cán bộ." not in form.content.decode()
    restriction = PageViewRestriction.objects.get(page=news)
    insider = type(client)()
    login = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, news.pk])
    assert insider.post(login, {"password": "kc", "return_url": news.url}).status_code == 302
    for _ in range(2):
        assert "Chỉ dành cho cán bộ." in insider.get(news.url).content.decode()
    stranger = type(client)()
    assert "Chỉ dành cho cán bộ." not in stranger.get(news.url).content.decode()


def test_tracking_parameters_never_reach_a_stored_page(client, home_page):
    for _ in range(3):
        client.get("/tim-kiem/?q=ca+phe&utm_source=zalo-bi-mat")
    response = client.get("/tim-kiem/?q=ca+phe")
    assert "zalo-bi-mat" not in response.content.decode()


def test_a_view_keeps_its_own_browser_lifetime(client, home_page):
    for _ in range(2):
        response = client.get("/robots.txt")
        assert "max-age=86400" in response["Cache-Control"]
    assert response["X-Page-Cache"] == "hit"


def test_a_response_too_big_is_not_stored(client, home_page, settings):
    settings.PAGE_CACHE_MAX_BYTES = 100
    ProductPageFactory(title="Cà phê bột Đắk Đoa")
    client.get("/du-lieu-mo/")
    assert client.get("/du-lieu-mo/")["X-Page-Cache"] == "miss"


def _edit_form(news, **changes):
    """The POST of the admin's edit view for ``news`` (as the editor's browser sends it), with ``changes``."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        "title": news.title,
        "slug": news.slug,
        "date": news.date.isoformat(),
        "authors": news.authors,
        "category": news.category_id or "",
        "summary": news.summary,
        "body": streamfield([]),
        "related_product_links": inline_formset([]),
        "related_village_links": inline_formset([]),
        "related_artisan_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_the_admins_save_draft_keeps_the_cache_and_its_publish_refreshes_it(client, home_page):
    news = NewsPageFactory(title="Hội chợ hàng thủ công", summary="Bản đã đăng.")
    _cached(client, news.url)
    before = generation()
    editor = type(client)()
    editor.force_login(UserFactory(superuser=True))
    url = reverse("wagtailadmin_pages:edit", args=[news.pk])

    response = editor.post(url, _edit_form(news, summary="Bản nháp chưa duyệt."))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object().summary == "Bản nháp chưa duyệt."
    assert generation() == before
    assert "Bản đã đăng." in _cached(client, news.url)

    response = editor.post(url, _edit_form(news, summary="Bản đã duyệt.", **{"action-publish": "1"}))
    assert response.status_code == 302
    response = client.get(news.url)
    assert response["X-Page-Cache"] == "miss" and "Bản đã duyệt." in response.content.decode()


def test_workflows_logins_and_logs_keep_the_cache(client, home_page, demo_accounts):
    from wagtail.log_actions import log
    from wagtail.models import Workflow

    news = NewsPageFactory(title="Hội chợ hàng thủ công")
    _cached(client, news.url)
    before = generation()
    user = demo_accounts["bientap"]
    news.save_revision(user=user)
    Workflow.objects.filter(active=True).first().start(news, user)
    log(instance=news, action="wagtail.edit", user=user)
    other = type(client)()
    other.login(username="bientap", password="khuyencong2026")
    assert generation() == before
    assert client.get(news.url)["X-Page-Cache"] == "hit"


def test_migrate_and_setup_site_start_a_new_generation(client, home_page, settings):
    """A deployment runs ``migrate`` (new templates, new code) and may run ``setup_site`` (a new address, written
    with ``update()``, which sends no signal): no page rendered before is served after."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from home.setup import ensure_site

    before = generation()
    post_migrate.send(sender=apps.get_app_config("core"), app_config=apps.get_app_config("core"))
    assert generation() > before
    settings.SITE_URL = "https://khuyencong.gialai.gov.vn"
    before = generation()
    ensure_site(home_page, write=lambda *_: None)
    assert generation() > before


def test_signed_in_visitors_neither_get_nor_store_cached_copies(client, home_page, demo_accounts):
    news = NewsPageFactory(title="Hội chợ hàng thủ công")
    editor = type(client)()
    editor.force_login(demo_accounts["bientap"])
    for _ in range(2):
        assert "X-Page-Cache" not in editor.get(news.url)
    assert client.get(news.url)["X-Page-Cache"] == "miss"  # the editor's visits stored nothing
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in editor.get(news.url)
