"""Facet builders shared by every faceted search, whichever backend counted: the app that owns a listing supplies
the facet's name, label and values (e.g. the product catalogue's groups, levels, years, communes)."""

from .results import Facet, FacetOption


def choice_facet(name, label, choices, counts, selected):
    """A facet over a fixed list of ``choices`` ((value, label) pairs, e.g. a TextChoices' ``.choices``): every
    choice in declaration order with its count from ``counts`` ({value: n}, 0 when absent)."""
    options = [
        FacetOption(value=value, label=str(text), count=counts.get(value, 0), selected=value in selected)
        for value, text in choices
    ]
    return Facet(name=name, label=str(label), options=options)


def year_facet(name, label, counts, selected):
    """A facet over years, newest first: every year counted or selected. ``counts`` keys may be int or str."""
    years = sorted({int(y) for y in counts} | {int(y) for y in selected}, reverse=True)
    chosen = {str(y) for y in selected}
    options = [
        FacetOption(value=str(y), label=str(y), count=counts.get(y, counts.get(str(y), 0)), selected=str(y) in chosen)
        for y in years
    ]
    return Facet(name=name, label=str(label), options=options)


def labelled_facet(name, label, counts, selected, labels, ordered=False):
    """A facet over open-ended values (e.g. commune codes): ``labels`` is {value: label} for every value counted or
    selected; values neither counted nor selected are left out. Sorted by label, or with ``ordered`` in the order of
    ``labels`` (the communes come in Vietnamese alphabetical order from their ``sort_key``)."""
    values = [value for value in labels if counts.get(value, 0) or value in selected]
    if not ordered:
        values.sort(key=lambda value: labels[value])
    options = [
        FacetOption(value=value, label=labels[value], count=counts.get(value, 0), selected=value in selected)
        for value in values
    ]
    return Facet(name=name, label=str(label), options=options)
