"""Elasticsearch/OpenSearch backend, offline: an unreachable cluster (the ``unreachable`` fixture:
tests/conftest.py) — the database backend answers the catalogue, the listing, the site search and the suggestions,
the failure is remembered, and ``search_index`` says why it failed."""

import logging
import time

import pytest
from django.core.management import CommandError, call_command

from registry.catalogue.product_search.service import catalogue_search
from tests.search_data import build_catalogue


@pytest.mark.django_db
def test_fallback_to_database_when_cluster_is_down(home_page, unreachable, caplog):
    build_catalogue()
    caplog.set_level(logging.WARNING, logger="search")
    results = catalogue_search("tho cam")
    assert results.backend == "database"
    assert [hit.object.slug for hit in results.hits] == ["tho-cam-jrai"]
    assert "Search engine unavailable, the database backend answers" in caplog.text
    # The failure is remembered: the next search does not wait for the cluster again.
    started = time.monotonic()
    assert catalogue_search("ca phe").backend == "database"
    assert time.monotonic() - started < 0.5


@pytest.mark.django_db
def test_listing_and_site_search_answer_when_cluster_is_down(client, home_page, unreachable):
    build_catalogue()
    response = client.get("/san-pham/", {"q": "mat ong", "group": "processed-food"})
    assert response.status_code == 200
    assert "Mật ong hoa rừng" in response.content.decode()
    assert client.get("/tim-kiem/", {"q": "mat ong"}).status_code == 200
    assert client.get("/tim-kiem/goi-y/", {"q": "mat"}).json()["results"]


@pytest.mark.django_db
def test_rebuild_command_reports_an_unreachable_cluster(unreachable):
    with pytest.raises(CommandError, match="did not answer within .* or is unreachable"):
        call_command("search_index", "--rebuild")
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")
