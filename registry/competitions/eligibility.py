"""Who may enter a competition, written once for staff-made entries (``Entry.clean``) and producers' online
applications (``registry/producers/services/applications.py``).

Circular 26/2014/TT-BCT as amended (38/2025/TT-BCT): a regional entry needs a still-valid provincial certificate
of the product, a national entry a still-valid regional one (``REQUIRED_PRIOR_LEVEL``); SMEs, cooperatives,
cooperative unions and groups and business households may enter (``ProducerKind``); a product enters a competition
once.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import REQUIRED_PRIOR_LEVEL, Level, ProducerKind, ProductGroup

#: What every registration form needs filled in (Circular 26/2014/TT-BCT, registration form): field names of the
#: producers' ``Application`` (the same words as the entry's description).
FORM_FIELDS_REQUIRED = (
    "product_name",
    "product_group",
    "description",
    "materials",
    "capacity",
    "market",
    "ip_statement",
)
#: Dossier documents every registration needs: photos of the product and the business registration.
PHOTOS, BUSINESS_REGISTRATION = "photos", "business-registration"
DOCUMENTS_REQUIRED = (PHOTOS, BUSINESS_REGISTRATION)
#: Groups whose products are food: the Circular requires them to meet food-safety rules (Law on Food Safety
#: 55/2010/QH12), so their form states the quality standard and the food-safety certificate (number, date).
FOOD_GROUPS = (ProductGroup.PROCESSED_FOOD,)
FOOD_FIELDS_REQUIRED = ("quality_documents", "food_safety")

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


def dossier_requirements(product_group):
    """What a complete registration dossier of a product of ``product_group`` (a ``ProductGroup`` value, or empty)
    holds: ``(field names, document needs)``, two tuples in form order. Every group needs the form's substance
    (``FORM_FIELDS_REQUIRED``), photos and the business registration; a food product (``FOOD_GROUPS``) also its
    quality standard and food-safety certificate (``FOOD_FIELDS_REQUIRED``). The one rule of completeness:
    the producer's "still missing" list, submission and the center's review queue all read it."""
    fields, documents = FORM_FIELDS_REQUIRED, DOCUMENTS_REQUIRED
    if product_group in FOOD_GROUPS:
        fields = fields + FOOD_FIELDS_REQUIRED
    return fields, documents
