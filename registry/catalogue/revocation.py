"""Revoking a certificate from the admin: a small form (reason, date) behind the change permission."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .choices import CertificateStatus
from .models import Certificate


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, strip=True
    )
    revoked_at = forms.DateField(label=_("Ngày thu hồi"), initial=timezone.localdate)


class RevokeCertificateView(WagtailAdminTemplateMixin, FormView):
    template_name = "catalogue/admin/revoke_certificate.html"
    form_class = RevokeForm
    header_icon = "warning"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("catalogue.change_certificate"):
            raise PermissionDenied
        self.certificate = get_object_or_404(Certificate.objects.select_related("product"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Thu hồi giấy chứng nhận")

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificate"] = self.certificate
        context["index_url"] = self.request.GET.get("next") or "../../"
        return context

    def form_valid(self, form):
        if self.certificate.status == CertificateStatus.REVOKED:
            messages.warning(self.request, _("Giấy chứng nhận này đã bị thu hồi trước đó."))
        else:
            self.certificate.revoke(form.cleaned_data["reason"], on=form.cleaned_data["revoked_at"])
            messages.success(
                self.request, _("Đã thu hồi giấy chứng nhận %(serial)s.") % {"serial": self.certificate.serial}
            )
        return redirect("wagtailsnippets_catalogue_certificate:list")
