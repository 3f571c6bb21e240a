"""Issue 14 (tester's report t14, item 4): a draft or a lock of a record searched by its folded text (products,
producers, villages, artisans, projects, courses: search/mixins.py adds ``search_folded`` to Wagtail's partial saves)
keeps the page-cache generation; publishing still starts a new one, and so does a fold that really changes."""

import pytest
from django.urls import reverse

from core.page_cache import generation
from registry.catalogue.models import Producer
from tests.factories import (
    ArtisanPageFactory,
    CraftVillagePageFactory,
    ProducerFactory,
    ProductPageFactory,
    ProjectPageFactory,
    UserFactory,
    project_index,
)
from tests.factories.training import CoursePageFactory

PAGE_KINDS = {
    "product": lambda: ProductPageFactory(title="Tiêu đen hữu cơ Chư Sê"),
    "village": lambda: CraftVillagePageFactory(title="Làng dệt Ia Mơ Nông"),
    "artisan": lambda: ArtisanPageFactory(title="Nghệ nhân Rơ Châm H'Nhí"),
    "project": lambda: ProjectPageFactory(title="Máy sấy cà phê", parent=project_index()),
    "course": lambda: CoursePageFactory(title="Đào tạo dệt thổ cẩm"),
}


@pytest.fixture(autouse=True)
def _site(home_page):
    from core.models import SiteSettings

    SiteSettings.load()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_a_draft_of_a_searched_page_keeps_the_generation_and_its_publish_starts_one(kind):
    page = PAGE_KINDS[kind]()
    page = type(page).objects.get(pk=page.pk)
    before = generation()
    page.title = page.title + " (bản nháp)"
    revision = page.save_revision()  # "Lưu nháp"
    assert generation() == before, kind
    stored = type(page).objects.get(pk=page.pk)
    assert "ban nhap" not in stored.search_folded  # the public fold did not take the draft's words

    revision.publish()
    assert generation() > before, kind


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_locking_and_unlocking_a_searched_page_keeps_the_generation(kind):
    page = PAGE_KINDS[kind]()
    page = type(page).objects.get(pk=page.pk)
    before = generation()
    page.locked = True
    page.save(update_fields=["locked", "locked_by", "locked_at"])  # what "Khoá" does
    page.locked = False
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    assert generation() == before, kind


def test_a_producer_draft_keeps_the_generation_and_its_publish_starts_one():
    producer = Producer.objects.get(pk=ProducerFactory(name="Liên hiệp HTX Tiêu Chư Sê").pk)
    before = generation()
    producer.name = "Liên hiệp HTX Tiêu Chư Sê (bản nháp)"
    revision = producer.save_revision()
    assert generation() == before
    assert "ban nhap" not in Producer.objects.get(pk=producer.pk).search_folded

    revision.publish()
    assert generation() > before
    assert "ban nhap" in Producer.objects.get(pk=producer.pk).search_folded


def test_the_admins_producer_draft_keeps_the_generation(client):
    producer = ProducerFactory(name="Liên hiệp HTX Tiêu Chư Sê")
    producer.save_revision().publish()
    editor = type(client)()
    editor.force_login(UserFactory(superuser=True))
    url = reverse("wagtailsnippets_catalogue_producer:edit", args=[producer.pk])
    form = editor.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = [v.pk if hasattr(v, "pk") else v for v in value] if isinstance(value, list) else value
    for prefix, formset in (editor.get(url).context.get("form").formsets or {}).items():
        data.update({f"{prefix}-{key}": value for key, value in formset.management_form.initial.items()})
    data["name"] = "Liên hiệp HTX Tiêu Chư Sê (nháp)"
    before = generation()
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert Producer.objects.get(pk=producer.pk).latest_revision.as_object().name.endswith("(nháp)")
    assert generation() == before


def test_a_draft_whose_fold_was_out_of_date_starts_a_new_generation():
    """The partial save folds the stored row: when that differs from the stored fold (written before a rule
    changed, or by an update that bypassed ``save``), the search finds other words afterwards, which must flush."""
    product = ProductPageFactory(title="Tiêu đen hữu cơ Chư Sê")
    type(product).objects.filter(pk=product.pk).update(search_folded="chu cu")
    page = type(product).objects.get(pk=product.pk)
    before = generation()
    page.save_revision()
    assert generation() > before
