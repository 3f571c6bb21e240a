"""The registry of searchable types (search/searchable.py) and the receivers that keep the index in step with the
registry's records (registry/catalogue/signals.py, search/signals.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import searchable
from search.elastic import indexing, tasks
from search.results import SiteHit
from search.site import site_search
from tests.search_data import build_catalogue


@pytest.fixture
def elastic_offline(settings, monkeypatch):
    """Elasticsearch configured (unreachable) and the index tasks recorded instead of run."""
    settings.CATALOGUE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    cache.clear()
    calls = []

    class Recorder:
        def __init__(self, action):
            self.action = action

        def enqueue(self, label, pk):
            calls.append((self.action, label, pk))

    monkeypatch.setattr(tasks, "update_search_document", Recorder("update"))
    monkeypatch.setattr(tasks, "delete_search_document", Recorder("delete"))
    yield calls
    cache.clear()


def test_the_apps_register_their_searchable_types_in_index_order(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "kc"
    assert [kind.label for kind in searchable.types()] == [
        "catalogue.productpage",
        "catalogue.producer",
        "catalogue.artisanpage",
        "catalogue.craftvillagepage",
        "news.newspage",
        "wagtailcore.page",  # every other page type (standard pages, bulletins, announcements, section pages)
    ]
    assert [kind.label for kind in searchable.non_page_types()] == ["catalogue.producer"]
    assert [document.alias() for document in indexing.documents()] == [
        "kc-products",
        "kc-producers",
        "kc-artisans",
        "kc-villages",
        "kc-news",
        "kc-pages",
    ]
    assert indexing.document_for("Catalogue.ProductPage").model_label == "catalogue.productpage"
    assert indexing.document_for("catalogue.certificate") is None


@pytest.mark.django_db
def test_revoking_a_certificate_reindexes_its_product(home_page, elastic_offline, django_capture_on_commit_callbacks):
    """The product's levels and years (catalogue facets) come from its certificates that count."""
    products = build_catalogue()
    certificate = products["brocade"].certificates.order_by("year").first()
    elastic_offline.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = "Sai hồ sơ"
        certificate.save()
    assert ("update", "catalogue.productpage", products["brocade"].pk) in elastic_offline
    elastic_offline.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate.delete()
    assert elastic_offline == [("update", "catalogue.productpage", products["brocade"].pk)]


@pytest.mark.django_db
def test_with_the_database_backend_saving_a_producer_enqueues_nothing_and_reads_nothing(
    home_page, settings, django_capture_on_commit_callbacks
):
    settings.CATALOGUE_SEARCH_BACKEND = "database"
    producer = build_catalogue()["brocade"].producer
    with django_capture_on_commit_callbacks() as callbacks, CaptureQueriesContext(connection) as queries:
        producer.save()
    assert [callback for callback in callbacks if callback.__module__ != "core.page_cache"] == []  # no index task
    assert not [q["sql"] for q in queries.captured_queries if "catalogue_productpage" in q["sql"]]


@pytest.mark.django_db
def test_site_search_finds_a_registered_record_that_is_not_a_page(home_page):
    products = build_catalogue()
    producer = products["brocade"].producer
    page = site_search(producer.name, 1)
    hits = [hit for hit in page.object_list if hit.type_code == "producer"]
    assert hits and isinstance(hits[0], SiteHit)
    assert hits[0].url == producer.get_absolute_url()
    assert hits[0].kind == str(producer._meta.verbose_name)
