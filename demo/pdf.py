"""Small PDF files of demo bulletins (only ``seed_demo`` makes them): WeasyPrint when pango is installed, otherwise a one-page Pillow PDF."""

import io
import logging

from django.utils.html import escape
from PIL import Image, ImageDraw

logger = logging.getLogger(__name__)


def bulletin_pdf(title, entries):
    """Return PDF bytes of a bulletin titled ``title`` whose table of contents is ``entries`` [(title, page)]."""
    try:
        from weasyprint import HTML  # imported lazily: needs pango
    except (ImportError, OSError):  # pragma: no cover - depends on system libraries
        logger.warning("WeasyPrint unavailable, drawing the bulletin PDF with Pillow")
        return _pillow_pdf(title, entries)
    rows = "".join(f"<li>{escape(name)} <span>{page}</span></li>" for name, page in entries)
    html = f"""<html lang="vi"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 2cm; }}
      body {{ font-family: sans-serif; color: #1d1b19; }}
      h1 {{ color: #1f2a44; border-bottom: 6px solid #a4262c; padding-bottom: 8px; }}
      li {{ margin: 6px 0; }} span {{ float: right; color: #5a534b; }}
    </style></head><body><h1>{escape(title)}</h1><p>Trung tâm Khuyến công Gia Lai</p>
    <h2>Mục lục</h2><ol>{rows}</ol></body></html>"""
    return HTML(string=html).write_pdf()


def _pillow_pdf(title, entries):
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 1240, 40], fill="#a4262c")
    draw.text((100, 120), title, fill="#1f2a44")
    for i, (name, number) in enumerate(entries):
        draw.text((100, 220 + 40 * i), f"{i + 1}. {name} .... {number}", fill="#1d1b19")
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150)
    return out.getvalue()
