"""Pieces both backends share: loading the products of a page of hits, facet labels, highlights."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import Level, ProducerKind, ProductGroup

from ..filters import LEVEL_RANK
from ..highlight import highlight
from ..results import Facet, FacetOption, Hit

FACET_LABELS = {
    "group": _("Nhóm sản phẩm"),
    "level": _("Cấp công nhận"),
    "year": _("Năm công nhận"),
    "commune": _("Xã/phường"),
    "producer_kind": _("Loại hình cơ sở"),
}
CHOICES = {"group": ProductGroup, "level": Level, "producer_kind": ProducerKind}


def recognised_certificates():
    """Certificates that make a product recognized: ``Certificate.objects.recognised()`` (the one rule)."""
    from registry.catalogue.models import Certificate

    return Certificate.objects.recognised()


def load_products(ids):
    """The live products ``ids`` in that order, with everything a product card needs, in a fixed number of queries."""
    from registry.catalogue.models import ProductPage

    if not ids:
        return []
    products = (
        ProductPage.objects.filter(pk__in=ids)
        .select_related("producer", "producer__commune", "commune", "hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch("certificates", queryset=recognised_certificates().order_by("-year"), to_attr="search_certs"),
        )
    )
    by_id = {p.pk: p for p in products}
    return [by_id[pk] for pk in ids if pk in by_id]


def best_level_label(product):
    certs = getattr(product, "search_certs", [])
    if not certs:
        return ""
    best = max(certs, key=lambda c: LEVEL_RANK.get(c.level, 0))
    return f"{best.get_level_display()} {best.year}"


def make_hits(products, tokens, highlights=None):
    highlights = highlights or {}
    hits = []
    for product in products:
        marks = highlights.get(product.pk) or {
            "title": highlight(product.title, tokens),
            "summary": highlight(product.summary, tokens, length=180),
        }
        hits.append(Hit(object=product, highlights=marks, level_label=best_level_label(product)))
    return hits


def choice_facet(name, counts, selected):
    """A facet over a TextChoices enum: every choice, in declaration order, with its count (0 when absent)."""
    options = [
        FacetOption(value=value, label=str(label), count=counts.get(value, 0), selected=value in selected)
        for value, label in CHOICES[name].choices
    ]
    return Facet(name=name, label=str(FACET_LABELS[name]), options=options)


def year_facet(counts, selected):
    years = sorted({int(y) for y in counts} | {int(y) for y in selected}, reverse=True)
    options = [
        FacetOption(value=str(y), label=str(y), count=counts.get(y, counts.get(str(y), 0)), selected=y in selected)
        for y in years
    ]
    return Facet(name="year", label=str(FACET_LABELS["year"]), options=options)


def commune_facet(counts, selected, communes):
    """``communes``: {code: label} for every code counted or selected."""
    codes = [code for code in communes if counts.get(code, 0) or code in selected]
    codes.sort(key=lambda code: communes[code])
    options = [
        FacetOption(value=code, label=communes[code], count=counts.get(code, 0), selected=code in selected)
        for code in codes
    ]
    return Facet(name="commune", label=str(FACET_LABELS["commune"]), options=options)
