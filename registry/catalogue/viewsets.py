"""Admin screens of the registry (Registry menu): producers, certificates, places and artisan titles.

Listings have filters, search, CSV/XLSX export and an inspect view; certificates can be revoked (never deleted).
"""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .choices import CertificateStatus, Level
from .models import Certificate, Commune, Producer, Province, TitleKind
from .revocation import RevokeCertificateView


class ProducerViewSet(SnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Cơ sở sản xuất")
    list_display = ["name", "kind", "commune", "tax_code", "phone"]
    list_filter = ["kind", "commune"]
    search_fields = ["name", "tax_code", "representative", "address"]
    search_backend_name = None
    list_export = ["name", "slug", "kind", "tax_code", "representative", "address", "commune", "phone", "email"]
    export_filename = "co-so-san-xuat"
    inspect_view_enabled = True
    ordering = ["name"]


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


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.revoked_at and self.request.user.has_perm("catalogue.change_certificate"):
            buttons.append(
                Button(
                    _("Thu hồi"),
                    url=reverse("wagtailsnippets_catalogue_certificate:revoke", args=[instance.pk]),
                    icon_name="warning",
                    priority=30,
                )
            )
        return buttons


class CertificateViewSet(SnippetViewSet):
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
    list_export = [
        "serial",
        "product",
        "level",
        "region",
        "year",
        "score",
        "decision_number",
        "decision_date",
        "issuer",
        "valid_from",
        "valid_until",
        "get_status_display",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {"get_status_display": _("Tình trạng")}
    export_filename = "giay-chung-nhan"
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["verification_code"]
    delete_view_enabled = False

    def get_queryset(self, request):
        return Certificate.objects.select_related("product")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("revoke/<int:pk>/", RevokeCertificateView.as_view(), name="revoke")]


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    menu_label = _("Tỉnh/thành phố")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_export = ["code", "name"]
    inspect_view_enabled = True


class CommuneViewSet(SnippetViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Xã/phường")
    list_display = ["name", "kind", "code", "province", "effective_from", "effective_until"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_export = ["code", "name", "kind", "province", "effective_from", "effective_until"]
    export_filename = "xa-phuong"
    inspect_view_enabled = True


class TitleKindViewSet(SnippetViewSet):
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
    items = (ProducerViewSet, CertificateViewSet, CommuneViewSet, ProvinceViewSet, TitleKindViewSet)
