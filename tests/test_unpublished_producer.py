"""Report t14, finding 1: once a producer is unpublished (``live=False``: its profile /co-so/<slug>/ answers 404),
no public page links to it any more — the product page's producer panel and its JSON-LD ``manufacturer``, the
certificate verification page and the published competition results, in Vietnamese and under /en/. The name stays
(the product is still certified, the certificate still genuine), shown without a link and without the withdrawn
profile's contact details. Rendered with the page cache on, as visitors get them."""

import json
import re

import pytest

from tests.factories import CertificateFactory, ProducerFactory, ProductPageFactory
from tests.test_competition_lists import add_entries, publish, results_url, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(home_page):
    producer = ProducerFactory(
        name="Liên hiệp HTX Tiêu Chư Sê", slug="lien-hiep-htx-tieu-chu-se", phone="0269 3811 222"
    )
    product = ProductPageFactory(title="Tiêu đen hữu cơ Chư Sê", producer=producer)
    certificate = CertificateFactory(product=product)
    return producer, product, certificate


def unpublish(producer):
    producer.unpublish()
    producer.refresh_from_db()
    assert producer.live is False


def manufacturer(html):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data["manufacturer"]
    raise AssertionError("no Product JSON-LD")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_product_page_names_an_unpublished_producer_without_linking_it(client, certified, prefix):
    producer, product, _certificate = certified
    url = prefix + product.url
    profile = f"{prefix}/co-so/{producer.slug}/"
    html = client.get(url).content.decode()
    assert f'href="{profile}"' in html and "0269 3811 222" in html
    assert manufacturer(html)["url"].endswith(profile)

    unpublish(producer)
    assert client.get(profile).status_code == 404
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert producer.name in html  # still named: the product stays certified
    assert f"/co-so/{producer.slug}/" not in html  # no link, in the panel or the JSON-LD
    assert "0269 3811 222" not in html  # the withdrawn profile's contact details are not shown either
    assert manufacturer(html) == {"@type": "Organization", "name": producer.name}


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_verification_page_names_an_unpublished_producer_without_linking_it(client, certified, prefix):
    producer, _product, certificate = certified
    url = prefix + certificate.get_verification_path()
    assert f'href="{prefix}/co-so/{producer.slug}/"' in client.get(url).content.decode()

    unpublish(producer)
    html = client.get(url).content.decode()
    assert producer.name in html and certificate.serial in html
    assert f"/co-so/{producer.slug}/" not in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_published_results_name_an_unpublished_producer_without_linking_it(client, world, prefix):  # noqa: F811
    competition, jurors, manager = world["competition"], world["jurors"], world["manager"]
    entries = add_entries(competition, jurors, 2)
    publish(competition, entries, manager)
    url = prefix + results_url(competition)
    gone, kept = entries[0].producer, entries[1].producer
    html = client.get(url).content.decode()
    assert f'href="{prefix}/co-so/{gone.slug}/"' in html

    unpublish(gone)
    html = client.get(url).content.decode()
    assert f">{gone.name}</td>" in html
    assert f"/co-so/{gone.slug}/" not in html
    assert f'href="{prefix}/co-so/{kept.slug}/"' in html  # the others are still linked


def test_public_url_follows_publication(home_page):
    producer = ProducerFactory(slug="co-so-mau")
    assert producer.public_url == "/co-so/co-so-mau/"
    unpublish(producer)
    assert producer.public_url == ""
