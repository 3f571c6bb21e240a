"""Demo step for competitions (``registry.competitions``), under setup_site's /binh-chon/ page: a finished provincial competition (results published, certificates issued) and one in
scoring with partly filled sheets for giamkhao1..3. Idempotent: competitions are found by slug."""

import datetime
from decimal import Decimal

from django.utils import timezone

from registry.catalogue.models import ProductPage
from registry.competitions.choices import AuditAction, CompetitionStatus, JurorRole
from registry.competitions.models import AuditEntry, Competition, Entry, Juror, NoConflictStatement, Rubric
from registry.competitions.services import council
from registry.competitions.services.results import compute_results
from registry.competitions.services.sheets import get_or_create_sheet, save_sheet

CNNT_RUBRIC = "Phiếu chấm điểm sản phẩm CNNT tiêu biểu"
JURY = [
    ("giamkhao1", JurorRole.CHAIR, "Phó Giám đốc Sở Công Thương, Chủ tịch Hội đồng"),
    ("giamkhao2", JurorRole.MEMBER, "Trưởng phòng Quản lý công nghiệp"),
    ("giamkhao3", JurorRole.MEMBER, "Giảng viên Trường Đại học Quy Nhơn"),
]
# who signs the certificates and where the council meets (printed on the certificate and the minutes)
OFFICIAL = {
    "signer_position": "KT. CHỦ TỊCH | PHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Tự Công Hoàng",
    "meeting_place": "Hội trường Sở Công Thương tỉnh Gia Lai, số 2 Hoàng Văn Thụ, Pleiku",
    "secretary_name": "Trần Thị Thu Hà",
}
PRIZES = [{"label": "Giải A", "min": 90}, {"label": "Giải B", "min": 85}, {"label": "Giải C", "min": 80}]


def _scores(ctx, criteria, quality):
    """Plausible scores (step 0.5) around ``quality`` (0…1) of each criterion's maximum."""
    values = []
    for c in criteria:
        share = min(1.0, max(0.3, quality + ctx.rng.uniform(-0.08, 0.08)))
        values.append(min(c.max_points, Decimal(round(float(c.max_points) * share * 2) / 2)))
    return values


def _fill(sheet, user, criteria, values, submit, comment=""):
    """Save (and optionally submit) a demo sheet, with the juror's "no conflict" statement the portal requires
    before a juror sees the entry."""
    NoConflictStatement.objects.get_or_create(juror_id=sheet.juror_id, entry_id=sheet.entry_id)
    data = {c.id: (v, "") for c, v in zip(criteria, values, strict=True)}
    save_sheet(sheet.pk, user, data, comment, submit=submit)


def _competition(slug, **fields):
    competition, created = Competition.objects.get_or_create(slug=slug, defaults=fields)
    return competition, created


def _jurors(ctx, competition):
    jurors = []
    for username, role, title in JURY:
        user = ctx.users.get(username)
        if user is None:
            continue
        juror, _ = Juror.objects.get_or_create(
            competition=competition, user=user, defaults={"role": role, "title": title}
        )
        jurors.append(juror)
    return jurors


def _entries(competition, products):
    return [Entry.objects.get_or_create(competition=competition, product=p)[0] for p in products]


