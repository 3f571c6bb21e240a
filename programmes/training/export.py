"""The staff's XLSX export of a course's registrations (personal data: staff only, never public).

Every row goes through ``core.cells.safe_row``: a name typed as ``=HYPERLINK("http://…")`` is written as text,
never as a formula; numbers and dates stay what they are. openpyxl is imported when an export is made.
"""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from core.cells import safe_row

from .choices import RegistrationStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attended_label(value):
    """The attendance cell: "Có", "Không" or "" (not marked yet)."""
    return {True: _("Có"), False: _("Không")}.get(value, "")


def course_dates(course):
    """``"09/12/2026 – 12/12/2026"``, or one date for a one-day course (``"09/12/2026"``)."""
    if course.end_date == course.start_date:
        return f"{course.start_date:%d/%m/%Y}"
    return f"{course.start_date:%d/%m/%Y} – {course.end_date:%d/%m/%Y}"


def registrations_xlsx(course, registrations):
    """The bytes of an XLSX workbook: a title row (the course, its dates), a header row and one row per
    registration of ``registrations`` (an iterable of ``Registration`` with ``commune`` loaded): number, code,
    full name, phone, e-mail, producer, commune, status, registered at (local time), attended."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Đăng ký")
    ws.append(safe_row([course.title, course_dates(course)]))
    ws["A1"].font = Font(bold=True)
    header = [
        _("STT"),
        _("Mã đăng ký"),
        _("Họ và tên"),
        _("Điện thoại"),
        _("Thư điện tử"),
        _("Cơ sở sản xuất"),
        _("Xã/phường"),
        _("Tình trạng"),
        _("Thời điểm đăng ký"),
        _("Có tham gia"),
    ]
    ws.append(safe_row(header))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for number, item in enumerate(registrations, start=1):
        producer = item.producer.name if item.producer_id else item.producer_name
        row = [
            number,
            item.code,
            item.full_name,
            item.phone,
            item.email,
            producer,
            str(item.commune) if item.commune_id else "",
            item.get_status_display(),
            timezone.localtime(item.created_at).replace(tzinfo=None),
            attended_label(item.attended if item.status == RegistrationStatus.CONFIRMED else None),
        ]
        ws.append(safe_row(row))
    ws.column_dimensions["C"].width = 28
    ws.column_dimensions["D"].width = 14
    ws.column_dimensions["I"].width = 18
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
