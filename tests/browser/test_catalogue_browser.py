"""A visitor walks home → products → filter by group → product → certificate verification (via its QR link),
then sees one marker per craft village on the map. Everything but map tiles is served locally."""

import re

import pytest
from playwright.sync_api import expect

from registry.catalogue.choices import ProductGroup
from tests.factories import (
    CertificateFactory,
    CraftVillagePageFactory,
    ProductPageFactory,
    artisan_index,
    ensure_site,
    product_index,
    village_index,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def registry(settings):
    settings.MAP_TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    ensure_site()
    product_index()
    village_index()
    artisan_index()
    brocade = ProductPageFactory(
        title="Khăn thổ cẩm Jrai", slug="khan-tho-cam-jrai", product_group=ProductGroup.HANDICRAFT
    )
    ProductPageFactory(
        title="Cà phê rang xay Ia Grai", slug="ca-phe-rang-xay", product_group=ProductGroup.PROCESSED_FOOD
    )
    certificate = CertificateFactory(product=brocade, serial="GL-2024-0007")
    CraftVillagePageFactory(title="Làng Phung", latitude="13.995", longitude="107.989")
    CraftVillagePageFactory(title="Làng rượu Bàu Đá", latitude="13.882", longitude="109.013")
    CraftVillagePageFactory(title="Làng nón ngựa Phú Gia", latitude="14.015", longitude="109.062")
    CraftVillagePageFactory(title="Làng chưa có tọa độ", latitude=None, longitude=None)
    return certificate


def test_visitor_verifies_a_certificate_and_sees_the_village_map(page, live_server, registry):
    host = live_server.url
    external = []

    def block_external(route):
        if not route.request.url.startswith(host):
            external.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", block_external)

    page.goto(host + "/")
    page.locator(".site-nav__list").get_by_role("link", name="Sản phẩm").first.click()
    expect(page).to_have_url(re.compile(r"/san-pham/$"))

    checkbox = page.locator('input[name="group"][value="handicraft"]')
    if checkbox.count():
        checkbox.first.check()
        page.locator("#catalogue-form").evaluate("form => form.requestSubmit()")
    else:  # the faceted listing is not there: filter through the query string
        page.goto(host + "/san-pham/?group=handicraft")
    expect(page).to_have_url(re.compile(r"group=handicraft"))
    expect(page.get_by_role("link", name="Khăn thổ cẩm Jrai")).to_be_visible()
    expect(page.get_by_role("link", name="Cà phê rang xay Ia Grai")).to_have_count(0)

    page.get_by_role("link", name="Khăn thổ cẩm Jrai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Khăn thổ cẩm Jrai")
    expect(page.locator(".certificate__qr svg")).to_be_visible()
    page.locator("a.certificate__verify").first.click()
    expect(page).to_have_url(re.compile(r"/xac-minh/[A-Za-z0-9_-]{32,}/$"))
    expect(page.locator(".verify-banner")).to_contain_text("Giấy chứng nhận này là thật và còn hiệu lực")
    expect(page.locator(".verify")).to_contain_text("GL-2024-0007")

    page.goto(host + "/lang-nghe/")
    page.locator(".village-map").scroll_into_view_if_needed()  # the map loads Leaflet once it is on screen
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    page.wait_for_timeout(500)  # markercluster settles
    # Each village with coordinates once: alone, or counted in a cluster (Bàu Đá and Phú Gia are 6 km apart).
    shown = page.locator(".leaflet-marker-icon").evaluate_all(
        "els => els.map(e => { const n = e.querySelector('.village-cluster__count'); return n ? +n.textContent : 1; })"
    )
    assert sum(shown) == 3, shown
    expect(page.get_by_role("link", name="Làng chưa có tọa độ")).to_be_visible()
    assert all(url.startswith("https://tiles.invalid/") for url in external), external
