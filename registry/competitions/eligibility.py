"""Who may enter a competition, written once for staff-made entries (``Entry.clean``) and producers' online
applications (``registry/producers/services/applications.py``).

Circular 26/2014/TT-BCT as amended (38/2025/TT-BCT): a regional entry needs a still-valid provincial certificate
of the product, a national entry a still-valid regional one (``REQUIRED_PRIOR_LEVEL``); SMEs, cooperatives,
cooperative unions and groups and business households may enter (``ProducerKind``); a product enters a competition
once.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import REQUIRED_PRIOR_LEVEL, Level, ProducerKind

PRIOR_LEVEL_MESSAGE = _("Sản phẩm cần giấy chứng nhận cấp dưới liền kề còn hiệu lực.")


def required_prior_level(competition):
    """The certificate level a product must hold, valid, to enter ``competition`` (``None``: no prior level)."""
    return REQUIRED_PRIOR_LEVEL.get(Level(competition.level)) if competition.level else None


def has_prior_certificate(competition, product, today=None):
    """Whether ``product`` (a catalogue ``ProductPage``, or ``None`` for a product not in the catalogue) holds the
    valid certificate of the level ``competition`` requires on ``today`` (always true when none is required)."""
    prior = required_prior_level(competition)
    if prior is None:
        return True
    if product is None:
        return False
    return product.certificates.valid(today or timezone.localdate()).filter(level=prior).exists()


def producer_kind_eligible(kind):
    """Whether a producer of ``kind`` (a ``ProducerKind`` value) may enter: the kinds the Circular names."""
    return kind in ProducerKind.values
