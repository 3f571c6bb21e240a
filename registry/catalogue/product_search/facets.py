"""What both backends of the catalogue share: the facets' labels and values, the certificates that count, and the
products of a page of hits loaded the same way whichever backend found them."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.sorting import alphabetical
from core.translation import show_in_language
from search.facets import choice_facet, labelled_facet, year_facet
from search.highlight import highlight
from search.results import Hit

from ..choices import Level, ProducerKind, ProductGroup
from ..models.certificates import Certificate
from ..models.products import ProductPage
from .filters import LEVEL_RANK

FACET_LABELS = {
    "group": _("Nhóm sản phẩm"),
    "level": _("Cấp công nhận"),
    "year": _("Năm công nhận"),
    "commune": _("Xã/phường"),
    "producer_kind": _("Loại hình cơ sở"),
}


def commune_labels_in_order(communes, key="code"):
    """{code: "Xã …"} of ``communes`` (a ``Commune`` queryset, one query) in Vietnamese alphabetical order of their
    names, the kind of unit not counting (``Commune.sort_key``): the order of every list of communes on the site.
    With ``key="pk"``: {pk: (code, label)} in that order."""
    ordered = communes.order_by(alphabetical(), "code")
    if key == "pk":
        return {c.pk: (c.code, str(c)) for c in ordered}
    return {c.code: str(c) for c in ordered}


def recognised_certificates():
    """Certificates that make a product recognized: ``Certificate.objects.recognised()`` (the one rule)."""
    return Certificate.objects.recognised()


def load_products(ids):
    """The live products ``ids`` in that order, with everything a product card needs (producer, picture, recognised
    certificates), in two queries; on the English site laid over with their live English translations
    (``show_in_language``: one more query). The pictures' renditions are not prefetched: ``{% picture_of %}``
    remembers them per page-cache generation (core/pictures.py), so a prefetch would be a query for nothing."""
    if not ids:
        return []
    products = (
        ProductPage.objects.filter(pk__in=ids)
        .order_by()  # put in the order of ``ids`` below
        .select_related("producer", "hero_image")
        .prefetch_related(
            Prefetch("certificates", queryset=recognised_certificates().order_by("-year"), to_attr="search_certs"),
        )
    )
    by_id = {p.pk: p for p in products}
    return show_in_language([by_id[pk] for pk in ids if pk in by_id])


def best_level_label(product):
    """ "<highest level> <year>" of the product's certificates that count, "" without any."""
    certs = getattr(product, "search_certs", [])
    if not certs:
        return ""
    best = max(certs, key=lambda c: LEVEL_RANK.get(c.level, 0))
    return f"{best.get_level_display()} {best.year}"


def make_hits(products, tokens, highlights=None):
    """A :class:`search.results.Hit` per product, with the backend's highlights or our own."""
    highlights = highlights or {}
    hits = []
    for product in products:
        marks = highlights.get(product.pk) or {
            "title": highlight(product.title, tokens),
            "summary": highlight(product.summary, tokens, length=180),
        }
        hits.append(Hit(object=product, highlights=marks, level_label=best_level_label(product)))
    return hits


def catalogue_facets(counts, filters, commune_labels):
    """The five facets in display order. ``counts``: {facet name: {value: n}} (years as int or str, communes by
    code); ``commune_labels``: {code: label} for every commune counted or selected, in the order the communes are
    shown (``commune_labels_in_order``)."""
    return [
        choice_facet("group", FACET_LABELS["group"], ProductGroup.choices, counts["group"], filters.group),
        choice_facet("level", FACET_LABELS["level"], Level.choices, counts["level"], filters.level),
        year_facet("year", FACET_LABELS["year"], counts["year"], filters.year),
        labelled_facet(
            "commune", FACET_LABELS["commune"], counts["commune"], filters.commune, commune_labels, ordered=True
        ),
        choice_facet(
            "producer_kind",
            FACET_LABELS["producer_kind"],
            ProducerKind.choices,
            counts["producer_kind"],
            filters.producer_kind,
        ),
    ]
