"""QR codes (segno, SVG) pointing at a certificate's public verification page."""

import segno
from django.conf import settings


def absolute_url(path):
    """``path`` on the public site, e.g. https://khuyencong.gialai.gov.vn/xac-minh/<code>/."""
    return settings.SITE_URL + path


def qr_svg(url, scale=4, dark="#1f2a44"):
    """An inline SVG (as text, no XML declaration) encoding ``url``, error correction M."""
    return segno.make(url, error="m").svg_inline(scale=scale, dark=dark, light="#ffffff")


def certificate_qr_svg(certificate, scale=4):
    return qr_svg(absolute_url(certificate.get_verification_path()), scale=scale)
