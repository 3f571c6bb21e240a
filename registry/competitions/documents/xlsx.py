"""XLSX exports: results (summary + per-criterion) and all sheets."""

from io import BytesIO

from django.utils.translation import gettext as _

from ..choices import SheetStatus
from ..models import ScoreSheet
from ..services.results import compute_results


def _workbook():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    return wb, Font(bold=True)


def _save(wb):
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _num(value):
    return None if value is None else float(value)


def results_xlsx(competition):
    """Sheet 1 "Tổng hợp": rank, code, product, producer, score, pass/fail, prize, recognized.
    Sheet 2 "Theo tiêu chí": the aggregated score of each criterion."""
    data = compute_results(competition)
    wb, bold = _workbook()
    ws = wb.active
    ws.title = _("Tổng hợp")
    ws.append([competition.name])
    ws["A1"].font = bold
    header = [
        _("Hạng"),
        _("Mã số"),
        _("Sản phẩm"),
        _("Cơ sở sản xuất"),
        _("Số phiếu"),
        _("Điểm"),
        _("Kết quả"),
        _("Giải"),
        _("Công nhận"),
    ]
    ws.append(header)
    for cell in ws[2]:
        cell.font = bold
    for entry, r in data["rows"]:
        ws.append(
            [
                r.rank,
                entry.code,
                entry.product.title,
                entry.producer.name,
                r.sheet_count,
                _num(r.score),
                _("Đạt") if r.passed else _("Không đạt"),
                r.prize,
                _("Có") if entry.recognized else "",
            ]
        )
    crit = wb.create_sheet(_("Theo tiêu chí"))
    crit.append(
        [_("Mã số"), _("Sản phẩm")] + [f"{c.code}. {c.name} ({c.max_points})" for c in data["criteria"]] + [_("Điểm")]
    )
    for cell in crit[1]:
        cell.font = bold
    for entry, r in data["rows"]:
        crit.append(
            [entry.code, entry.product.title] + [_num(r.criteria[c.id]) for c in data["criteria"]] + [_num(r.score)]
        )
    for sheet in (ws, crit):
        sheet.column_dimensions["C"].width = 40
        sheet.column_dimensions["D"].width = 30
    return _save(wb)


def sheets_xlsx(competition):
    """Every sheet of the competition, one row per sheet: code, juror, status, each criterion, total, comment."""
    criteria = list(competition.rubric.criteria.filter(parent__isnull=True).order_by("position"))
    sheets = (
        ScoreSheet.objects.filter(entry__competition=competition)
        .select_related("entry__product", "juror__user")
        .prefetch_related("scores")
        .order_by("entry__number", "juror_id")
    )
    wb, bold = _workbook()
    ws = wb.active
    ws.title = _("Phiếu chấm")
    ws.append(
        [_("Mã số"), _("Sản phẩm"), _("Giám khảo"), _("Trạng thái")]
        + [c.code for c in criteria]
        + [_("Tổng"), _("Nhận xét")]
    )
    for cell in ws[1]:
        cell.font = bold
    for sheet in sheets:
        by_criterion = {s.criterion_id: s.value for s in sheet.scores.all()}
        ws.append(
            [sheet.entry.code, sheet.entry.product.title, str(sheet.juror), str(SheetStatus(sheet.status).label)]
            + [_num(by_criterion.get(c.id)) for c in criteria]
            + [_num(sheet.total()), sheet.comment]
        )
    return _save(wb)
