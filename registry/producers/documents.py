"""The application receipt (giấy biên nhận hồ sơ) as a PDF, drawn like the competitions' documents
(``registry.competitions.documents.pdf``: WeasyPrint imported lazily, Decree 30/2020 header, Vietnamese fonts)."""

from pathlib import Path

from django.utils import timezone

from core.models import SiteSettings
from registry.competitions.documents.pdf import Header, place_date_line, render_pdf

STYLESHEET = Path(__file__).resolve().parent / "static" / "producers" / "receipt.css"


def receipt_pdf(application):
    """PDF bytes of the receipt of a submitted ``application``: the center (under its governing body), the code,
    producer, product, group, submission time and the list of files. Raises ``PdfUnavailable`` without
    WeasyPrint/pango."""
    site = SiteSettings.load()
    day = timezone.localdate(application.submitted_at)
    return render_pdf(
        "producers/pdf/receipt.html",
        {
            "application": application,
            "competition": application.competition,
            "documents": list(application.documents.current().order_by("kind", "uploaded_at")),
            "header": Header(superior=site.governing_body.upper(), body=site.site_name.upper()),
            "date_line": place_date_line(day, site.province_name),
            "stylesheet": STYLESHEET.as_uri(),
        },
    )
