"""Issue 16, tester's findings on seats and attendance: raised capacity moves people off the waiting list (one
service under the row lock, e-mailed), staff promote by hand, only confirmed registrations count as trained
(cancelling clears attendance), the attendance message says what was saved, the e-mail is in the page's language,
a one-day course's XLSX header shows one date."""

import io

import pytest
from django.core import mail
from django.test import Client
from openpyxl import load_workbook
from wagtail.models import Locale

from programmes.training import stats
from programmes.training.choices import RegistrationStatus
from programmes.training.models import CoursePage, Registration
from programmes.training.services import cancel, fill_seats, register
from tests.factories import UserFactory
from tests.factories.training import CoursePageFactory, RegistrationFactory, course_index

pytestmark = pytest.mark.django_db


def _statuses(course):
    return list(
        Registration.objects.filter(course=course).order_by("created_at", "pk").values_list("status", flat=True)
    )


def test_raising_the_capacity_and_publishing_promotes_the_first_waiting(home_page, django_capture_on_commit_callbacks):
    course = CoursePageFactory(capacity=5)
    for i in range(9):
        register(course, {"full_name": f"Người {i}", "phone": f"09050000{i:02d}", "email": f"n{i}@example.org"})
    assert _statuses(course).count(RegistrationStatus.WAITING) == 4
    course = CoursePage.objects.get(pk=course.pk)
    course.capacity = 7
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert _statuses(course) == [RegistrationStatus.CONFIRMED] * 7 + [RegistrationStatus.WAITING] * 2
    assert sorted(m.to[0] for m in mail.outbox) == ["n5@example.org", "n6@example.org"]
    assert "danh sách chờ vào lớp" in mail.outbox[0].body


def test_a_newcomer_never_takes_a_seat_while_people_wait(home_page):
    course = CoursePageFactory(capacity=5)
    for i in range(9):
        register(course, {"full_name": f"Người {i}", "phone": f"09050000{i:02d}"})
    CoursePage.objects.filter(pk=course.pk).update(capacity=7)  # raised without publishing (e.g. a data fix)
    newcomer = register(CoursePage.objects.get(pk=course.pk), {"full_name": "Mới", "phone": "0915000000"})
    assert newcomer.status == RegistrationStatus.WAITING
    assert _statuses(course)[:7] == [RegistrationStatus.CONFIRMED] * 7


def test_fill_seats_is_idempotent(home_page):
    course = CoursePageFactory(capacity=1)
    RegistrationFactory(course=course)
    RegistrationFactory(course=course, status=RegistrationStatus.WAITING)
    assert fill_seats(course) == []


def test_staff_promote_by_hand_when_a_seat_is_free_and_not_when_full(client, home_page):
    course = CoursePageFactory(capacity=1)
    seated = RegistrationFactory(course=course)
    first, second = (RegistrationFactory(course=course, status=RegistrationStatus.WAITING) for _ in range(2))
    client.force_login(UserFactory(superuser=True))
    url = f"/admin/dao-tao/{course.pk}/dang-ky/"
    assert client.post(url, {"promote": "x"}).status_code == 400
    full = client.post(url, {"promote": second.pk}, follow=True).content.decode()
    assert "Lớp đã đủ chỗ" in full
    second.refresh_from_db()
    assert second.status == RegistrationStatus.WAITING
    Registration.objects.filter(pk=seated.pk).update(status=RegistrationStatus.CANCELLED)  # a seat freed by hand
    done = client.post(url, {"promote": second.pk}, follow=True).content.decode()
    assert "được xếp vào lớp" in done
    assert Registration.objects.get(pk=second.pk).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.WAITING


def test_a_cancelled_registration_is_never_counted_as_trained(client, home_page):
    course = CoursePageFactory(past=True, capacity=3)
    people = [RegistrationFactory(course=course, attended=True) for _ in range(3)]
    cancel(people[0])
    people[0].refresh_from_db()
    assert people[0].attended is None
    Registration.objects.filter(pk=people[1].pk).update(status=RegistrationStatus.CANCELLED)  # old data
    assert stats.trained_per_year()[0]["trained"] == 1
    listing = Client().get(course_index().url).content.decode()
    assert '<td class="num">1</td>' in listing
    client.force_login(UserFactory(superuser=True))
    sheet = load_workbook(io.BytesIO(client.get(f"/admin/dao-tao/{course.pk}/dang-ky.xlsx").content)).active
    rows = {sheet.cell(row=r, column=8).value: sheet.cell(row=r, column=10).value for r in (3, 4, 5)}
    assert rows["Đã hủy"] in (None, "")


def test_attendance_message_counts_what_was_saved(client, home_page):
    course = CoursePageFactory(past=True, capacity=3)
    other = CoursePageFactory(past=True)
    mine = RegistrationFactory(course=course)
    theirs = [RegistrationFactory(course=other) for _ in range(2)]
    client.force_login(UserFactory(superuser=True))
    url = f"/admin/dao-tao/{course.pk}/dang-ky/"
    page = client.post(url, {"attended": [mine.pk, theirs[0].pk, theirs[1].pk]}, follow=True).content.decode()
    assert "Đã lưu điểm danh: 1 người tham gia." in page
    assert "Bỏ qua 2 mục" in page
    assert not Registration.objects.filter(pk__in=[t.pk for t in theirs], attended=True).exists()


def test_one_day_course_xlsx_header_shows_one_date(client, home_page):
    course = CoursePageFactory(past=True)
    CoursePage.objects.filter(pk=course.pk).update(end_date=course.start_date)
    client.force_login(UserFactory(superuser=True))
    sheet = load_workbook(io.BytesIO(client.get(f"/admin/dao-tao/{course.pk}/dang-ky.xlsx").content)).active
    assert sheet.cell(row=1, column=2).value == course.start_date.strftime("%d/%m/%Y")


def test_the_e_mail_is_in_the_language_of_the_course_page(home_page, django_capture_on_commit_callbacks):
    course = CoursePageFactory()
    english = course.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0], copy_parents=True)
    english.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        register(english, {"full_name": "Siu H'Nga", "phone": "0905123456", "email": "a@example.org"})
    assert "Chào" not in mail.outbox[-1].body
