"""The center's review queue of online applications in the Wagtail admin (menu "Hồ sơ đăng ký",
``/admin/ho-so-dang-ky/``): the submitted applications per competition with status filters and what each dossier
lacks, one application with its submitted versions, files and history, and the three decisions (accept, ask for
more information, reject). Competition managers only (``services.review.may_review``: 403 otherwise); the rules are
in ``services.review`` (a refused transition answers 409 with its Vietnamese reason, a form without its required
message 400)."""

import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.competitions.models import Competition

from .access import own_products
from .choices import ApplicationStatus
from .forms import CleanCharField
from .models import Application, ApplicationDocument, ApplicationVersion
from .services import applications as application_service
from .services import review

PER_PAGE = 50
#: Statuses staff see (drafts belong to the producer until submitted), and the default filter: waiting for staff.
REVIEW_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]
WAITING = "cho-xu-ly"


class ReviewView(WagtailAdminTemplateMixin):
    """Base of the review screens: the managers' permission and breadcrumbs under "Hồ sơ đăng ký"."""

    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not review.may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("producer_applications:index"), "label": _("Hồ sơ đăng ký")}]
        return [*items, {"url": "", "label": self.get_page_title()}]


class QueueView(ReviewView, TemplateView):
    """Submitted applications, oldest submission first, filtered by competition (``?cuoc=<id>``) and status
    (``?trang-thai=<status>``, default: waiting for the center or the producer), with the status counts and what
    each lacks. A fixed number of queries whatever the number of applications."""

    template_name = "producers/admin/applications.html"
    page_title = gettext_lazy("Hồ sơ đăng ký")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        competitions = list(
            Competition.objects.filter(applications__status__in=REVIEW_STATUSES).distinct().order_by("-year", "name")
        )
        wanted = self.request.GET.get("cuoc", "")
        chosen = next((c for c in competitions if str(c.pk) == wanted), None)
        if chosen is None and wanted.isdigit():
            chosen = Competition.objects.filter(pk=int(wanted)).first()  # one without applications: an empty list
        rows = Application.objects.filter(status__in=REVIEW_STATUSES)
        if chosen is not None:
            rows = rows.filter(competition=chosen)
        counts = dict(rows.order_by().values_list("status").annotate(n=Count("id")))
        status = self.request.GET.get("trang-thai", WAITING)
        if status == WAITING:
            rows = rows.filter(status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO])
        elif status in ApplicationStatus.values and status != ApplicationStatus.DRAFT:
            rows = rows.filter(status=status)
        else:
            status = ""
        page = Paginator(rows.for_review().order_by("submitted_at", "id"), PER_PAGE).get_page(self.request.GET.get("p"))
        for application in page.object_list:
            application.lacking = application_service.missing(application, application.current_documents)
        filters = [(WAITING, _("Chờ xử lý"), counts.get("submitted", 0) + counts.get("more-info", 0))]
        filters += [(s.value, s.label, counts.get(s.value, 0)) for s in REVIEW_STATUSES]
        filters.append(("", _("Tất cả"), sum(counts.values())))
        return super().get_context_data(
            competitions=competitions, chosen=chosen, status=status, filters=filters, page=page, **kwargs
        )


class MoreInfoForm(forms.Form):
    """What the producer must add or correct (sent to them by e-mail and shown on their dashboard)."""

    message = CleanCharField(label=gettext_lazy("Nội dung đề nghị bổ sung"), widget=forms.Textarea(attrs={"rows": 4}))


class RejectForm(forms.Form):
    """Why the application is not accepted (sent to the producer)."""

    reason = CleanCharField(label=gettext_lazy("Lý do không tiếp nhận"), widget=forms.Textarea(attrs={"rows": 4}))


