"""Issue 15, item 6: a producer proposes corrections to its public record; they become revisions that the registry
staff approve through the Wagtail workflow "Duyệt đề nghị sửa của cơ sở" before anything public changes."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.models import WorkflowState

from core.roles import REGISTRY_STAFF, SECTION_CATALOGUE, ensure_roles
from registry.catalogue.models import Producer, ProductPage
from registry.producers import corrections
from tests.factories import ProducerAccountFactory, ProductPageFactory, UserFactory
from tests.factories.catalogue import product_index


def png(name="anh.png", size=(40, 30)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def account(home_page):
    return ProducerAccountFactory(producer__name="HTX Cà phê Chư Sê", producer__description="Cà phê sạch.")


@pytest.fixture
def product(account):
    return ProductPageFactory(producer=account.producer, title="Cà phê bột Chư Sê", summary="Cà phê rang xay.")


@pytest.fixture
def staff(home_page):
    ensure_roles({SECTION_CATALOGUE: [product_index()]})
    user = UserFactory(username="sodangky", staff=True)
    user.groups.add(Group.objects.get(name=REGISTRY_STAFF.name))
    return user


def producer_form(producer, **changes):
    data = {
        "name": producer.name,
        "address": producer.address,
        "phone": producer.phone,
        "email": producer.email,
        "website_url": producer.website,
        "description": producer.description,
    }
    data.update(changes)
    return data


def product_form(page, **changes):
    data = {name: getattr(page, name) for name in corrections.PRODUCT_FIELDS}
    data.update(changes)
    return data


def public_html(client, url):
    client.logout()
    return client.get(url).content.decode()


def current_task_state(obj):
    return type(obj).objects.get(pk=obj.pk).current_workflow_state.current_task_state


def test_a_profile_proposal_is_a_revision_and_the_public_page_keeps_the_live_version(client, account):
    producer = account.producer
    client.force_login(account.user)
    response = client.post(
        reverse("producers:correct-producer"),
        producer_form(producer, description="Cà phê\x0b hữu cơ\u202e mới", phone="0905 111 222"),
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.description == "Cà phê sạch."  # live row unchanged
    assert producer.has_unpublished_changes and producer.live
    assert "huu co" not in producer.search_folded
    draft = producer.latest_revision.as_object()
    assert draft.description == "Cà phê  hữu cơ mới"  # vertical tab → space, bidi override removed
    assert draft.phone == "0905 111 222"
    assert producer.current_workflow_state.workflow.name == corrections.WORKFLOW_NAME
    assert "Cà phê sạch." in public_html(client, producer.get_absolute_url())
    assert "hữu cơ" not in public_html(client, producer.get_absolute_url())


def test_approval_publishes_the_proposal(client, account, staff):
    producer = account.producer
    client.force_login(account.user)
    client.post(reverse("producers:correct-producer"), producer_form(producer, description="Cà phê hữu cơ."))
    task_state = current_task_state(producer)
    client.force_login(staff)
    url = reverse("wagtailsnippets_catalogue_producer:workflow_action", args=(producer.pk, "approve", task_state.pk))
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    producer.refresh_from_db()
    assert producer.description == "Cà phê hữu cơ."
    assert not producer.has_unpublished_changes
    assert "Cà phê hữu cơ." in public_html(client, producer.get_absolute_url())
    client.force_login(account.user)
    html = client.get("/co-so-san-xuat/").content.decode()
    assert "Đã duyệt, đã công bố" in html


def test_rejection_leaves_live_and_shows_the_comment(client, account, product, staff):
    client.force_login(account.user)
    client.post(
        reverse("producers:correct-product", args=[product.pk]),
        product_form(product, summary="Ngon nhất thế giới."),
    )
    task_state = current_task_state(product)
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:workflow_action", args=(product.pk, "reject", task_state.pk))
    assert client.post(url, {"comment": "Không dùng lời quảng cáo tuyệt đối."}).status_code in (200, 302)
    page = ProductPage.objects.get(pk=product.pk)
    assert page.summary == "Cà phê rang xay."
    assert not page.has_unpublished_changes  # staff reopening the page edit the live content
    assert page.get_latest_revision_as_object().summary == "Cà phê rang xay."
    assert "Ngon nhất" not in public_html(client, page.url)
    client.force_login(account.user)
    html = client.get("/co-so-san-xuat/").content.decode()
    assert "Không được chấp nhận" in html and "Không dùng lời quảng cáo tuyệt đối." in html
    # The producer may propose again: the rejected proposal is closed, a new one waits.
    response = client.post(
        reverse("producers:correct-product", args=[product.pk]), product_form(product, summary="Cà phê rang mộc.")
    )
    assert response.status_code == 302
    assert current_task_state(product).status == "in_progress"
    assert "Đang chờ duyệt" in client.get("/co-so-san-xuat/").content.decode()


def test_product_photos_reach_the_revision_not_the_page(client, account, product, staff):
    client.force_login(account.user)
    response = client.post(
        reverse("producers:correct-product", args=[product.pk]),
        {**product_form(product), "hero": png("chinh.png"), "photos": [png("a.png"), png("b.webp.png")]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ProductPage.objects.get(pk=product.pk)
    assert page.hero_image_id is None and page.gallery_images.count() == 0
    draft = page.get_latest_revision_as_object()
    assert draft.hero_image is not None and len(draft.gallery_images.all()) == 2
    assert "chinh" not in draft.hero_image.file.name  # stored under a random name
    corrections.ensure_workflow()
    current_task_state(page).approve(user=staff)
    page = ProductPage.objects.get(pk=product.pk)
    assert page.hero_image_id == draft.hero_image.pk and page.gallery_images.count() == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.pdf", b"%PDF-1.4 ...", content_type="application/pdf"), "Chỉ nhận ảnh"),
        (SimpleUploadedFile("a.png", b"<html><script>", content_type="image/png"), "không đúng định dạng"),
        (SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0 not really", content_type="image/jpeg"), "Không đọc được"),
    ],
    ids=["type", "content", "broken"],
)
def test_bad_pictures_are_refused_with_a_message(client, account, upload, message):
    client.force_login(account.user)
    response = client.post(reverse("producers:correct-producer"), {**producer_form(account.producer), "logo": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert account.producer.revisions.count() == 0


def test_too_large_pictures_are_refused(client, account, settings):
    settings.PRODUCER_DOSSIER_MAX_BYTES = 100
    client.force_login(account.user)
    response = client.post(reverse("producers:correct-producer"), {**producer_form(account.producer), "logo": png()})
    assert response.status_code == 400 and "Tệp lớn hơn" in response.content.decode()


def test_nothing_changed_and_a_waiting_proposal_are_refused(client, account):
    client.force_login(account.user)
    url = reverse("producers:correct-producer")
    response = client.post(url, producer_form(account.producer))
    assert response.status_code == 400 and "chưa thay đổi" in response.content.decode()
    assert client.post(url, producer_form(account.producer, address="Thôn 2")).status_code == 302
    page = client.get(url)
    assert "đang chờ cán bộ trung tâm duyệt" in page.content.decode() and b'name="address"' not in page.content
    assert client.post(url, producer_form(account.producer, address="Thôn 3")).status_code == 409
    assert WorkflowState.objects.filter(workflow__name=corrections.WORKFLOW_NAME).count() == 1


def test_a_producer_cannot_propose_for_another_producers_product(client, account, product):
    other = ProductPageFactory(producer=ProducerAccountFactory().producer)
    client.force_login(account.user)
    assert client.get(reverse("producers:correct-product", args=[product.pk])).status_code == 200
    assert client.get(reverse("producers:correct-product", args=[other.pk])).status_code == 404
    response = client.post(reverse("producers:correct-product", args=[other.pk]), product_form(other, summary="X"))
    assert response.status_code == 404
    assert not ProductPage.objects.get(pk=other.pk).has_unpublished_changes


def test_only_linked_producer_accounts_may_propose(client, account, product):
    url = reverse("producers:correct-producer")
    assert client.get(url)["Location"].startswith("/co-so-san-xuat/dang-nhap/")
    client.force_login(UserFactory(staff=True))
    assert client.get(url).status_code == 403
    client.force_login(ProducerAccountFactory(producer=None, linked_at=None).user)
    assert client.get(url).status_code == 403
    # a record's page answers 404 to an account not acting for its producer (nothing says it exists)
    assert client.get(reverse("producers:correct-product", args=[product.pk])).status_code == 404


@pytest.mark.parametrize("name", ["wagtailadmin_home", "wagtailsnippets_catalogue_producer:list"])
def test_a_producer_account_never_reaches_the_admin(client, account, name):
    client.force_login(account.user)
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


def test_staff_see_the_proposal_waiting_for_review(client, account, staff):
    client.force_login(account.user)
    client.post(reverse("producers:correct-producer"), producer_form(account.producer, address="Thôn 9"))
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert account.producer.name in html


def test_registry_staff_may_publish_producers(staff):
    assert staff.has_perm("catalogue.publish_producer")


def test_dashboard_queries_stay_constant_with_proposals(client, account, django_assert_max_num_queries):
    client.force_login(account.user)

    def add(count):
        for index in range(count):
            page = ProductPageFactory(producer=account.producer)
            corrections.propose_product(account, page, {"summary": f"Mô tả {index}"})

    add(1)
    with django_assert_max_num_queries(40) as small:
        assert client.get("/co-so-san-xuat/").status_code == 200
    add(9)
    corrections.propose_producer(account, {"address": "Thôn 5"})
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/co-so-san-xuat/").status_code == 200


def test_the_producer_gets_no_admin_mail_from_wagtail(client, account, staff, mailoutbox):
    client.force_login(account.user)
    client.post(reverse("producers:correct-producer"), producer_form(account.producer, address="Thôn 7"))
    mailoutbox.clear()
    current_task_state(Producer.objects.get(pk=account.producer.pk)).reject(user=staff, comment="Sai địa chỉ.")
    assert not [message for message in mailoutbox if account.user.email in message.to]


def test_a_producer_never_published_is_not_public(client, home_page):
    from registry.catalogue.opendata import producers
    from tests.factories import ProducerFactory

    draft = ProducerFactory(live=False)  # e.g. staff clicked "Lưu nháp" on a new producer
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft not in producers()


def test_the_workflow_is_set_up_once_for_the_registry_staff(staff):
    first, again = corrections.ensure_workflow(), corrections.ensure_workflow()
    assert first.pk == again.pk and first.active
    task = first.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [REGISTRY_STAFF.name]
    assert Producer.get_default_workflow() == first


@pytest.mark.parametrize("which", ["producer", "product"])
def test_proposal_forms_take_a_constant_number_of_queries(client, account, which, django_assert_max_num_queries):
    page = ProductPageFactory(producer=account.producer)
    url = (
        reverse("producers:correct-producer")
        if which == "producer"
        else reverse("producers:correct-product", args=[page.pk])
    )
    client.force_login(account.user)
    with django_assert_max_num_queries(25) as small:
        assert client.get(url).status_code == 200
    for index in range(9):
        corrections.propose_product(account, ProductPageFactory(producer=account.producer), {"summary": f"{index}"})
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
