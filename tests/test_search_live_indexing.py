"""The search engine for real (issue 17), indexing and updates: what a rebuild puts in the indices, the alias swap
while searches keep answering, an update sent before the first rebuild, and the index kept in step with
publishing, unpublishing, moving and deleting pages and with view restrictions on a page or its section.

The catalogue of tests/search_data.py and every other indexed page type are built once for the module inside a
transaction rolled back at the end (each test runs in its own savepoint), and indexed once by ``rebuild()``
(the ``live`` fixture: tests/conftest.py, tests/live_search.py); tests that change the index use their own
product and leave the index as they found it. CI (.ci/run) starts an OpenSearch node; without
``ELASTICSEARCH_URL`` these tests are skipped locally and fail under ``CI`` (tests/live_search.py).
"""

import logging
import threading

import pytest
from django.core.management import call_command
from django.test import override_settings

from registry.catalogue.models import ProductPage
from registry.catalogue.product_search import elastic as catalogue_elastic
from registry.catalogue.product_search.filters import CatalogueFilters, CatalogueQuery
from registry.catalogue.product_search.service import catalogue_search
from search.elastic import client as engine_client
from search.elastic.indexing import rebuild
from search.site import autocomplete
from tests import live_search
from tests.factories import ProducerFactory, ProductPageFactory
from tests.factories.home import ensure_site
from tests.live_search import PREFIX, drop_live_indices, refresh_all, site_hits, titles

# The catalogue is built and indexed once for the module by the ``live`` fixture (tests/conftest.py,
# tests/live_search.py); ``engine_up`` starts each test with the engine not marked down.
pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db, pytest.mark.usefixtures("engine_up")]


def test_rebuild_indexed_every_type(live):
    counts = dict(live.counts)
    # The section pages the factories made (e.g. /san-pham/), the bulletin, the standard page and the call for
    # entries, each with a non-empty body: the rebuild once crashed on the first StreamField body.
    assert counts.pop(f"{PREFIX}-pages") >= 3 + 3
    assert counts == {
        f"{PREFIX}-products": 5,
        f"{PREFIX}-producers": 5,
        f"{PREFIX}-artisans": 2,
        f"{PREFIX}-villages": 1,
        f"{PREFIX}-news": 1,
    }
    engine = engine_client.get_client()
    assert engine.name == live_search.ENGINE
    assert len(engine.alias_targets(f"{PREFIX}-products")) == 1