class AcceptForm(forms.Form):
    """Accepting; for a product not yet in the catalogue, optionally one of the producer's products instead of a
    new unpublished catalogue page."""

    product = forms.ModelChoiceField(
        label=gettext_lazy("Sản phẩm trong danh mục"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Để trống: tạo trang sản phẩm mới (chưa xuất bản) từ phiếu đăng ký."),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        if application.product_id:
            del self.fields["product"]
        else:
            self.fields["product"].queryset = own_products(application.producer)


FORMS = {"accept": AcceptForm, "more-info": MoreInfoForm, "reject": RejectForm}


def version_rows(version):
    """``[(label, text)]`` of a submitted version's form (choices by label, the commitment as yes/no)."""
    rows = []
    for name in application_service.FORM_FIELDS:
        field, value = Application._meta.get_field(name), version.data.get(name, "")
        if name == "commitment":
            value = _("Có") if value else _("Không")
        elif field.choices:
            value = dict(field.choices).get(value, value)
        rows.append((field.verbose_name, value))
    return rows


class ApplicationView(ReviewView, TemplateView):
    """One application: its form, current files, what it lacks, every submitted version (form and files), its
    history and the decision forms (POST ``action`` = ``accept`` / ``more-info`` / ``reject``)."""

    template_name = "producers/admin/application.html"
    page_title = gettext_lazy("Xét hồ sơ đăng ký")

    def dispatch(self, request, *args, **kwargs):
        if not review.may_review(request.user):  # before the lookup: other staff are sent home, never a 404
            raise PermissionDenied
        queryset = Application.objects.exclude(status=ApplicationStatus.DRAFT).for_review()
        self.application = get_object_or_404(queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.application.code} · {self.application.product_name}"

    def get_context_data(self, forms_=None, problems=(), **kwargs):
        application = self.application
        versions = list(
            ApplicationVersion.objects.filter(application=application)
            .select_related("submitted_by")
            .prefetch_related(Prefetch("documents", queryset=ApplicationDocument.objects.order_by("kind", "id")))
            .order_by("-number")
        )
        for version in versions:
            version.rows = version_rows(version)
        bound = forms_ or {}
        ask_closed = None
        if application.status == ApplicationStatus.SUBMITTED:
            ask_closed = application_service.closing_problem(application.competition)
        return super().get_context_data(
            application=application,
            documents=application.current_documents,
            lacking=application_service.missing(application, application.current_documents),
            versions=versions,
            events=list(application.events.select_related("user")),
            accept_form=bound.get("accept") or AcceptForm(application=application),
            more_info_form=bound.get("more-info") or MoreInfoForm(),
            reject_form=bound.get("reject") or RejectForm(),
            can_accept=application.status == ApplicationStatus.SUBMITTED,
            can_ask=application.status == ApplicationStatus.SUBMITTED and ask_closed is None,
            ask_closed=ask_closed,
            can_reject=application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO),
            problems=problems,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in FORMS:
            return self.render_to_response(self.get_context_data(problems=[_("Thao tác không hợp lệ.")]), status=400)
        extra = {"application": self.application} if action == "accept" else {}
        form = FORMS[action](request.POST, **extra)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(forms_={action: form}), status=400)
        data = form.cleaned_data
        try:
            if action == "accept":
                done = review.accept(self.application, request.user, product=data.get("product"))
                messages.success(request, _("Đã tiếp nhận; mã số hồ sơ tham gia %(code)s.") % {"code": done.entry.code})
            elif action == "more-info":
                review.ask_more_info(self.application, request.user, data["message"])
                messages.success(request, _("Đã gửi đề nghị bổ sung cho cơ sở."))
            else:
                review.reject(self.application, request.user, data["reason"])
                messages.success(request, _("Đã từ chối hồ sơ và báo cho cơ sở."))
        except review.ReviewRefused as refused:
            self.application.refresh_from_db()
            return self.render_to_response(self.get_context_data(problems=refused.messages), status=409)
        return redirect("producer_applications:application", pk=self.application.pk)


class DocumentView(View):
    """Download a file of a submitted application (current or of an earlier version) for managers only; never
    cached, never sniffed or run by the browser."""

    def get(self, request, pk, document_pk):
        if not review.may_review(request.user):
            raise PermissionDenied
        document = get_object_or_404(
            ApplicationDocument.objects.exclude(application__status=ApplicationStatus.DRAFT),
            pk=document_pk,
            application_id=pk,
        )
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        name = document.original_name or "tep"
        response = FileResponse(
            handle,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            as_attachment=True,
            filename=name,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
