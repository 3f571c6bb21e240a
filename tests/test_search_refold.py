"""A record's folded search text that holds another record's words follows that record: a producer renamed is found
by its new name in the product search and the project list, an unpublished one no longer finds its projects, and a
producer's draft never gets in (search/mixins.py ``refold``, registry/catalogue/signals.py, programmes/signals.py)."""

import pytest

from tests.factories import CraftVillagePageFactory, ProducerFactory, ProductPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def _finds(client, url, title):
    return title in client.get(url).content.decode()


def test_a_renamed_producer_finds_its_products_and_projects_by_the_new_name(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    producer = ProducerFactory(name="Hợp tác xã Dệt Ia Mơ")
    ProductPageFactory(title="Khăn choàng Jrai", producer=producer)
    ProjectPageFactory(title="Khung dệt cải tiến", producers=[producer])
    assert not _finds(client, "/san-pham/?q=bo+ngoa", "Khăn choàng Jrai")

    producer.name = "Hợp tác xã Thổ cẩm Bơ Ngòa"
    producer.save()

    assert _finds(client, "/san-pham/?q=bo+ngoa", "Khăn choàng Jrai")
    assert _finds(client, "/de-an-khuyen-cong/?q=bo+ngoa", "Khung dệt cải tiến")
    assert not _finds(client, "/san-pham/?q=ia+mo", "Khăn choàng Jrai")

    producer.live = False
    producer.save()
    assert not _finds(client, "/de-an-khuyen-cong/?q=bo+ngoa", "Khung dệt cải tiến")


def test_a_producers_draft_name_stays_out_of_its_products_search(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    producer = ProducerFactory(name="Cơ sở Rượu cần Kon Chiêng")
    ProductPageFactory(title="Rượu cần ché nhỏ", producer=producer)
    producer.name = "Tên nháp chưa duyệt Plei Kần"
    producer.save_revision()
    assert not _finds(client, "/san-pham/?q=plei+kan", "Rượu cần ché nhỏ")
    assert _finds(client, "/san-pham/?q=kon+chieng", "Rượu cần ché nhỏ")


def test_a_renamed_village_finds_its_projects_by_the_new_name(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    village = CraftVillagePageFactory(title="Làng gốm Plei Ơi")
    ProjectPageFactory(title="Lò nung gốm cải tiến", villages=[village])
    village.title = "Làng gốm Plei Ơi Mới"
    village.save_revision().publish()
    assert _finds(client, "/de-an-khuyen-cong/?q=plei+oi+moi", "Lò nung gốm cải tiến")
