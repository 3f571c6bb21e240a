"""PDFs via WeasyPrint (imported lazily): a juror's sheet, the results minutes and certificates.

Fonts: Noto Sans (or DejaVu Sans) TTF from the system, which carry every Vietnamese glyph.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from registry.catalogue.qr import absolute_url, certificate_qr_svg

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]


class PdfUnavailable(ImproperlyConfigured):
    """WeasyPrint or its system libraries (pango) are missing."""


def font_files():
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists():
            return {"regular": Path(regular).as_uri(), "bold": Path(bold).as_uri() if Path(bold).exists() else ""}
    return {"regular": "", "bold": ""}


def render_pdf(template, context):
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango/cairo shared libraries missing
        raise PdfUnavailable(_("Không tạo được PDF: thiếu WeasyPrint hoặc thư viện pango trên máy chủ.")) from exc
    html = render_to_string(template, {**context, "fonts": font_files()})
    return weasyprint.HTML(string=html, base_url=str(Path.cwd())).write_pdf()


def sheet_pdf(sheet):
    scores = list(sheet.scores.select_related("criterion").order_by("criterion__position"))
    children = {}
    for c in sheet.entry.competition.rubric.criteria.filter(parent__isnull=False).order_by("position"):
        children.setdefault(c.parent_id, []).append(c)
    return render_pdf(
        "competitions/pdf/sheet.html",
        {
            "sheet": sheet,
            "entry": sheet.entry,
            "competition": sheet.entry.competition,
            "scores": [(s, children.get(s.criterion_id, [])) for s in scores],
            "total": sheet.total(),
            "total_points": sum((s.max_points for s in scores), 0),
        },
    )


def minutes_pdf(competition, data):
    return render_pdf("competitions/pdf/minutes.html", {"competition": competition, **data})


def certificate_pdf(entry):
    cert = entry.certificate
    return render_pdf(
        "competitions/pdf/certificate.html",
        {
            "entry": entry,
            "certificate": cert,
            "competition": entry.competition,
            "qr": certificate_qr_svg(cert, scale=3),
            "verify_url": absolute_url(cert.get_verification_path()),
        },
    )
