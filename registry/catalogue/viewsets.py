"""Admin screens of the registry (Registry menu): producers, certificates, places and artisan titles.

Listings have filters, search, CSV/XLSX export and an inspect view; certificates can be revoked (never deleted).
The export columns of producers, certificates and places are the ``export`` fields of ``public_fields.py``, and
every exported cell goes through ``core.cells.safe_cell``.
"""

import datetime
from collections import OrderedDict
from decimal import Decimal

import django_filters
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from core.cells import safe_cell
from core.viewsets import FoldedSnippetViewSet

from .choices import CertificateStatus, Level
from .importing.admin_views import ImportViewSet
from .models import Certificate, Commune, Producer, Province, TitleKind
from .public_fields import CERTIFICATE_FIELDS, COMMUNE_FIELDS, PRODUCER_FIELDS, PROVINCE_FIELDS, export_fields
from .revocation import RevokeCertificateView

_NOT_TEXT = (int, float, Decimal, datetime.date, datetime.time)


class SafeExportIndexView(IndexView):
    """The snippet listing whose CSV/XLSX export reads the declared fields (``export_declaration``, when set) and
    writes every text cell through ``core.cells.safe_cell``; numbers and dates stay numbers and dates."""

    export_declaration = None

    def to_row_dict(self, item):
        """The declared export fields of ``item``; a choice shows its label (``get_<name>_display``)."""
        if self.export_declaration is None:
            return super().to_row_dict(item)
        row = OrderedDict()
        for field in export_fields(self.export_declaration):
            display = getattr(item, f"get_{field.name}_display", None)
            row[field.name] = display() if display else field.value(item, self.request)
        return row

    def stream_csv(self, queryset):
        """Wagtail's CSV after a UTF-8 byte-order mark, as the open-data CSVs have, so that Excel on Windows
        reads the Vietnamese text as UTF-8 rather than in the system's legacy code page."""
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def preprocess_field_value(self, field, value, export_format):
        cell = super().preprocess_field_value(field, value, export_format)
        return cell if isinstance(value, _NOT_TEXT) else safe_cell(cell)


class RegistrySnippetViewSet(FoldedSnippetViewSet):
    """A registry snippet screen; ``export_declaration`` (a list of ``PublicField``) sets the export columns. Its search
    folds (``core.viewsets.FoldedSnippetViewSet``): "gia lai", "Đak" or NFD input find "Gia Lai", "Đắk Đoa"."""

    index_view_class = SafeExportIndexView
    export_declaration = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.export_declaration is not None:
            fields = export_fields(cls.export_declaration)
            cls.list_export = [f.name for f in fields]
            cls.export_headings = {f.name: capfirst(f.label) for f in fields}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(export_declaration=self.export_declaration, **kwargs)


class ProducerViewSet(RegistrySnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Cơ sở sản xuất")
    list_display = ["name", "kind", "commune", "tax_code", "phone"]
    list_filter = ["kind", "commune"]
    # Searched through the Vietnamese-aware search backend (Producer.search_fields): "gom" finds "Gốm".
    export_declaration = PRODUCER_FIELDS
    export_filename = "co-so-san-xuat"
    inspect_view_enabled = True
    ordering = ["sort_key", "name"]
    # Drafts and the corrections workflow need no publishing schedule; Wagtail keeps these dates itself.
    exclude_form_fields = ["first_published_at", "go_live_at", "expire_at"]

    def get_queryset(self, request):
        return Producer.objects.select_related("commune")


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=CertificateStatus.choices, method="filter_status"
    )
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=Level.choices)
    year = django_filters.NumberFilter(label=_("Năm"))

    class Meta:
        model = Certificate
        fields = ["level", "year", "source"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status().filter(current_status=value)


class CertificateIndexView(SafeExportIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != CertificateStatus.REVOKED and self.request.user.has_perm("catalogue.change_certificate"):
            buttons.append(
                Button(
                    _("Thu hồi"),
                    url=reverse("wagtailsnippets_catalogue_certificate:revoke", args=[instance.pk]),
                    icon_name="warning",
                    priority=30,
                )
            )
        return buttons


class CertificateViewSet(RegistrySnippetViewSet):
    model = Certificate
    icon = "success"
    menu_label = _("Giấy chứng nhận")
    index_view_class = CertificateIndexView
    list_display = [
        "serial",
        "product",
        "level",
        "year",
        "score",
        Column("status", label=_("Tình trạng"), accessor="get_status_display"),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["serial", "decision_number", "product__title"]
    search_backend_name = None
    export_declaration = CERTIFICATE_FIELDS
    export_filename = "giay-chung-nhan"
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["verification_code", "qr_code_url", "qr_code_svg"]  # the code is a secret
    delete_view_enabled = False

    def get_queryset(self, request):
        return Certificate.objects.select_related("product")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("revoke/<int:pk>/", RevokeCertificateView.as_view(), name="revoke")]


class ProvinceViewSet(RegistrySnippetViewSet):
    model = Province
    icon = "site"
    menu_label = _("Tỉnh/thành phố")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    search_backend_name = None
    export_declaration = PROVINCE_FIELDS
    inspect_view_enabled = True


class CommuneViewSet(RegistrySnippetViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Xã/phường")
    list_display = ["name", "kind", "code", "province", "effective_from", "effective_until"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "code"]
    search_backend_name = None
    export_declaration = COMMUNE_FIELDS
    export_filename = "xa-phuong"
    inspect_view_enabled = True


class TitleKindViewSet(RegistrySnippetViewSet):
    model = TitleKind
    icon = "pick"
    menu_label = _("Loại danh hiệu")
    list_display = ["name", "is_national", "rank"]
    list_filter = ["is_national"]
    search_fields = ["name"]
    search_backend_name = None
    list_export = ["name", "is_national", "rank"]
    inspect_view_enabled = True


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Sổ đăng ký")
    menu_icon = "table"
    menu_order = 210
    items = (ProducerViewSet, CertificateViewSet, CommuneViewSet, ProvinceViewSet, TitleKindViewSet, ImportViewSet)