def test_rebuild_swaps_the_alias_while_searches_keep_answering(live):
    engine = engine_client.get_client()
    alias = f"{PREFIX}-products"
    (before,) = engine.alias_targets(alias)
    answers, errors, stop = [], [], threading.Event()

    def keep_searching():  # no database here: this thread has its own connection, outside the test transaction
        while not stop.is_set():
            try:
                query = CatalogueQuery(text="tho cam", filters=CatalogueFilters(), page=1, sort="relevance")
                response = engine_client.execute_faceted(catalogue_elastic.faceted_search(query), alias)
                answers.append(response.hits.total.value)
            except Exception as error:  # noqa: BLE001 - every failure is what this test looks for
                errors.append(repr(error))

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        call_command("search_index", "--rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        stop.set()
        searcher.join(timeout=60)
    (after,) = engine.alias_targets(alias)
    assert after != before
    assert not errors, errors[:3]
    assert len(answers) >= 3 and set(answers) == {1}, answers  # never empty, never two copies
    assert catalogue_search("tho cam").backend == "elasticsearch"


def test_publish_unpublish_move_delete_update_the_index(live, django_capture_on_commit_callbacks):
    """Through the signals and the (immediate) background tasks, against the real indices."""
    producer = ProducerFactory(name="Hộ Tiêu Chư Pưh", slug="ho-tieu-chu-puh")
    with django_capture_on_commit_callbacks(execute=True):
        spare = ProductPageFactory(title="Tiêu đen Chư Pưh", slug="tieu-den", producer=producer)
    engine = engine_client.get_client()

    def found(text):
        engine.refresh(f"{PREFIX}-products")
        return "Tiêu đen Chư Pưh" in titles(catalogue_search(text))

    try:
        with django_capture_on_commit_callbacks(execute=True):
            spare.save_revision().publish()
        assert found("tieu den")
        with django_capture_on_commit_callbacks(execute=True):
            spare.unpublish()
        assert not found("tieu den")
        with django_capture_on_commit_callbacks(execute=True):
            spare.save_revision().publish()
        assert found("Tiêu đen")
        spare.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            spare.move(spare.get_parent(), pos="first-child")
        assert found("tieu")
        with django_capture_on_commit_callbacks(execute=True):
            ProductPage.objects.get(pk=spare.pk).delete()
        assert not found("tieu den")
    finally:
        engine.delete_document(f"{PREFIX}-products", spare.pk)  # leave the index as the other tests expect it
        engine.refresh(f"{PREFIX}-products")


def test_an_unpublished_producer_leaves_the_index(live, django_capture_on_commit_callbacks):
    """report-t18 M1: a producer saved with ``live=False`` (its profile a 404) leaves the site search and the
    suggestions of the engine, and comes back when published again."""
    from search.site import site_search

    engine = engine_client.get_client()
    with django_capture_on_commit_callbacks(execute=True):
        producer = ProducerFactory(name="Công ty Điều Quy Nhơn Ba Mươi", slug="cong-ty-dieu-qn-30")
    url = "/co-so/cong-ty-dieu-qn-30/"

    def listed():
        engine.refresh(f"{PREFIX}-producers")
        found = [hit.url for hit in site_search("cong ty dieu quy nhon ba muoi", 1).object_list]
        suggested = [item["url"] for item in autocomplete("Công ty Điều Quy Nhơn Ba")]
        return url in found, url in suggested

    try:
        assert listed() == (True, True)
        producer.live = False
        with django_capture_on_commit_callbacks(execute=True):
            producer.save()
        assert listed() == (False, False)
        producer.live = True
        with django_capture_on_commit_callbacks(execute=True):
            producer.save()
        assert listed() == (True, True)
    finally:
        engine.delete_document(f"{PREFIX}-producers", producer.pk)  # leave the index as the other tests expect it
        engine.refresh(f"{PREFIX}-producers")


FRESH = "khuyencong-livefresh"  # its own indices and template: no overlap with <PREFIX>-* (same priority)


def test_an_update_before_the_first_rebuild_creates_no_index_and_the_rebuild_replaces_a_plain_one(live, caplog):
    """Issue: a publish before the first rebuild auto-created a plain ``<prefix>-products`` index (dynamic mapping)
    and every later rebuild failed with invalid_alias_name_exception."""
    from search.elastic.indexing import index_object
    from search.elastic.tasks import update_search_document

    product = live.products["honey"]
    engine = engine_client.get_client()
    caplog.set_level(logging.ERROR, logger="search")
    try:
        with override_settings(ELASTICSEARCH_INDEX_PREFIX=FRESH):
            with pytest.raises(engine_client.EngineRequestError):
                index_object("catalogue.productpage", product.pk)
            assert update_search_document.call("catalogue.productpage", product.pk) == "unavailable"
            assert "search_index --rebuild" in caplog.text
            assert not engine.client.indices.exists(index=f"{FRESH}-products")
            assert not engine_client.cache.get(engine_client.DOWN_KEY)
            # What the old code left behind: a plain index under the alias's name. The rebuild replaces it.
            engine.client.index(index=f"{FRESH}-products", id="1", body={"title": "auto"}, refresh=True)
            notices = []
            counts = rebuild(notice=notices.append)
            assert counts[f"{FRESH}-products"] == 5
            assert notices and "plain index" in notices[0]
            (target,) = engine.alias_targets(f"{FRESH}-products")
            assert target.startswith(f"{FRESH}-products-")
            assert index_object("catalogue.productpage", product.pk) == "indexed"
    finally:
        drop_live_indices(FRESH)


def test_a_view_restriction_takes_the_page_and_its_section_out_at_once(
    live, settings, django_capture_on_commit_callbacks
):
    """Finding 2: a password, a login or a group restriction on a page (or on the section above it) removes it
    from every engine answer as soon as it is saved, and deleting it brings the page back, as on the database."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    brocade = live.products["brocade"]

    def shown():
        refresh_all()
        catalogue = titles(catalogue_search("tho cam"))
        site = [hit[0] for hit in site_hits("tho cam jrai")]
        suggested = [item["title"] for item in autocomplete("tho cam j")]
        return brocade.title in catalogue, brocade.title in site, brocade.title in suggested

    assert shown() == (True, True, True)
    group = Group.objects.create(name="Cán bộ trung tâm")
    for kind in (PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS):
        with django_capture_on_commit_callbacks(execute=True):
            restriction = PageViewRestriction.objects.create(page=brocade, restriction_type=kind, password="bi-mat")
            if kind == PageViewRestriction.GROUPS:
                restriction.groups.add(group)
        assert shown() == (False, False, False), kind
        settings.CATALOGUE_SEARCH_BACKEND = "database"
        assert brocade.title not in titles(catalogue_search("tho cam"))  # what the database does
        settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
        with django_capture_on_commit_callbacks(execute=True):
            restriction.delete()
        assert shown() == (True, True, True), kind

    artisan = live.pages["artisan"]
    section = artisan.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    refresh_all()
    assert artisan.title not in [hit[0] for hit in site_hits("Ksor H'Bia")]
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    refresh_all()
    assert [hit[0] for hit in site_hits("Ksor H'Bia")][:1] == [artisan.title]


def test_a_page_moved_under_a_private_section_leaves_the_engine(live, django_capture_on_commit_callbacks):
    """Finding 2 (moves): the database's ``.public()`` hides a page moved under a section behind a login; so does
    the engine, and moving it back brings it back."""
    from wagtail.models import PageViewRestriction

    from tests.factories.home import StandardPageFactory

    with django_capture_on_commit_callbacks(execute=True):
        private = StandardPageFactory(title="Nội bộ", slug="noi-bo", parent=ensure_site())
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        spare = ProductPageFactory(
            title="Tiêu đen Chư Pưh", slug="tieu-den-chu-puh", producer=live.products["honey"].producer
        )
        spare.save_revision().publish()
    home = spare.get_parent()
    try:
        refresh_all()
        assert "Tiêu đen Chư Pưh" in titles(catalogue_search("tieu den"))
        with django_capture_on_commit_callbacks(execute=True):
            ProductPage.objects.get(pk=spare.pk).move(private, pos="last-child")
        refresh_all()
        assert "Tiêu đen Chư Pưh" not in titles(catalogue_search("tieu den"))
        with django_capture_on_commit_callbacks(execute=True):
            ProductPage.objects.get(pk=spare.pk).move(home, pos="last-child")
        refresh_all()
        assert "Tiêu đen Chư Pưh" in titles(catalogue_search("tieu den"))
    finally:
        engine_client.get_client(check_down=False).delete_document(f"{PREFIX}-products", spare.pk)
        refresh_all()
