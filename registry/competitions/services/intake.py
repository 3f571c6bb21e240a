"""Entries that come from outside the admin's entry form: an application accepted by the center (the producers'
portal, ``registry.producers.services.review``) becomes an entry here, with the same code rule as a staff-made entry
(``Entry.save``: ``<prefix>-<year>-<nnn>``) and its dossier copied into the entries' private storage.

Rules: the competition must still be taking entries ("entries open": jurors are assigned from the entries that exist
when scoring opens); the product must not be entered already (``entry_unique_product``); a regional or national entry
needs its prior-level certificate (``Entry.clean``). Refusals raise ``IntakeRefused`` (a ``ValidationError``)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..choices import CompetitionStatus, EntryStatus
from ..eligibility import PRIOR_LEVEL_MESSAGE, has_prior_certificate
from ..models import Entry, EntryDocument


class IntakeRefused(ValidationError):
    """An entry that cannot be created now; the message is the Vietnamese reason (views answer 409)."""


@dataclass(frozen=True)
class DossierFile:
    """A file to copy into the entry's dossier: its kind (``DossierKind`` value), the name the producer gave it and
    an open-able Django ``FieldFile`` (or any ``File``) holding the content."""

    kind: str
    original_name: str
    file: File


def intake_problem(competition, product):
    """Why an entry for ``product`` cannot be added to ``competition`` now (a Vietnamese message) or ``None``."""
    if competition.status != CompetitionStatus.ENTRIES_OPEN:
        return _("Cuộc bình chọn không còn ở giai đoạn nhận hồ sơ (“%(status)s”): không tạo được hồ sơ tham gia.") % {
            "status": competition.get_status_display()
        }
    if Entry.objects.filter(competition=competition, product=product).exists():
        return _("Sản phẩm này đã có hồ sơ tham gia trong cuộc bình chọn.")
    if not has_prior_certificate(competition, product):
        return PRIOR_LEVEL_MESSAGE
    return None


def create_entry(competition, product, *, product_group="", description="", documents=()):
    """Create an eligible entry of ``product`` (a catalogue ``ProductPage``) in ``competition`` with ``description``
    (the registration form, shown to jurors redacted under blind judging) and copies of ``documents``
    (``DossierFile``), numbered and coded as every entry is. Returns the entry. Must run inside the caller's
    transaction (the caller locks what makes the request unique); raises ``IntakeRefused``."""
    problem = intake_problem(competition, product)
    if problem:
        raise IntakeRefused(problem)
    with transaction.atomic():
        entry = Entry(
            competition=competition,
            product=product,
            producer_id=product.producer_id,
            product_group=product_group or product.product_group,
            status=EntryStatus.ELIGIBLE,
            description=description,
        )
        entry.save()
        for item in documents:
            with item.file.open("rb") as handle:
                copy = EntryDocument(entry=entry, kind=item.kind, original_name=item.original_name[:255])
                copy.file.save(item.original_name or "tep", File(handle), save=False)
                copy.save()
    return entry
