"""Results: computation in constant queries, council decisions, publishing, certificates, public page,
XLSX and PDF documents (parsed back)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.catalogue.choices import CertificateSource
from registry.competitions.choices import CompetitionStatus
from registry.competitions.documents import pdf as pdf_docs
from registry.competitions.documents import xlsx as xlsx_docs
from registry.competitions.models import AuditEntry
from registry.competitions.services import council
from registry.competitions.services.results import compute_results
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    UserFactory,
    competition_index,
    fill_sheet,
)

pytestmark = pytest.mark.django_db
DECISION = datetime.date(2026, 6, 27)


@pytest.fixture
def scored(home_page):
    """3 entries × 3 jurors: totals 80/84/82 → 82.00; 60/62/64 → 62.00; 90/70/80 → 80.00."""
    competition = CompetitionFactory(
        name="Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm 2026",
        prize_bands=[{"label": "Giải A", "min": 82}, {"label": "Giải B", "min": 75}],
    )
    jurors = [
        JurorFactory(competition=competition, chair=True, user=UserFactory(first_name="H'Nhí", last_name="Rơ Châm")),
        JurorFactory(competition=competition, user=UserFactory(first_name="Bảo", last_name="Phạm Quốc")),
        JurorFactory(competition=competition, user=UserFactory(first_name="Mai", last_name="Đinh Thị")),
    ]
    coffee = EntryFactory(
        competition=competition,
        product=ProductPageFactory(
            title="Cà phê bột Đắk Đoa", producer=ProducerFactory(name="Hợp tác xã Cà phê Ia Phí")
        ),
    )
    honey = EntryFactory(competition=competition, product=ProductPageFactory(title="Mật ong rừng Kbang"))
    brocade = EntryFactory(competition=competition, product=ProductPageFactory(title="Thổ cẩm Jrai làng Phung"))
    sheets = {
        coffee: [[32, 32, 8, 8], [34, 34, 8, 8], [33, 33, 8, 8]],
        honey: [[24, 24, 6, 6], [25, 25, 6, 6], [26, 26, 6, 6]],
        brocade: [[36, 36, 9, 9], [28, 28, 7, 7], [32, 32, 8, 8]],
    }
    for entry, rows in sheets.items():
        for juror, values in zip(jurors, rows, strict=True):
            fill_sheet(juror, entry, values)
    return competition, jurors, coffee, honey, brocade


def test_results_breakdown_rank_pass_and_prize(scored):
    competition, _jurors, coffee, honey, brocade = scored
    data = compute_results(competition)
    assert [(e.code, r.rank, r.score, r.passed, r.prize) for e, r in data["rows"]] == [
        (coffee.code, 1, Decimal("82.00"), True, "Giải A"),
        (brocade.code, 2, Decimal("80.00"), True, "Giải B"),
        (honey.code, 3, Decimal("62.00"), False, ""),
    ]
    coffee_result = data["rows"][0][1]
    assert list(coffee_result.criteria.values()) == [
        Decimal("33.00"),
        Decimal("33.00"),
        Decimal("8.00"),
        Decimal("8.00"),
    ]
    brocade_result = data["rows"][1][1]
    assert brocade_result.spread == Decimal(20) and not brocade_result.flagged_spread


def test_results_take_constant_queries(home_page):
    def build(n_entries, n_jurors):
        competition = CompetitionFactory()
        jurors = [JurorFactory(competition=competition) for _ in range(n_jurors)]
        for _ in range(n_entries):
            entry = EntryFactory(competition=competition)
            for juror in jurors:
                fill_sheet(juror, entry, [30, 30, 8, 8])
        return competition

    counts = []
    for size in ((2, 2), (8, 5)):
        competition = build(*size)
        with CaptureQueriesContext(connection) as ctx:
            data = compute_results(competition)
        assert len(data["rows"]) == size[0]
        counts.append(len(ctx))
    assert counts[0] == counts[1] <= 5


def test_decisions_publish_certificates_and_public_page(client, scored):
    competition, jurors, coffee, honey, brocade = scored
    manager = UserFactory()
    council.change_status(competition, CompetitionStatus.CLOSED, manager)
    council.decide(coffee, manager, True, "344/QĐ-UBND", DECISION)
    council.decide(brocade, manager, True, "344/QĐ-UBND", DECISION)
    council.decide(honey, manager, False)
    assert AuditEntry.objects.filter(action="decision").count() == 2
    council.change_status(competition, CompetitionStatus.DECIDED, manager)
    issued = council.issue_certificates(competition, manager)
    assert [c.serial for c in issued] == ["GL-2026-0001", "GL-2026-0002"]
    assert issued[0].product == coffee.product and issued[0].score == Decimal("82.00")
    assert issued[0].source == CertificateSource.COMPETITION and issued[0].valid_until == datetime.date(2029, 6, 27)
    assert council.issue_certificates(competition, manager) == []  # idempotent
    coffee.refresh_from_db()
    assert coffee.certificate == issued[0]

    index = competition_index()
    results_url = index.url + f"{competition.slug}/ket-qua/"
    assert client.get(results_url).status_code == 404  # not published yet
    council.change_status(competition, CompetitionStatus.PUBLISHED, manager)
    page = client.get(results_url).content.decode()
    assert "Cà phê bột Đắk Đoa" in page and "Thổ cẩm Jrai làng Phung" in page and "GL-2026-0001" in page
    assert "Mật ong rừng Kbang" not in page  # not recognized
    listing = client.get(index.url).content.decode()
    assert competition.name in listing and f"{competition.slug}/ket-qua/" in listing
    assert client.get(index.url + "khong-co/ket-qua/").status_code == 404


def test_results_page_query_count_constant(client, scored, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache off: count what rendering the results costs
    competition, jurors, coffee, honey, brocade = scored
    manager = UserFactory()

    def set_status(status):
        competition.status = status
        competition.save()

    set_status(CompetitionStatus.DECIDED)
    for entry in (coffee, brocade):  # honey (62) fails the pass mark: it cannot be recognized
        council.decide(entry, manager, True, "1/QĐ", DECISION)
    council.issue_certificates(competition, manager)
    set_status(CompetitionStatus.PUBLISHED)
    url = competition_index().url + f"{competition.slug}/ket-qua/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    set_status(CompetitionStatus.SCORING)
    new_entries = [EntryFactory(competition=competition) for _ in range(27)]
    for entry in new_entries:
        for juror in jurors:
            fill_sheet(juror, entry, [30, 30, 8, 8])
    set_status(CompetitionStatus.DECIDED)
    for entry in new_entries:
        council.decide(entry, manager, True, "1/QĐ", DECISION)
    council.issue_certificates(competition, manager)
    set_status(CompetitionStatus.PUBLISHED)
    client.get(url)  # the writes started a new generation: the shared site data is read again once
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert page.count("GL-2026-") == 25  # one page of 25 (registry/competitions/services/ranking.py)
    assert client.get(url + "?page=2").content.decode().count("GL-2026-") == 4
    assert len(small) == len(large)


def test_xlsx_reopen_with_expected_numbers(scored):
    from openpyxl import load_workbook

    competition, jurors, coffee, honey, brocade = scored
    wb = load_workbook(io.BytesIO(xlsx_docs.results_xlsx(competition)))
    summary, per_criterion = wb.worksheets
    rows = list(summary.iter_rows(min_row=3, values_only=True))
    assert rows[0][:6] == (1, coffee.code, "Cà phê bột Đắk Đoa", "Hợp tác xã Cà phê Ia Phí", 3, 82.0)
    assert rows[0][6] == "Đạt" and rows[0][7] == "Giải A"
    assert rows[2][5] == 62.0 and rows[2][6] == "Không đạt"
    crit = list(per_criterion.iter_rows(min_row=2, values_only=True))
    assert crit[0] == (coffee.code, "Cà phê bột Đắk Đoa", 33.0, 33.0, 8.0, 8.0, 82.0)
    wb = load_workbook(io.BytesIO(xlsx_docs.sheets_xlsx(competition)))
    rows = list(wb.active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 9
    assert rows[0][:4] == (coffee.code, "Cà phê bột Đắk Đoa", "Rơ Châm H'Nhí", "Đã nộp") and rows[0][12] == 80.0


def pdf_text(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdfs_keep_vietnamese_diacritics(scored):
    competition, jurors, coffee, honey, brocade = scored
    sheet = coffee.sheets.get(juror=jurors[0])
    _reader, text = pdf_text(pdf_docs.sheet_pdf(sheet))
    for expected in ("PHIẾU CHẤM ĐIỂM", coffee.code, "Rơ Châm H'Nhí", "Tiêu chí 1", "80"):
        assert expected in text
    assert "Cà phê bột Đắk Đoa" not in text  # blind judging: the sheet shows what the juror saw
    _reader, text = pdf_text(pdf_docs.minutes_pdf(competition, compute_results(competition)))
    assert "BIÊN BẢN" in text and "Thổ cẩm Jrai làng Phung" in text and "Đinh Thị Mai" in text and "82,00" in text
    competition.status = CompetitionStatus.DECIDED
    competition.save()
    council.decide(coffee, jurors[0].user, True, "344/QĐ-UBND", DECISION)
    council.issue_certificates(competition, jurors[0].user)
    coffee.refresh_from_db()
    reader, text = pdf_text(pdf_docs.certificate_pdf(coffee))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # A4 landscape
    assert "GIẤY CHỨNG NHẬN" in text and "Cà phê bột Đắk Đoa" in text and "Hợp tác xã Cà phê Ia Phí" in text
    flat = "".join(text.split())  # the printed address may wrap at any character (a line break or a space)
    assert "GL-2026-0001" in text and f"/xac-minh/{coffee.certificate.verification_code}/" in flat


def test_pdf_without_weasyprint_gives_clear_error(scored, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'pango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(pdf_docs.PdfUnavailable, match="pango"):
        pdf_docs.minutes_pdf(scored[0], compute_results(scored[0]))
