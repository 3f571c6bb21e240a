"""Factories of the training app: the course list, courses (upcoming by default), registrations, collaborators."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from programmes.training.models import Collaborator, CourseIndexPage, CoursePage, Registration
from programmes.training.services import new_code

from .catalogue import CommuneFactory, index_page


def course_index():
    return index_page(CourseIndexPage, "Đào tạo", "dao-tao")


def _in_days(days):
    return factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=days))


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Đào tạo nghề dệt thổ cẩm khóa {n}")
    slug = factory.Sequence(lambda n: f"khoa-hoc-{n}")
    parent = factory.LazyFunction(course_index)
    trade = "Dệt thổ cẩm"
    summary = "Kỹ thuật dệt khung ngang và phối màu hoa văn."
    start_date = _in_days(20)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    registration_deadline = _in_days(10)
    venue = "Nhà văn hóa làng Phung"
    trainer = "Nghệ nhân Rơ Châm H'Nhí"
    capacity = 20
    commune = factory.SubFactory(CommuneFactory)
    live = True

    class Params:
        past = factory.Trait(start_date=_in_days(-60), end_date=_in_days(-55), registration_deadline=_in_days(-70))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    course = factory.SubFactory(CoursePageFactory)
    code = factory.LazyFunction(new_code)
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Học Viên {n}")
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    commune = factory.SubFactory(CommuneFactory)


class CollaboratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collaborator

    full_name = factory.Sequence(lambda n: f"Rơ Mah Cộng Tác {n}")
    commune = factory.SubFactory(CommuneFactory)
    role = "Cán bộ phụ trách công thương xã"
    phone = factory.Sequence(lambda n: f"0977{n:06d}")
