"""What a juror sees of an entry: with blind judging on, nothing names the producer or leads to the catalogue.

Under blind judging the title shown is the entry's ``jury_title`` (written by managers) or "<product group> ·
<code>", never the catalogue title (its public page names the producer); the product's catalogue summary is not
shown; the entry's description has the producer's name, representative, tax code, phone, e-mail and website
replaced by "[…]"; dossier files carry neutral names (``EntryDocument.neutral_name``) and are linked only through
the permission-checking view ``competitions:jury-dossier``.
"""

import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

HIDDEN = "[…]"


@dataclass
class DossierLink:
    """One dossier file as a juror sees it: the neutral name, its kind and the download address."""

    name: str
    kind: str
    url: str


@dataclass
class JuryView:
    """An entry as shown in the judges' portal (title, texts that may be shown, dossier links)."""

    title: str
    summary: str
    description: str
    show_producer: bool
    documents: list[DossierLink] = field(default_factory=list)


def jury_title(entry) -> str:
    """The title jurors see: the catalogue title when judging is not blind, else ``jury_title`` or "<group> · <code>"."""
    if not entry.competition.blind:
        return entry.product.title
    return entry.jury_title.strip() or _("%(group)s · %(code)s") % {
        "group": entry.get_product_group_display() or _("Sản phẩm"),
        "code": entry.code,
    }


def redact(text: str, entry) -> str:
    """``text`` with whatever identifies the producer of ``entry`` replaced by "[…]" (case-insensitive)."""
    producer = entry.producer
    needles = [producer.name, producer.representative, producer.tax_code, producer.phone, producer.email]
    needles += [producer.website, producer.slug]
    for needle in sorted({n.strip() for n in needles if n and len(n.strip()) >= 3}, key=len, reverse=True):
        text = re.sub(re.escape(needle), HIDDEN, text, flags=re.IGNORECASE)
    return text


def dossier_links(entry, documents) -> list[DossierLink]:
    """Download links of ``documents`` (EntryDocument rows of ``entry``) under their neutral names."""
    slug = entry.competition.slug
    return [
        DossierLink(
            name=doc.neutral_name,
            kind=doc.get_kind_display(),
            url=reverse("competitions:jury-dossier", args=[slug, entry.code, doc.pk, doc.neutral_name]),
        )
        for doc in documents
    ]


def jury_view(entry) -> JuryView:
    """How the entry is presented to a juror (blind or not); 1 query for the dossier files."""
    blind = entry.competition.blind
    documents = list(entry.documents.order_by("kind", "number"))
    for doc in documents:
        doc.entry = entry
    return JuryView(
        title=jury_title(entry),
        summary="" if blind else (entry.product.summary or ""),
        description=redact(entry.description, entry) if blind else entry.description,
        show_producer=not blind,
        documents=dossier_links(entry, documents),
    )