def seed_finished(ctx, rubric, products, manager):
    competition, created = _competition(
        "cap-tinh-2024",
        name="Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2024",
        year=2024,
        rubric=rubric,
        status=CompetitionStatus.SCORING,
        entries_open_from=datetime.date(2024, 3, 1),
        entries_open_until=datetime.date(2024, 4, 30),
        scoring_deadline=datetime.date(2024, 6, 10),
        tie_break=["1", "2"],
        prize_bands=PRIZES,
        council_name="Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai",
        serial_prefix="GL-BC",
        meeting_at=timezone.make_aware(datetime.datetime(2024, 6, 25, 8, 0)),
        **OFFICIAL,
    )
    if not created:
        return competition
    criteria = list(rubric.top_criteria())
    jurors = _jurors(ctx, competition)
    for entry in _entries(competition, products):
        quality = ctx.rng.uniform(0.6, 0.95)
        for juror in jurors:
            sheet = get_or_create_sheet(juror, entry, criteria)
            _fill(sheet, juror.user, criteria, _scores(ctx, criteria, quality), True, "Sản phẩm có bản sắc địa phương.")
    council.change_status(competition, CompetitionStatus.CLOSED, manager)

    for entry, result in compute_results(competition)["rows"]:
        council.decide(
            entry, manager, result.passed, "344/QĐ-UBND" if result.passed else "", datetime.date(2024, 6, 27)
        )
    council.change_status(competition, CompetitionStatus.DECIDED, manager)
    council.issue_certificates(competition, manager)
    council.change_status(competition, CompetitionStatus.PUBLISHED, manager)
    return competition


def seed_scoring(ctx, rubric, products):
    competition, created = _competition(
        "cap-tinh-2026",
        name="Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2026",
        year=2026,
        rubric=rubric,
        status=CompetitionStatus.SCORING,
        entries_open_from=datetime.date(2026, 3, 1),
        entries_open_until=datetime.date(2026, 4, 30),
        scoring_deadline=datetime.date(2026, 12, 15),
        tie_break=["1", "2"],
        council_name="Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai",
        serial_prefix="GL-BC",
        meeting_at=timezone.make_aware(datetime.datetime(2026, 12, 18, 8, 0)),
        **OFFICIAL,
    )
    if not created:
        return competition
    criteria = list(rubric.top_criteria())
    jurors = _jurors(ctx, competition)
    entries = _entries(competition, products)
    for j, juror in enumerate(jurors):
        # the chair has submitted most sheets, the second juror a few drafts, the third has not started
        share = [0.7, 0.4, 0.0][j] if j < 3 else 0
        for i, entry in enumerate(entries[: int(len(entries) * share)]):
            sheet = get_or_create_sheet(juror, entry, criteria)
            values = _scores(ctx, criteria, ctx.rng.uniform(0.6, 0.95))
            if j == 1 and i % 2:
                values[-1] = None
            _fill(sheet, juror.user, criteria, values, submit=(j == 0 and i % 3 != 2))
    return competition


def seed_open(ctx, rubric):
    """A competition accepting entries now (the news helper announces it on the home page)."""
    today = timezone.localdate()
    competition, _ = _competition(
        "cap-tinh-2027",
        name="Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2027",
        year=today.year + 1,
        rubric=rubric,
        status=CompetitionStatus.ENTRIES_OPEN,
        entries_open_from=today - datetime.timedelta(days=30),
        entries_open_until=today + datetime.timedelta(days=90),
        scoring_deadline=today + datetime.timedelta(days=150),
        tie_break=["1", "2"],
        council_name="Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai",
        serial_prefix="GL-BC",
        **OFFICIAL,
    )
    return competition


def seed(ctx):
    """Demo step: a finished competition, one in scoring and one open for entries (needs 4 live products)."""
    rubric = Rubric.objects.filter(name=CNNT_RUBRIC).order_by("-version").first()
    products = list(ProductPage.objects.live().select_related("producer").order_by("path"))
    if rubric is None or len(products) < 4:
        ctx.write("  competitions: fewer than 4 live products in the catalogue, competitions skipped")
        return
    manager = ctx.users.get("quanly")
    half = max(2, len(products) // 2)
    finished = seed_finished(ctx, rubric, products[: min(half, 12 * ctx.scale)], manager)
    scoring = seed_scoring(ctx, rubric, products[half:][: 10 * ctx.scale] or products[:4])
    seed_open(ctx, rubric)
    ctx.write(
        f"  competitions: {Competition.objects.count()}, entries {Entry.objects.count()}, "
        f"audit {AuditEntry.objects.filter(action=AuditAction.SUBMIT).count()} submissions "
        f"({finished.slug}, {scoring.slug})"
    )
