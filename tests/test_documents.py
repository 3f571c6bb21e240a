"""Official documents (Decree 30/2020/NĐ-CP layout) and spreadsheets: what the certificate, the minutes and the
juror's sheet print, and that no exported text becomes a formula.

Set ``PDF_PREVIEW_DIR`` to keep the generated PDFs (render them with ``pdftoppm -png -r 60`` to look at them).
"""

import datetime
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from core.models import SiteSettings
from registry.catalogue.choices import ProductGroup
from registry.competitions.choices import CompetitionStatus
from registry.competitions.documents import pdf as pdf_docs
from registry.competitions.documents import xlsx as xlsx_docs
from registry.competitions.models import Criterion
from registry.competitions.services import council
from registry.competitions.services.results import compute_results
from tests.factories import (
    CompetitionFactory,
    EntryFactory,
    JurorFactory,
    ProducerFactory,
    ProductPageFactory,
    UserFactory,
    fill_sheet,
)

pytestmark = pytest.mark.django_db
DECISION = datetime.date(2026, 7, 5)
FORMULAS = [
    '=HYPERLINK("http://evil.example/","Bấm vào đây")',
    "+84 269 3822 111",
    "-1+2",
    "@SUM(A1:A2)",
    "\tTab",
    "\rCR",
]


