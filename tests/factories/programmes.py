"""Factories of the support projects (``programmes``): the list page and project pages (live under it)."""

import datetime

import factory
import wagtail_factories

from news.models import ProgrammeContent
from programmes.choices import FundingSource, ProjectStatus
from programmes.models import ProjectIndexPage, ProjectPage

from .catalogue import CommuneFactory, index_page

__all__ = ["ProjectPageFactory", "programme_content", "project_index"]


def project_index():
    return index_page(ProjectIndexPage, "Đề án khuyến công", "de-an-khuyen-cong")


def programme_content(code="mo-hinh-trinh-dien"):
    """A content of the programme (seeded by news' migration; created when a test flushed it)."""
    content = ProgrammeContent.objects.filter(code=code).first()
    return content or ProgrammeContent.objects.create(code=code, name=code.replace("-", " ").capitalize())


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Hỗ trợ máy móc thiết bị {n}")
    slug = factory.Sequence(lambda n: f"de-an-{n}")
    year = 2024
    funding_source = FundingSource.LOCAL
    programme_content = factory.LazyFunction(programme_content)
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-SCT")
    decision_date = datetime.date(2024, 3, 1)
    support_amount = 100_000_000
    counterpart_amount = 50_000_000
    commune = factory.SubFactory(CommuneFactory)
    status = ProjectStatus.ACCEPTED
    jobs = 5
    trainees = 0
    contact_name = "Nguyễn Văn Riêng"
    contact_phone = "0912 345 678"

    class Params:
        cancelled = factory.Trait(status=ProjectStatus.CANCELLED, cancellation_reason="Cơ sở xin dừng thực hiện.")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or project_index(), **kwargs)
