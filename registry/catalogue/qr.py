"""QR codes (segno, SVG) pointing at a certificate's public verification page.

Encoding a QR code costs 5–15 ms (segno's mask selection), so a certificate's code is drawn once: when the
certificate is saved, the code of its Vietnamese verification address is stored on it at scale 1
(``Certificate.qr_code_svg``, with the address it encodes in ``Certificate.qr_code_url``), and pages draw it at their own
scale from there (``scaled_svg``: the same SVG segno writes at that scale). Any other address (the English page's
``/en/xac-minh/…``, a certificate stored before ``SITE_URL`` changed) is encoded once per process
(``unit_qr_svg``'s memo). The encoded address is always the one of the page being drawn: nothing changes for the
reader of the code.
"""

import re
from functools import lru_cache

import segno
from django.conf import settings
from django.utils import translation

DARK = "#1f2a44"
LIGHT = "#ffffff"
_UNIT_HEAD = re.compile(r'^<svg width="(\d+)" height="(\d+)" class="segno">(.*)</svg>$', re.DOTALL)


def absolute_url(path):
    """``path`` on the public site, e.g. https://khuyencong.gialai.gov.vn/xac-minh/<code>/."""
    return settings.SITE_URL + path


def encode_svg(url, scale=1, dark=DARK):
    """An inline SVG (as text, no XML declaration) encoding ``url``, error correction M, ``scale`` px per module.
    The one call of the encoder (``segno.make``)."""
    return segno.make(url, error="m").svg_inline(scale=scale, dark=dark, light=LIGHT)


@lru_cache(maxsize=4096)
def unit_qr_svg(url):
    """The QR code of ``url`` at scale 1 (one unit per module), encoded once per process and address."""
    return encode_svg(url)


def scaled_svg(unit_svg, scale):
    """``unit_svg`` (segno's SVG at scale 1) drawn at the whole number ``scale``: byte for byte what segno writes
    at that scale (a test compares them). Raises ValueError for a scale that is not a positive whole number or
    an SVG that is not segno's."""
    if not isinstance(scale, int) or scale < 1:
        raise ValueError(f"QR scale must be a positive whole number, not {scale!r}")
    if scale == 1:
        return unit_svg
    match = _UNIT_HEAD.match(unit_svg)
    if match is None:
        raise ValueError("not a segno SVG at scale 1")
    width, height, inner = int(match[1]), int(match[2]), match[3]
    return (
        f'<svg width="{width * scale}" height="{height * scale}" class="segno">'
        f'<g transform="scale({scale})">{inner}</g></svg>'
    )


def qr_svg(url, scale=4, dark=DARK):
    """An inline SVG (as text, no XML declaration) encoding ``url`` at ``scale``, error correction M; memoized."""
    if dark != DARK or not isinstance(scale, int):
        return encode_svg(url, scale=scale, dark=dark)
    return scaled_svg(unit_qr_svg(url), scale)


def stored_verification_url(certificate):
    """The address whose QR code is stored on ``certificate``: its verification page in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(certificate.get_verification_path())


def fill_stored_qr(certificate):
    """Store on ``certificate`` (not saved here) the QR code of ``stored_verification_url`` when it is missing or
    encodes another address. Returns True when the fields changed."""
    url = stored_verification_url(certificate)
    if certificate.qr_code_url == url and certificate.qr_code_svg:
        return False
    certificate.qr_code_url, certificate.qr_code_svg = url, unit_qr_svg(url)
    return True


def certificate_qr_svg(certificate, scale=4, path=None):
    """The QR code of ``certificate``'s verification page in the active language, drawn at ``scale``: from the
    stored code when it encodes that address, else encoded once per process. ``path``: that page's path when the
    caller already has it (``get_verification_path()``)."""
    url = absolute_url(path or certificate.get_verification_path())
    unit = certificate.qr_code_svg if certificate.qr_code_svg and certificate.qr_code_url == url else unit_qr_svg(url)
    return scaled_svg(unit, scale)