def text_of(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return " ".join(text.split())


def keep(name, content):
    folder = os.environ.get("PDF_PREVIEW_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(content)


@pytest.fixture
def site(home_page):
    settings = SiteSettings.load()
    settings.site_name = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Gia Lai"
    settings.governing_body = "Sở Công Thương tỉnh Gia Lai"
    settings.province_name = "Gia Lai"
    settings.save()
    return settings


@pytest.fixture
def competition(site):
    """A CNNT competition with a sub-criterion in its rubric, 4 jurors (one absent), 3 entries."""
    comp = CompetitionFactory(
        name="Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026",
        council_name="Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai",
        issuer="UBND tỉnh Gia Lai",
        signer_position="KT. CHỦ TỊCH | PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Tuấn Anh",
        meeting_at=timezone.make_aware(datetime.datetime(2026, 6, 20, 8, 30)),
        meeting_place="Hội trường Sở Công Thương, 02 Hoàng Văn Thụ, phường Pleiku",
        secretary_name="Lê Thị Thu Hà",
        prize_bands=[{"label": "Giải A", "min": 82}],
    )
    first = comp.rubric.top_criteria().first()
    Criterion.objects.create(
        rubric=comp.rubric, parent=first, code="1.1", name="Tiêu chí con không chấm riêng", max_points=10, position=9
    )
    people = [("Rơ Châm", "H'Nhí"), ("Phạm Quốc", "Bảo"), ("Đinh Thị", "Mai"), ("Ksor", "Y Blim")]
    jurors = [
        JurorFactory(
            competition=comp,
            chair=index == 0,
            user=UserFactory(last_name=last, first_name=given),
            absent_from_meeting=index == 3,
        )
        for index, (last, given) in enumerate(people)
    ]
    coffee = EntryFactory(
        competition=comp,
        product=ProductPageFactory(
            title="Cà phê bột nguyên chất Đắk Đoa",
            producer=ProducerFactory(name="Hợp tác xã Cà phê Ia Phí", address="Thôn 3, xã Ia Phí"),
            product_group=ProductGroup.FOOD if hasattr(ProductGroup, "FOOD") else ProductGroup.values[0],
        ),
    )
    honey = EntryFactory(competition=comp, product=ProductPageFactory(title="Mật ong rừng Kbang"))
    brocade = EntryFactory(competition=comp, product=ProductPageFactory(title="Thổ cẩm Jrai làng Phung"))
    values = {coffee: [[32, 32.5, 8, 8], [34, 34, 8, 8], [33, 33, 8, 8]], honey: [[24, 24, 6, 6]] * 3}
    values[brocade] = [[36, 36, 9, 9], [28, 28, 7, 7]]
    for entry, rows in values.items():
        for juror, row in zip(jurors, rows, strict=False):
            fill_sheet(juror, entry, row, comment=FORMULAS[0] if entry is coffee else "Đạt yêu cầu.")
    return comp, jurors, coffee, honey, brocade


def certify(comp, jurors, entry):
    comp.status = CompetitionStatus.CLOSED  # the council decides once scoring is closed
    comp.quorum = 3  # three sheets of four jurors suffice in this council
    comp.save()
    council.decide(entry, jurors[0].user, True, "1234/QĐ-UBND", DECISION)
    comp.status = CompetitionStatus.DECIDED
    comp.save()
    council.issue_certificates(comp, jurors[0].user)
    entry.refresh_from_db()
    return entry.certificate


def test_place_date_line_follows_decree_30():
    assert pdf_docs.place_date_line(datetime.date(2026, 2, 5), "Gia Lai") == "Gia Lai, ngày 05 tháng 02 năm 2026"
    assert pdf_docs.place_date_line(datetime.date(2026, 11, 29), "Gia Lai") == "Gia Lai, ngày 29 tháng 11 năm 2026"
    assert pdf_docs.place_date_line(None, "Gia Lai") == "Gia Lai, ngày …… tháng …… năm ……"
    assert pdf_docs.signer_lines("KT. Chủ tịch | Phó Chủ tịch") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_certificate_has_header_number_date_decision_signer_and_qr(competition, settings):
    comp, jurors, coffee, _honey, _brocade = competition
    settings.SITE_URL = "https://khuyencong.gialai.gov.vn"
    cert = certify(comp, jurors, coffee)
    content = pdf_docs.certificate_pdf(coffee)
    keep("certificate.pdf", content)
    reader, text = text_of(content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # A4 landscape
    one = flat(text)
    assert one.startswith("UBND TỈNH GIA LAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # issuer left, nation right
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {cert.serial}",
        f"Gia Lai, ngày {cert.valid_from:%d} tháng {cert.valid_from.month if cert.valid_from.month > 2 else f'{cert.valid_from.month:02d}'} năm 2026",
        "Căn cứ Quyết định số 1234/QĐ-UBND ngày 05/07/2026 của UBND tỉnh Gia Lai",
        "GIẤY CHỨNG NHẬN",
        "Cà phê bột nguyên chất Đắk Đoa",
        "Hợp tác xã Cà phê Ia Phí",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Tuấn Anh",
        "82,17 / 100",
    ):
        assert expected in one, expected
    # pypdf may put a space or a line break inside the long address where the line wraps (it depends on the random
    # code's glyph widths): compare without any whitespace
    assert f"https://khuyencong.gialai.gov.vn/xac-minh/{cert.verification_code}/" in "".join(text.split())


def test_minutes_record_time_place_attendance_sheets_and_signatures(competition):
    comp, jurors, coffee, honey, brocade = competition
    content = pdf_docs.minutes_pdf(comp, compute_results(comp))
    keep("minutes.pdf", content)
    _reader, text = text_of(content)
    one = flat(text)
    for expected in (
        "UBND TỈNH GIA LAI",
        "HỘI ĐỒNG BÌNH CHỌN SẢN PHẨM CNNT TIÊU BIỂU TỈNH GIA LAI",
        "Gia Lai, ngày 20 tháng 6 năm 2026",
        "BIÊN BẢN",
        "08 giờ 30 phút, ngày 20/06/2026",
        "Hội trường Sở Công Thương",
        "Có mặt 3/4 thành viên",
        "Rơ Châm H'Nhí",
        "Phạm Quốc Bảo",
        "Đinh Thị Mai",
        "Vắng mặt: Ksor Y Blim",
        "Thư ký hội đồng: Lê Thị Thu Hà",
        "THƯ KÝ",
        "CHỦ TỊCH HỘI ĐỒNG",
        "Thổ cẩm Jrai làng Phung",
        "82,17",
    ):
        assert expected in one, expected
    # sheets counted per entry, against the jurors expected to score it (4 jurors, no conflict)
    assert one.count("3/4") == 3 and "2/4" in one  # "Có mặt 3/4", then coffee 3/4, brocade 2/4, honey 3/4
    assert "Bảo Phạm Quốc" not in one and "H'Nhí Rơ Châm" not in one


def test_sheet_prints_exactly_the_scored_criteria(competition):
    comp, jurors, coffee, _honey, _brocade = competition
    sheet = coffee.sheets.get(juror=jurors[0])
    content = pdf_docs.sheet_pdf(sheet)
    keep("sheet.pdf", content)
    _reader, text = text_of(content)
    one = flat(text)
    for expected in ("PHIẾU CHẤM ĐIỂM", coffee.code, "Rơ Châm H'Nhí", "Tiêu chí 1", "Tiêu chí 4", "32,5", "80,5"):
        assert expected in one, expected
    assert "Tiêu chí con không chấm riêng" not in one and "1.1" not in one
    assert "Cà phê bột" not in one and "Hợp tác xã Cà phê Ia Phí" not in one  # blind judging
    assert "Gia Lai, ngày" in one


def formula_cells(workbook):
    return [
        cell.coordinate
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
        or (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")))
    ]


def test_xlsx_exports_write_formula_like_text_as_text(competition):
    comp, jurors, coffee, honey, _brocade = competition
    coffee.product.title = FORMULAS[3]
    coffee.product.save()
    honey.producer.name = FORMULAS[1]
    honey.producer.save()
    for juror, value in zip(jurors, FORMULAS[2:], strict=False):
        sheet = coffee.sheets.filter(juror=juror).first()
        if sheet:
            sheet.scores.filter(criterion__code="1").update(note=value)
    for build in (xlsx_docs.results_xlsx, xlsx_docs.sheets_xlsx):
        workbook = load_workbook(io.BytesIO(build(comp)))
        assert formula_cells(workbook) == [], build.__name__
    workbook = load_workbook(io.BytesIO(xlsx_docs.sheets_xlsx(comp)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "'" + FORMULAS[0] in values  # the juror's comment, as text
    assert "'-1+2" in values  # a per-criterion note, as text


def test_sheets_xlsx_has_per_criterion_notes_and_names_in_vietnamese_order(competition):
    comp, jurors, coffee, _honey, _brocade = competition
    coffee.sheets.get(juror=jurors[1]).scores.filter(criterion__code="2").update(note="Bao bì chưa ghi hạn dùng.")
    workbook = load_workbook(io.BytesIO(xlsx_docs.sheets_xlsx(comp)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header = rows[0]
    assert header[4:12] == ("1", "Ghi chú 1", "2", "Ghi chú 2", "3", "Ghi chú 3", "4", "Ghi chú 4")
    row = next(r for r in rows[1:] if r[0] == coffee.code and r[2] == "Phạm Quốc Bảo")
    assert row[6] == 34.0 and row[7] == "Bao bì chưa ghi hạn dùng." and row[12] == 84.0
    assert all(r[2] != "Bảo Phạm Quốc" for r in rows[1:])
    assert Decimal(str(rows[1][4])) in (Decimal(32), Decimal(34), Decimal(33))
