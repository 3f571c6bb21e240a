"""Factories of registry/competitions: rubrics, competitions, entries, jurors and sheets."""

import datetime
from decimal import Decimal

import factory

from registry.competitions.choices import CompetitionStatus, JurorRole
from registry.competitions.models import (
    Competition,
    CompetitionIndexPage,
    Conflict,
    Criterion,
    Entry,
    Juror,
    NoConflictStatement,
    Rubric,
)
from registry.competitions.services.sheets import get_or_create_sheet, save_sheet

from .catalogue import ProductPageFactory
from .home import UserFactory, ensure_site


class RubricFactory(factory.django.DjangoModelFactory):
    """A CNNT-like rubric: criteria 1–4 worth 40/40/10/10 (pass ``maxima=[…]`` for others)."""

    class Meta:
        model = Rubric
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Phiếu chấm thử {n}")
    version = 1

    @factory.post_generation
    def maxima(self, create, extracted, **kwargs):
        for position, points in enumerate(extracted or [40, 40, 10, 10], start=1):
            Criterion.objects.create(
                rubric=self,
                code=str(position),
                name=f"Tiêu chí {position}",
                max_points=Decimal(points),
                position=position,
            )


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    name = factory.Sequence(lambda n: f"Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh {2024 + n}")
    slug = factory.Sequence(lambda n: f"binh-chon-{n}")
    year = 2026
    status = CompetitionStatus.SCORING
    rubric = factory.SubFactory(RubricFactory)
    entries_open_from = datetime.date(2026, 3, 1)
    entries_open_until = datetime.date(2026, 4, 30)
    scoring_deadline = datetime.date(2026, 6, 15)
    council_name = "Hội đồng bình chọn tỉnh Gia Lai"
    signer_position = "KT. CHỦ TỊCH | PHÓ CHỦ TỊCH"
    signer_name = "Nguyễn Văn An"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    competition = factory.SubFactory(CompetitionFactory)
    product = factory.SubFactory(ProductPageFactory)


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Juror

    competition = factory.SubFactory(CompetitionFactory)
    user = factory.SubFactory(UserFactory)
    role = JurorRole.MEMBER
    title = "Chuyên viên Sở Công Thương"

    class Params:
        chair = factory.Trait(role=JurorRole.CHAIR, title="Phó Giám đốc Sở Công Thương")


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    juror = factory.SubFactory(JurorFactory)
    entry = factory.SubFactory(EntryFactory)
    reason = "Người thân làm việc tại cơ sở."


def fill_sheet(juror, entry, values, submit=True, comment="", user=None):
    """A sheet with ``values`` (one per criterion in order, None = missing), saved and optionally submitted; the
    juror's "no conflict" statement on the entry first, as the portal requires."""
    NoConflictStatement.objects.get_or_create(juror=juror, entry=entry)
    criteria = list(entry.competition.rubric.criteria.filter(parent__isnull=True).order_by("position"))
    sheet = get_or_create_sheet(juror, entry, criteria)
    data = {c.id: (None if v is None else Decimal(str(v)), "") for c, v in zip(criteria, values, strict=True)}
    return save_sheet(sheet.pk, user or juror.user, data, comment, submit=submit)


def competition_index():
    existing = CompetitionIndexPage.objects.first()
    if existing:
        return existing
    page = CompetitionIndexPage(title="Bình chọn", slug="binh-chon", show_in_menus=True)
    ensure_site().add_child(instance=page)
    return page


__all__ = [
    "CompetitionFactory",
    "ConflictFactory",
    "EntryFactory",
    "JurorFactory",
    "RubricFactory",
    "competition_index",
    "fill_sheet",
]
