"""XLSX exports: results (summary + per-criterion) and all sheets.

Every row goes through ``core.cells.safe_row``: a text cell starting with "=", "+", "-", "@", tab or CR (a juror's
comment ``=HYPERLINK(…)``, a product title) is written as text, never as a formula. Numbers stay numbers.
People are named in Vietnamese order (``Juror.display_name`` → ``core.text.person_name``).
"""

from io import BytesIO

from django.utils.translation import gettext as _

from core.cells import safe_row

from .. import scoring
from ..choices import SheetStatus
from ..models import ScoreSheet
from ..services.results import compute_results


def _workbook():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    return wb, Font(bold=True)


def _append(ws, values):
    """Append one row with the safe-cell rule applied to every value."""
    ws.append(safe_row(values))


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
    _append(ws, [competition.name])
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
    _append(ws, header)
    for cell in ws[2]:
        cell.font = bold
    for entry, r in data["rows"]:
        _append(
            ws,
            [
                r.rank,
                entry.code,
                entry.product.title,
                entry.producer.name,
                r.sheet_count,
                _num(r.score),
                entry.outcome,
                r.prize,
                _("Có") if entry.recognized else "",
            ],
        )
    crit = wb.create_sheet(_("Theo tiêu chí"))
    _append(
        crit,
        [_("Mã số"), _("Sản phẩm")]
        + [f"{c.code}. {c.name} ({scoring.format_number(c.max_points)})" for c in data["criteria"]]
        + [_("Điểm")],
    )
    for cell in crit[1]:
        cell.font = bold
    for entry, r in data["rows"]:
        _append(
            crit,
            [entry.code, entry.product.title] + [_num(r.criteria[c.id]) for c in data["criteria"]] + [_num(r.score)],
        )
    for sheet in (ws, crit):
        sheet.column_dimensions["C"].width = 40
        sheet.column_dimensions["D"].width = 30
    return _save(wb)


def sheets_xlsx(competition):
    """Every sheet of the competition, one row per sheet: code, product, juror, status, then for each criterion its
    score and the juror's note on it, the total and the overall comment."""
    criteria = competition.scored_criteria()
    sheets = (
        ScoreSheet.objects.filter(entry__competition=competition)
        .select_related("entry__product", "juror__user")
        .prefetch_related("scores")
        .order_by("entry__number", "juror_id")
    )
    wb, bold = _workbook()
    ws = wb.active
    ws.title = _("Phiếu chấm")
    per_criterion = []
    for c in criteria:
        per_criterion += [c.code, _("Ghi chú %(code)s") % {"code": c.code}]
    _append(
        ws, [_("Mã số"), _("Sản phẩm"), _("Giám khảo"), _("Trạng thái")] + per_criterion + [_("Tổng"), _("Nhận xét")]
    )
    for cell in ws[1]:
        cell.font = bold
    for sheet in sheets:
        by_criterion = {s.criterion_id: s for s in sheet.scores.all()}
        cells = []
        for c in criteria:
            score = by_criterion.get(c.id)
            cells += [_num(score.value) if score else None, score.note if score else ""]
        _append(
            ws,
            [
                sheet.entry.code,
                sheet.entry.product.title,
                sheet.juror.display_name,
                str(SheetStatus(sheet.status).label),
            ]
            + cells
            + [_num(sheet.total()), sheet.comment],
        )
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 24
    return _save(wb)
