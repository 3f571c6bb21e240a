"""Staff screens in the Wagtail admin (menu "Yêu cầu nhận cơ sở"): the queue of claims and requests for new
producer records, one claim with its checks (tax code match, account verified, the accounts already acting for the
producer: who, since when) and its decision, revoking an account's link, and inviting a producer by e-mail. Every view needs ``producers.review_producerclaim``; decisions go through
``services.claims`` (a claim already decided answers 409 with the reason)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.catalogue.models import Producer

from .choices import ClaimKind, ClaimStatus
from .forms import CleanCharField, CleanEmailField
from .models import ProducerAccount, ProducerClaim
from .services import accounts, claims

REVIEW_PERMISSION = "producers.review_producerclaim"
RECENT_DECISIONS = 30


def may_review(user):
    """Whether ``user`` may decide claims and invite producers (the permission, or a superuser)."""
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


class ReviewerView(WagtailAdminTemplateMixin):
    """Base of the staff screens: the permission check and breadcrumbs under "Yêu cầu nhận cơ sở"."""

    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("producers_admin:index"), "label": _("Yêu cầu nhận cơ sở")}]
        return [*items, {"url": "", "label": self.get_page_title()}]


class QueueView(ReviewerView, TemplateView):
    """The pending claims (oldest first: first come, first served) and the latest decisions."""

    template_name = "producers/admin/queue.html"
    page_title = gettext_lazy("Yêu cầu nhận cơ sở")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        queue = ProducerClaim.objects.for_queue()
        return super().get_context_data(
            pending=list(queue.pending().order_by("created_at", "id")),
            decided=list(queue.exclude(status=ClaimStatus.PENDING).order_by("-decided_at")[:RECENT_DECISIONS]),
            **kwargs,
        )


class DecisionForm(forms.Form):
    """Approve (for a request for a new record: optionally an existing producer instead of a new one) or reject
    with a reason."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"), choices=[("approve", _("Duyệt")), ("reject", _("Từ chối"))]
    )
    producer = forms.ModelChoiceField(
        label=gettext_lazy("Gắn với cơ sở có sẵn"),
        queryset=Producer.objects.all(),
        required=False,
        help_text=gettext_lazy("Chỉ với đề nghị tạo mới: để trống thì tạo cơ sở mới từ thông tin đề nghị."),
    )
    reason = CleanCharField(label=gettext_lazy("Lý do từ chối"), required=False, widget=forms.Textarea)
    confirm_shared = forms.BooleanField(
        label=gettext_lazy("Đã liên hệ các tài khoản đang đại diện cho cơ sở và đồng ý cho thêm tài khoản này"),
        required=False,
        help_text=gettext_lazy("Bắt buộc khi duyệt yêu cầu nhận một cơ sở đã có tài khoản đại diện."),
    )


class ClaimView(ReviewerView, FormView):
    """One claim: who asks, for what, whether the tax code matches; the decision form."""

    template_name = "producers/admin/claim.html"
    form_class = DecisionForm
    page_title = gettext_lazy("Xét yêu cầu")

    def dispatch(self, request, *args, **kwargs):
        self.claim = get_object_or_404(ProducerClaim.objects.for_queue(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.claim.shown_name

    def get_context_data(self, **kwargs):
        links = claims.existing_links(self.claim.producer, self.claim.account) if self.claim.producer_id else []
        return super().get_context_data(
            claim=self.claim, is_new=self.claim.kind == ClaimKind.NEW, existing_links=links, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                claims.approve(
                    self.claim, self.request.user, producer=data.get("producer"), confirm_shared=data["confirm_shared"]
                )
                messages.success(self.request, _("Đã duyệt; tài khoản đã được gắn với cơ sở."))
            else:
                claims.reject(self.claim, self.request.user, data.get("reason"))
                messages.success(self.request, _("Đã từ chối yêu cầu."))
        except claims.ClaimRefused as refused:
            form.add_error(None, refused)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        return redirect("producers_admin:index")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RevokeForm(forms.Form):
    """Why the account stops acting for its producer (e-mailed to it, kept on its claim and in the audit log)."""

    reason = CleanCharField(label=gettext_lazy("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 3}))


class RevokeView(ReviewerView, FormView):
    """Revoke one account's link to its producer (an approved claim or an accepted invitation), with a reason."""

    template_name = "producers/admin/revoke.html"
    form_class = RevokeForm
    page_title = gettext_lazy("Thu hồi quyền đại diện")

    def dispatch(self, request, *args, **kwargs):
        queryset = ProducerAccount.objects.select_related("user", "producer").filter(producer__isnull=False)
        self.account = get_object_or_404(queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.account.producer.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.account, **kwargs)

    def form_valid(self, form):
        try:
            producer = claims.revoke(self.account, self.request.user, form.cleaned_data["reason"])
        except claims.ClaimRefused as refused:
            form.add_error(None, refused)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(
            self.request,
            _("Đã thu hồi quyền đại diện cho %(name)s của %(email)s.")
            % {"name": producer.name, "email": self.account.user.email},
        )
        return redirect("producers_admin:index")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class InviteForm(forms.Form):
    """Which producer, and the e-mail address that receives the invitation."""

    producer = forms.ModelChoiceField(label=gettext_lazy("Cơ sở sản xuất"), queryset=Producer.objects.all())
    email = CleanEmailField(label=gettext_lazy("Thư điện tử"), max_length=150)


class InviteView(ReviewerView, FormView):
    """Invite a producer by e-mail (a single-use link that creates a linked, verified account)."""

    template_name = "producers/admin/invite.html"
    form_class = InviteForm
    page_title = gettext_lazy("Mời cơ sở sản xuất")

    def get_initial(self):
        return {"producer": self.request.GET.get("producer")}

    def form_valid(self, form):
        invitation = accounts.invite(form.cleaned_data["producer"], form.cleaned_data["email"], self.request.user)
        messages.success(self.request, _("Đã gửi lời mời tới %(email)s.") % {"email": invitation.email})
        return redirect("producers_admin:index")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
