"""Administrative units since 1 July 2025: provinces and commune-level units (xã, phường, đặc khu)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.shared_data import instance_of, row_of, shared
from core.sorting import SortKeyMixin
from core.text import place_sort_key

from ..choices import CommuneKind


class Province(SortKeyMixin, models.Model):
    """A province (tỉnh/thành phố). Loaded from CSV with ``import_registry``; managed under Registry → Places."""

    code = models.CharField(_("mã"), max_length=10, unique=True, help_text=_("Mã đơn vị hành chính."))
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        ordering = ["sort_key", "code"]
        verbose_name = _("tỉnh/thành phố")
        verbose_name_plural = _("tỉnh/thành phố")

    def __str__(self):
        return self.name

    def make_sort_key(self):
        """Provinces sort by name without "Tỉnh"/"Thành phố" (``core.text.place_sort_key``)."""
        return place_sort_key(self.name)


class Commune(SortKeyMixin, models.Model):
    """A commune-level unit. Records keep a free-text legacy district for addresses made before the reform."""

    code = models.CharField(_("mã"), max_length=10, unique=True, help_text=_("Mã đơn vị hành chính cấp xã."))
    name = models.CharField(_("tên"), max_length=120, help_text=_("Tên không kèm loại, ví dụ: Pleiku."))
    kind = models.CharField(_("loại"), max_length=10, choices=CommuneKind.choices, default=CommuneKind.XA)
    province = models.ForeignKey(Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="communes")
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_until = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Để trống nếu đơn vị còn tồn tại.")
    )

    class Meta:
        ordering = ["sort_key", "code"]
        verbose_name = _("xã/phường")
        verbose_name_plural = _("xã/phường")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    def make_sort_key(self):
        """Communes sort by name, whatever their kind ("Phường Tây Sơn" before "Xã Tuy Phước", on every page:
        ``core.text.place_sort_key``); the stored name has no kind, an imported "Xã …" is ignored the same way."""
        return place_sort_key(self.name)


def commune_of(pk):
    """The ``Commune`` of primary key ``pk`` with its province (``commune.province`` set), as a new instance for the
    caller: read from the database once per process and page-cache generation (``core.shared_data.shared``: every
    write to a place starts a new one), then built without a query. Raises ``Commune.DoesNotExist`` for an unknown
    ``pk``."""

    def rows():
        commune = Commune.objects.select_related("province").get(pk=pk)
        return row_of(commune), row_of(commune.province)

    commune_row, province_row = shared("commune", pk, rows)
    commune = instance_of(Commune, commune_row)
    commune.province = instance_of(Province, province_row)
    return commune
