"""Issue 16, tester's findings on the editors' forms of the programmes apps: every text field is cleaned
(``clean_text``) before validation, every database rule of the apps is a field error in Vietnamese (never a 500,
never a constraint's name), one phone rule, amounts typed the Vietnamese way, logical dates, source-language
pickers."""

import datetime

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.admin_help import editor_panels
from core.numbers import AmountField
from programmes.choices import ProjectStatus
from programmes.models import ProjectIndexPage, ProjectPage
from programmes.training.models import Collaborator, CourseIndexPage, CoursePage
from tests.factories import CommuneFactory, CraftVillagePageFactory, programme_content, project_index
from tests.factories.training import CoursePageFactory

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\ufeff\x07"
RAW_NAMES = (
    "project_cancelled_has_reason",
    "course_capacity_at_least_one",
    "course_dates_order",
    "collaborator_public_contact_needs_consent_date",
    "ràng buộc",
)


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.org", "x-pass-123"))
    return client


def _project_data(**overrides):
    content = programme_content()
    data = {
        "title": "Hỗ trợ máy rang cà phê",
        "slug": "ho-tro-may-rang",
        "year": "2025",
        "funding_source": "local",
        "programme_content": str(content.pk),
        "decision_number": "215/QĐ-SCT",
        "decision_date": "2025-03-01",
        "support_amount": "1.500.000",
        "counterpart_amount": "0",
        "status": ProjectStatus.CANCELLED,
        "cancellation_reason": INVISIBLE,
        "photos": inline_formset([]),
        "documents": inline_formset([]),
        "related_news": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_cancellation_reason_of_invisible_characters_is_a_field_error_not_a_500(admin_client):
    add = reverse("wagtailadmin_pages:add", args=("programmes", "projectpage", project_index().pk))
    response = admin_client.post(add, _project_data())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đề án bị hủy phải có lý do hủy" in html
    assert not any(name in html for name in RAW_NAMES)
    assert not ProjectPage.objects.filter(slug="ho-tro-may-rang").exists()


def test_a_reason_is_kept_clean_and_dropped_when_the_project_is_not_cancelled(admin_client):
    add = reverse("wagtailadmin_pages:add", args=("programmes", "projectpage", project_index().pk))
    admin_client.post(add, _project_data(cancellation_reason=f"Thiếu{INVISIBLE} vốn đối ứng"))
    assert ProjectPage.objects.get(slug="ho-tro-may-rang").cancellation_reason == "Thiếu vốn đối ứng"
    admin_client.post(
        add, _project_data(slug="dang-lam", status=ProjectStatus.IN_PROGRESS, cancellation_reason="Lý do cũ")
    )
    assert ProjectPage.objects.get(slug="dang-lam").cancellation_reason == ""


def _editor_form(model):
    return editor_panels(model).get_form_class()


@pytest.mark.parametrize("model", [ProjectPage, ProjectIndexPage, CoursePage, CourseIndexPage, Collaborator])
def test_every_text_field_of_every_editor_form_is_cleaned_before_validation(model, home_page):
    form = _editor_form(model)()
    plain = [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field, AmountField) and name != "body"
    ]
    assert "title" in plain or "full_name" in plain
    for name in plain:
        field = form.fields[name]
        assert field.to_python(f"A{INVISIBLE}b") == "Ab", name
        if field.required:
            with pytest.raises(forms.ValidationError):
                field.clean(INVISIBLE)


def test_course_rules_are_field_errors_in_vietnamese(home_page):
    course = CoursePageFactory()
    course.capacity = 0
    course.end_date = course.start_date - datetime.timedelta(days=1)
    course.registration_deadline = course.start_date + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    errors = error.value.message_dict
    assert errors["capacity"] == ["Số chỗ phải từ 1 trở lên."]
    assert errors["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert errors["registration_deadline"] == ["Hạn đăng ký không được sau ngày bắt đầu khóa học."]
    assert not any(name in str(errors) for name in RAW_NAMES)


def test_course_fee_is_typed_the_vietnamese_way(home_page):
    field = _editor_form(CoursePage)().fields["fee"]
    assert field.clean("1.500.000") == 1_500_000
    assert field.clean("") is None


def _collaborator_form(**overrides):
    commune = CommuneFactory(name="Ia Grai", code="21556")
    data = {
        "full_name": "Rơ Mah Tuấn",
        "commune": str(commune.pk),
        "role": "Cán bộ xã",
        "phone": "",
        "email": "",
        "consent_date": "",
        "active": "on",
    }
    data.update(overrides)
    return _editor_form(Collaborator)(data=data, instance=Collaborator())


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"full_name": "\u200b\u200b"}, "full_name", "Vui lòng nhập họ và tên."),
        ({"phone": "abc<script>"}, "phone", "Số điện thoại cần 10 hoặc 11 chữ số"),
        ({"contact_public": "on"}, "consent_date", "Chỉ công khai liên hệ khi đã ghi ngày người này đồng ý."),
        ({"consent_date": "2099-01-01"}, "consent_date", "Ngày đồng ý không được ở tương lai."),
    ],
)
def test_collaborator_form_refuses_with_a_field_error(home_page, overrides, field, message):
    form = _collaborator_form(**overrides)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])
    assert not any(name in str(form.errors) for name in RAW_NAMES)


def test_collaborator_phone_is_normalised_like_the_registration_phone(home_page):
    today = timezone.localdate().isoformat()
    form = _collaborator_form(phone="+84 911 000 005", contact_public="on", consent_date=today)
    assert form.is_valid(), form.errors
    assert form.save().phone == "0911000005"


def test_the_village_picker_offers_only_vietnamese_villages(home_page):
    village = CraftVillagePageFactory(title="Làng dệt Ia Mơ Nông")
    english = village.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0], copy_parents=True)
    field = _editor_form(ProjectPage)().fields["villages"]
    offered = set(field.queryset.values_list("pk", flat=True))
    assert village.pk in offered and english.pk not in offered
