"""The verification page (/xac-minh/<code>/) says a certificate's status at a glance: a full-width banner in the
status colour with an icon and words, and no line below it that contradicts the status."""

import re
from pathlib import Path

import pytest

from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

CSS = "static/css/catalogue.css"
SITE_CSS = "static/css/site.css"


def _banner(html):
    match = re.search(r'<section class="verify-banner verify-banner--(\w+)".*?</section>', html, re.S)
    assert match, "no status banner"
    return match.group(1), match.group(0)


def _facts(html):
    return re.search(r'<dl class="facts verify__facts">(.*?)</dl>', html, re.S).group(1)


@pytest.mark.parametrize(
    ("traits", "status", "words", "sentence"),
    [
        ({"valid_until": None}, "valid", "Còn hiệu lực", "là thật và còn hiệu lực"),
        ({"expired": True}, "expired", "Hết hiệu lực", "đã hết hiệu lực từ ngày 01/06/2022"),
        ({"revoked": True, "valid_until": None}, "revoked", "Đã bị thu hồi", "đã bị thu hồi ngày 01/03/2025"),
    ],
)
def test_banner_in_the_status_colour_with_icon_and_words(client, home_page, traits, status, words, sentence):
    cert = CertificateFactory(**traits)
    html = client.get(cert.get_verification_path()).content.decode()
    found, banner = _banner(html)
    assert found == status
    assert words in banner and sentence in banner
    assert '<svg class="verify-banner__icon"' in banner and 'aria-hidden="true"' in banner
    # The banner comes before the details and is outside the page's container (full width).
    assert html.index("verify-banner") < html.index('class="container"', html.index("<main"))


def test_revoked_certificate_has_no_validity_sentence(client, home_page):
    cert = CertificateFactory(revoked=True, valid_until=None)
    facts = _facts(client.get(cert.get_verification_path()).content.decode())
    assert "Hiệu lực" not in facts and "không thời hạn" not in facts
    assert "Thu hồi" in facts and "01/03/2025" in facts


def test_expired_certificate_says_expired_on_its_date(client, home_page):
    cert = CertificateFactory(expired=True)
    facts = _facts(client.get(cert.get_verification_path()).content.decode())
    assert "đã hết hiệu lực (từ 01/06/2019 đến 01/06/2022)" in facts
    assert "không thời hạn" not in facts


def test_valid_certificate_without_end_date(client, home_page):
    cert = CertificateFactory(valid_until=None)
    facts = _facts(client.get(cert.get_verification_path()).content.decode())
    assert "không thời hạn" in facts


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_banner_colours_have_enough_contrast():
    site = Path(SITE_CSS).read_text(encoding="utf-8")
    css = Path(CSS).read_text(encoding="utf-8")
    tokens = dict(re.findall(r"--(\w[\w-]*):\s*(#[0-9a-fA-F]{6})", site))
    for status in ("", "--expired", "--revoked"):
        rule = re.search(r"\.verify-banner" + status + r" \{([^}]*)\}", css).group(1)
        background = re.search(r"background: var\(--(\w+)\)", rule).group(1)
        colour = re.search(
            r"(?<!-)color: (#[0-9a-fA-F]{6}|#fff)", re.search(r"\.verify-banner \{([^}]*)\}", css).group(1)
        )
        text = "#ffffff" if colour.group(1) == "#fff" else colour.group(1)
        light, dark = sorted((_luminance(text), _luminance(tokens[background])), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, status
