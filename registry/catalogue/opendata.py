"""Open data of the registry: the public fields of each kind of record as rows (for CSV and JSON downloads).

The columns are the ``open_data`` fields of ``public_fields.py``; here only which records are published and how
they are loaded (a fixed number of queries per dataset). Never exported: verification codes (they are printed on
certificates and prove possession of one), names of producers' representatives and anything not already shown
on the public pages.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.translation import source_pages

from .models import ArtisanPage, ArtisanTitle, Certificate, CraftVillagePage, Producer, ProductPage
from .public_fields import (
    ARTISAN_FIELDS,
    CERTIFICATE_FIELDS,
    PRODUCER_FIELDS,
    PRODUCT_FIELDS,
    VILLAGE_FIELDS,
    open_data_fields,
)

LICENCE_NAME = "Creative Commons Attribution 4.0 (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def products():
    """Live public products."""
    return (
        source_pages(ProductPage.objects.live().public())
        .select_related("producer", "commune", "craft_village")
        .defer_streamfields()
        .order_by("title", "pk")
    )


def producers():
    """Every producer (establishments; their profiles are public)."""
    return Producer.objects.filter(live=True).select_related("commune").order_by("name", "pk")


# What the certificates' columns read of a certificate, its product and its producer: not the product page's text and
# stream fields nor the producer's description (a certificate row then weighs a few hundred bytes, not kilobytes).
CERTIFICATE_COLUMNS = (
    "serial", "level", "region", "year", "score", "decision_number", "decision_date", "issuer", "valid_from",
    "valid_until", "revoked_at", "revoked_reason", "product__title", "product__slug", "product__producer__name",
)  # fmt: skip


def certificates(today=None):
    """Certificates of live public products (``publicly_visible``), with their status on ``today`` (default: the
    local date) computed in the database."""
    return (
        Certificate.objects.publicly_visible()
        .with_status(today)
        .select_related("product__producer")
        .only(*CERTIFICATE_COLUMNS)
        .order_by("-year", "serial")
    )


def villages():
    """Live public craft villages."""
    return (
        source_pages(CraftVillagePage.objects.live().public())
        .select_related("commune")
        .prefetch_related("trade_groups")
        .defer_streamfields()
        .order_by("title", "pk")
    )


def artisans():
    """Live public artisans with their titles."""
    return (
        source_pages(ArtisanPage.objects.live().public())
        .select_related("commune", "craft_village")
        .prefetch_related(Prefetch("titles", queryset=ArtisanTitle.objects.select_related("kind")))
        .defer_streamfields()
        .order_by("title", "pk")
    )


CHUNK_SIZE = 200
"""Records read from the database at a time when a dataset is written (``QuerySet.iterator(chunk_size=…)``, with
the prefetches of each chunk): the memory of a download is bounded by one chunk, whatever the size of the registry;
a dataset costs its fixed queries once per chunk."""


@dataclass(frozen=True)
class Dataset:
    """One open-data download: its title, the records published and their public fields.

    ``records``: a function returning the queryset of the records, in publication order (its ``prefetch_related``
    lookups are run for each chunk of ``CHUNK_SIZE`` records). ``dated``: the records depend on the date (a
    certificate's status): ``records(today)`` is called with the date of the data version the file is built for,
    so that one version is the same bytes whenever it is built."""

    label: object
    records: object
    fields: list
    dated: bool = False

    @property
    def columns(self):
        """The public column names, in order."""
        return [field.name for field in open_data_fields(self.fields)]

    def raw_rows(self, request, today=None):
        """Each record's open-data values before formatting, as lists in column order, read ``CHUNK_SIZE`` records
        at a time (constant memory); ``today``: the date of a ``dated`` dataset (default: the local date)."""
        fields = open_data_fields(self.fields)
        records = self.records(today) if self.dated else self.records()
        for record in records.iterator(chunk_size=CHUNK_SIZE):
            yield [field.value(record, request) for field in fields]

    def json_rows(self, request, today=None):
        """Rows as dicts {column: value}, each value typed by ``PublicField.json_value`` (the API's rule too)."""
        fields = open_data_fields(self.fields)
        for values in self.raw_rows(request, today):
            yield {field.name: field.json_value(value) for field, value in zip(fields, values, strict=True)}

    def csv_rows(self, request, today=None):
        """Rows as lists of text cells, each made safe for spreadsheets (``PublicField.csv_value``)."""
        fields = open_data_fields(self.fields)
        for values in self.raw_rows(request, today):
            yield [field.csv_value(value) for field, value in zip(fields, values, strict=True)]


DATASETS = {
    "products": Dataset(_("Sản phẩm"), products, PRODUCT_FIELDS),
    "producers": Dataset(_("Cơ sở sản xuất"), producers, PRODUCER_FIELDS),
    "certificates": Dataset(_("Giấy chứng nhận"), certificates, CERTIFICATE_FIELDS, dated=True),
    "villages": Dataset(_("Làng nghề"), villages, VILLAGE_FIELDS),
    "artisans": Dataset(_("Nghệ nhân"), artisans, ARTISAN_FIELDS),
}


def register(kind, dataset):
    """Publish another app's ``Dataset`` at ``/du-lieu-mo/<kind>.csv|json`` beside the registry's (called from
    that app's ``AppConfig.ready()``: the registry never imports the apps above it)."""
    DATASETS[kind] = dataset
