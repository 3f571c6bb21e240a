"""Public registry pages: product, producer, artisans, craft villages (filters, sorting, map), findability."""

import json
import re

import pytest

from registry.catalogue.choices import TradeGroup, VillageType
from registry.catalogue.models import ArtisanTitle, TitleKind, TradeGroupTag
from tests.factories import (
    ArtisanPageFactory,
    CertificateFactory,
    CommuneFactory,
    CraftVillagePageFactory,
    ImageFactory,
    ProducerFactory,
    ProductPageFactory,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def jsonld(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_product_page_shows_producer_village_artisans_and_certificates(client, home_page):
    village = CraftVillagePageFactory(title="Làng dệt thổ cẩm Phung")
    artisan = ArtisanPageFactory(title="Rơ Châm H'Lin")
    producer = ProducerFactory(name="Tổ hợp tác Dệt Phung", phone="0352 118 105", email="det@phung.vn")
    product = ProductPageFactory(
        title="Khăn thổ cẩm Jrai", producer=producer, craft_village=village, hero_image=ImageFactory()
    )
    product.artisans.set([artisan])
    product.save()
    valid = CertificateFactory(product=product, serial="GL-2024-0100")
    CertificateFactory(product=product, serial="GL-2019-0001", expired=True)
    CertificateFactory(product=product, serial="GL-2020-0002", revoked=True)

    html = client.get(product.url).content.decode()
    assert "Khăn thổ cẩm Jrai" in html
    assert producer.get_absolute_url() in html and "0352 118 105" in html and "det@phung.vn" in html
    assert village.url in html and artisan.url in html
    assert "Còn hiệu lực" in html and "Hết hiệu lực" in html and "Đã thu hồi" in html
    assert valid.get_verification_path() in html
    assert 'property="og:image"' in html and 'property="og:type" content="product"' in html
    data = jsonld(html)[0]
    assert data["@type"] == "Product" and data["manufacturer"]["name"] == "Tổ hợp tác Dệt Phung"
    assert 'srcset="' in html


def test_producer_profile_lists_its_live_products(client, home_page):
    producer = ProducerFactory(name="Hợp tác xã Cà phê Ia Grai", slug="htx-ca-phe-ia-grai")
    ProductPageFactory(title="Cà phê rang xay", producer=producer)
    draft = ProductPageFactory(title="Cà phê chưa duyệt", producer=producer)
    draft.unpublish()
    ProductPageFactory(title="Sản phẩm của cơ sở khác")
    response = client.get("/co-so/htx-ca-phe-ia-grai/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cà phê rang xay" in html
    assert "Cà phê chưa duyệt" not in html and "Sản phẩm của cơ sở khác" not in html
    assert jsonld(html)[0]["@type"] == "Organization"
    assert client.get("/co-so/khong-co/").status_code == 404
    assert client.get("/co-so/htx-ca-phe-ia-grai/?page=abc").status_code == 200


def test_producer_pagination(client, home_page):
    producer = ProducerFactory(slug="nhieu-san-pham")
    for n in range(14):
        ProductPageFactory(title=f"Sản phẩm {n:02d}", producer=producer)
    first = client.get("/co-so/nhieu-san-pham/").content.decode()
    second = client.get("/co-so/nhieu-san-pham/?page=2").content.decode()
    assert "Sản phẩm 00" in first and "Sản phẩm 13" not in first
    assert "Sản phẩm 13" in second
    assert client.get("/co-so/nhieu-san-pham/?page=999").status_code == 200


def _titles(html, css_class):
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_artisan_index_filters_and_sorting(client, home_page):
    kinds = {k.name: k for k in TitleKind.objects.all()}
    pleiku = CommuneFactory(name="Pleiku", code="21550")
    an_nhon = CommuneFactory(name="An Nhơn", code="21554")
    a = ArtisanPageFactory(title="Rơ Châm H'Lin", commune=pleiku, years_in_trade=45)
    b = ArtisanPageFactory(title="Võ Văn Sang", commune=an_nhon, years_in_trade=40)
    ArtisanTitle.objects.create(page=a, kind=kinds["Nghệ nhân nhân dân"])
    ArtisanTitle.objects.create(page=b, kind=kinds["Thợ giỏi"])
    html = client.get("/nghe-nhan/").content.decode()
    assert _titles(html, "") == ["Rơ Châm H&#x27;Lin", "Võ Văn Sang"]
    assert "Nghệ nhân nhân dân" in html
    by_title = client.get(f"/nghe-nhan/?title={kinds['Thợ giỏi'].pk}").content.decode()
    assert _titles(by_title, "") == ["Võ Văn Sang"]
    by_commune = client.get("/nghe-nhan/?commune=21550").content.decode()
    assert _titles(by_commune, "") == ["Rơ Châm H&#x27;Lin"]
    html = client.get("/nghe-nhan/?sort=experience").content.decode()
    assert _titles(html, "")[0] == "Rơ Châm H&#x27;Lin"


def test_artisan_page(client, home_page):
    village = CraftVillagePageFactory(title="Làng Phung")
    artisan = ArtisanPageFactory(title="Rơ Châm H'Lin", craft_village=village, trainees=160, portrait=ImageFactory())
    ArtisanTitle.objects.create(
        page=artisan, kind=TitleKind.objects.get(name="Nghệ nhân ưu tú"), decision_number="1/QĐ"
    )
    html = client.get(artisan.url).content.decode()
    assert "Nghệ nhân ưu tú" in html and "1/QĐ" in html and "160" in html and village.url in html
    assert jsonld(html)[0]["@type"] == "Person"


def test_village_index_filters_map_and_list(client, home_page, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    handicrafts = TradeGroupTag.objects.get(code=TradeGroup.HANDICRAFTS)
    food = TradeGroupTag.objects.get(code=TradeGroup.AGRI_PROCESSING)
    pleiku = CommuneFactory(name="Pleiku", code="21550")
    phung = CraftVillagePageFactory(title="Làng Phung", village_type=VillageType.TRADITIONAL, commune=pleiku)
    phung.trade_groups.set([handicrafts])
    phung.save()
    bau_da = CraftVillagePageFactory(title="Làng rượu Bàu Đá", latitude="13.882", longitude="109.013")
    bau_da.trade_groups.set([food])
    bau_da.save()
    CraftVillagePageFactory(title="Làng chưa có tọa độ", latitude=None, longitude=None)

    html = client.get("/lang-nghe/").content.decode()
    assert "tiles.example.org" in html and "vendor/leaflet/leaflet.js" in html
    geojson = client.get(re.search(r'data-geojson="([^"]+)"', html).group(1)).json()  # the map's villages
    assert sorted(f["properties"]["name"] for f in geojson["features"]) == ["Làng Phung", "Làng rượu Bàu Đá"]
    assert "Làng chưa có tọa độ" in html  # the plain list has every village
    assert _titles(client.get("/lang-nghe/?type=traditional").content.decode(), "") == ["Làng Phung"]
    assert _titles(client.get("/lang-nghe/?trade=agri-processing").content.decode(), "") == ["Làng rượu Bàu Đá"]
    assert _titles(client.get("/lang-nghe/?commune=21550").content.decode(), "") == ["Làng Phung"]


def test_village_page(client, home_page):
    village = CraftVillagePageFactory(title="Làng rượu Bàu Đá", households_total=400, households_in_trade=100)
    ProductPageFactory(title="Rượu Bàu Đá ủ chum", craft_village=village)
    html = client.get(village.url).content.decode()
    assert "25,0%" in html and "Rượu Bàu Đá ủ chum" in html
    data = jsonld(html)[0]
    assert data["@type"] == "Place" and data["geo"]["latitude"] == 13.98


@pytest.mark.parametrize(
    "path",
    [
        "/nghe-nhan/?title=xyz&commune=%00&page=abc&sort=-1",
        "/nghe-nhan/?page=-5&title=99999999999999999999",
        "/lang-nghe/?group=xyz&page=abc&year=-1&type=%27&trade[]=1",
        "/lang-nghe/?page=99999999999999999999999",
        "/co-so/x/?page=abc",
        "/nghe-nhan/?page=%C2%B2&sort=%F0%9F%98%80",
        "/lang-nghe/?page=%C2%B2",
    ],
)
def test_garbage_query_strings_never_500(client, home_page, path):
    CraftVillagePageFactory()
    ArtisanPageFactory()
    assert client.get(path).status_code in (200, 404)


def test_sitemap_has_pages_and_producers(client, home_page):
    product = ProductPageFactory(slug="ca-phe-ia-grai")
    xml = sitemap_text(client)
    assert "/san-pham/ca-phe-ia-grai/" in xml
    assert product.producer.get_absolute_url() in xml


def test_api_exposes_catalogue_fields(client, home_page):
    cert = CertificateFactory()
    data = client.get("/api/v2/pages/?type=catalogue.ProductPage&fields=*").json()
    item = data["items"][0]
    assert item["product_group"] == "processed-food"
    assert item["producer"]["slug"] == cert.product.producer.slug
    assert item["certificates"][0]["serial"] == cert.serial
    assert "verification_code" not in json.dumps(data)
    producers = client.get("/api/v2/producers/").json()
    assert producers["meta"]["total_count"] == 1
