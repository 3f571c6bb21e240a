"""PDFs via WeasyPrint (imported lazily): a juror's sheet, the council's minutes and certificates.

Layout of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, appendix I): the issuing body at the top
left (the superior body over it when there is one), the national name and motto at the top right, the number and
the "<province>, ngày … tháng … năm …" line, the title, the body, then the signature blocks with the signer's
position and full name. Fonts: Liberation Serif (metrically Times New Roman, which the decree prescribes), else
Noto Serif or DejaVu Serif, all of which carry every Vietnamese glyph.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import SiteSettings
from registry.catalogue.qr import absolute_url, certificate_qr_svg

from .. import scoring
from ..choices import AssignmentMode
from ..models import Assignment, Conflict
from ..services.presentation import jury_title

FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/truetype/dejavu",
)
FONT_FAMILIES = [
    (
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ),
    ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"),
    ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
]


class PdfUnavailable(ImproperlyConfigured):
    """WeasyPrint or its system libraries (pango) are missing."""


@dataclass
class Header:
    """The top-left block: ``superior`` (the body above the issuer, may be "") over ``body`` (the issuer)."""

    superior: str
    body: str


def font_files():
    """File URIs of the first serif family found: {"regular", "bold", "italic", "bolditalic"} ("" when missing)."""
    for names in FONT_FAMILIES:
        for folder in FONT_DIRS:
            paths = [Path(folder) / name for name in names]
            if paths[0].exists():
                uris = [p.as_uri() if p.exists() else "" for p in paths]
                return dict(zip(("regular", "bold", "italic", "bolditalic"), uris, strict=True))
    return {"regular": "", "bold": "", "italic": "", "bolditalic": ""}


def render_pdf(template, context):
    """Render ``template`` with ``context`` (plus fonts and site settings) to PDF bytes; ``PdfUnavailable`` when
    WeasyPrint or pango is missing."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango/cairo shared libraries missing
        raise PdfUnavailable(_("Không tạo được PDF: thiếu WeasyPrint hoặc thư viện pango trên máy chủ.")) from exc
    html = render_to_string(template, {**context, "fonts": font_files()})
    return weasyprint.HTML(string=html, base_url=str(Path.cwd())).write_pdf()


def place_date_line(day, place=None):
    """The place and date line of an official document: "Gia Lai, ngày 05 tháng 02 năm 2026" (Decree 30: days
    below 10 and months below 3 take a leading zero). Without a date: "Gia Lai, ngày …… tháng …… năm ……"."""
    place = place if place is not None else SiteSettings.load().province_name
    prefix = f"{place}, " if place else ""
    if day is None:
        return prefix + _("ngày …… tháng …… năm ……")
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return prefix + _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def council_header(competition, site=None):
    """Top-left block of the council's documents (minutes, sheets): the body that set up the council (the
    competition's issuer, else the governing body of the center) over the council (else the center)."""
    site = site or SiteSettings.load()
    superior = competition.issuer or site.governing_body
    body = competition.council_name or site.site_name
    return Header(superior=superior.upper(), body=body.upper())


def certificate_header(competition, site=None):
    """Top-left block of a certificate: its issuer (e.g. "UBND TỈNH GIA LAI"); without one, the governing body
    over the center (site settings)."""
    site = site or SiteSettings.load()
    if competition.issuer:
        return Header(superior="", body=competition.issuer.upper())
    return Header(superior=site.governing_body.upper(), body=site.site_name.upper())


def signer_lines(position):
    """The signer's position as printed lines: "KT. CHỦ TỊCH | PHÓ CHỦ TỊCH" → ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]."""
    return [line.strip().upper() for line in (position or "").replace("\n", "|").split("|") if line.strip()]


def sheet_pdf(sheet):
    """A juror's sheet: exactly the criteria scored in the portal (no sub-criteria rows), the entry as the juror
    saw it (blind title under blind judging), scores and notes, total, comment, date line and signature."""
    entry, competition = sheet.entry, sheet.entry.competition
    criteria = competition.scored_criteria()
    by_criterion = {s.criterion_id: s for s in sheet.scores.all()}
    site = SiteSettings.load()
    day = timezone.localdate(sheet.submitted_at) if sheet.submitted_at else None
    return render_pdf(
        "competitions/pdf/sheet.html",
        {
            "sheet": sheet,
            "entry": entry,
            "entry_title": jury_title(entry),
            "competition": competition,
            "header": council_header(competition, site),
            "date_line": place_date_line(day, site.province_name),
            "rows": [(c, by_criterion.get(c.id)) for c in criteria],
            "total": sheet.total(),
            "total_points": scoring.points_total(criteria),
        },
    )


def expected_sheets(competition, entries, jurors):
    """{entry id: number of jurors expected to score it} (assigned, or every juror; conflicts removed)."""
    conflicts = {}
    for entry_id in Conflict.objects.filter(entry__competition=competition).values_list("entry_id", flat=True):
        conflicts[entry_id] = conflicts.get(entry_id, 0) + 1
    if competition.assignment_mode == AssignmentMode.BALANCED:
        assigned = {}
        for entry_id in Assignment.objects.filter(entry__competition=competition).values_list("entry_id", flat=True):
            assigned[entry_id] = assigned.get(entry_id, 0) + 1
        return {e.id: max(assigned.get(e.id, 0) - conflicts.get(e.id, 0), 0) for e in entries}
    return {e.id: max(len(jurors) - conflicts.get(e.id, 0), 0) for e in entries}


def minutes_pdf(competition, data):
    """The council's minutes: time, place, members present and absent, secretary, the rule applied, the result
    table with the sheets counted per entry, and the chair's and secretary's signatures. ``data`` is
    ``services.results.compute_results(competition)``."""
    site = SiteSettings.load()
    jurors = sorted(data["jurors"].values(), key=lambda j: (not j.is_chair, j.display_name))
    entries = [entry for entry, _result in data["rows"]]
    expected = expected_sheets(competition, entries, jurors)
    meeting = timezone.localtime(competition.meeting_at) if competition.meeting_at else None
    return render_pdf(
        "competitions/pdf/minutes.html",
        {
            "competition": competition,
            **data,
            "rows": [(entry, result, expected.get(entry.id, 0)) for entry, result in data["rows"]],
            "header": council_header(competition, site),
            "date_line": place_date_line(meeting.date() if meeting else None, site.province_name),
            "meeting": meeting,
            "present": [j for j in jurors if not j.absent_from_meeting],
            "absent": [j for j in jurors if j.absent_from_meeting],
            "chair": next((j for j in jurors if j.is_chair), None),
            "sheets_counted": sum(result.sheet_count for _entry, result in data["rows"]),
        },
    )


def certificate_pdf(entry):
    """A certificate (A4 landscape): issuer top left, national name and motto top right, number, place and date,
    the recognition decision it implements, product and producer, score, validity, the signer's position and name,
    and a QR code to ``SITE_URL/xac-minh/<code>/``."""
    cert = entry.certificate
    competition = entry.competition
    site = SiteSettings.load()
    return render_pdf(
        "competitions/pdf/certificate.html",
        {
            "entry": entry,
            "certificate": cert,
            "competition": competition,
            "header": certificate_header(competition, site),
            "date_line": place_date_line(cert.valid_from, site.province_name),
            "signer_lines": signer_lines(competition.signer_position),
            "total_points": scoring.points_total(competition.scored_criteria()),
            "qr": certificate_qr_svg(cert, scale=3),
            "verify_url": absolute_url(cert.get_verification_path()),
        },
    )
