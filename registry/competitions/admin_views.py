"""Managers' screens in the Wagtail admin (Bình chọn menu): dashboard, results and decisions, status changes
(closing scoring with its warning, moving back with a reason), certificates, reminders, reopening, amending
published results, the audit log and document downloads. Built on Wagtail's ``WagtailAdminTemplateMixin``
(header with breadcrumbs) and Django forms; every action asks the lifecycle and a refused one answers 409 with
the reason. Every view needs manage_competitions."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_forms import AmendForm, DecisionForm, ReasonForm, StatusForm
from .choices import AuditAction, CompetitionStatus
from .documents import pdf as pdf_docs
from .documents import xlsx as xlsx_docs
from .lifecycle import BACK, FORWARD, Action, ActionNotAllowed, ensure_allowed, next_action, refusal, state_of
from .models import AuditEntry, Competition, Entry, ScoreSheet
from .paging import paginate
from .services import council
from .services.access import can_reopen, is_manager
from .services.amendments import amend_results
from .services.listings import decisions_listing, progress_listing
from .services.results import closing_warnings, compute_results
from .services.sheets import reopen_refusal, reopen_sheet

AUDIT_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def manager_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _competition(pk):
    return get_object_or_404(Competition.objects.select_related("rubric"), pk=pk)


class ManagerView(WagtailAdminTemplateMixin):
    """Base of the managers' screens: permission, the competition, breadcrumbs, and 409 for refused actions."""

    header_icon = "trophy"

    def dispatch(self, request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied
        self.competition = _competition(kwargs["pk"]) if "pk" in kwargs else None
        try:
            return super().dispatch(request, *args, **kwargs)
        except ActionNotAllowed as exc:
            return self.refused(exc.reason)

    def refused(self, message, status=409):
        context = WagtailAdminTemplateMixin.get_context_data(self, message=message, competition=self.competition)
        return render(self.request, "competitions/admin/refused.html", context, status=status)

    def get_page_subtitle(self):
        return self.competition.name if self.competition else ""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("competitions_admin:index"), "label": _("Bình chọn")}]
        if self.competition:
            items.append(
                {
                    "url": reverse("competitions_admin:dashboard", args=[self.competition.pk]),
                    "label": self.competition.name,
                }
            )
        return [*items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(competition=self.competition, **kwargs)

    def dashboard_url(self):
        return reverse("competitions_admin:dashboard", args=[self.competition.pk])


class IndexView(ManagerView, TemplateView):
    template_name = "competitions/admin/index.html"
    page_title = gettext_lazy("Bình chọn")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        competitions = Competition.objects.select_related("rubric").order_by("-year", "name")
        return super().get_context_data(competitions=competitions, **kwargs)


def transitions(competition):
    """[(target state, is_back)]: the next state forward and, for a step back with a reason, the previous one."""
    result = []
    action = next_action(competition)
    if action is not None:
        result.append((FORWARD[action], False))
    back = BACK.get(state_of(competition))
    if back is not None:
        result.append((back, True))
    return result


class DashboardView(ManagerView, TemplateView):
    template_name = "competitions/admin/dashboard.html"
    page_title = gettext_lazy("Tiến độ chấm")

    def get_context_data(self, **kwargs):
        competition = self.competition
        data = progress_listing(self.request, competition)
        may_reopen = can_reopen(self.request.user, competition)
        for sheet in data["submitted_sheets"]:
            sheet.reopen_refusal = reopen_refusal(self.request.user, sheet, competition, may_reopen)
        events = (
            AuditEntry.objects.filter(
                competition=competition,
                action__in=[AuditAction.REOPEN, AuditAction.VOID, AuditAction.CONFLICT, AuditAction.STATUS],
            )
            .select_related("user", "entry", "sheet__juror__user")
            .order_by("-at", "-id")[:10]
        )
        return super().get_context_data(
            events=events,
            transitions=transitions(competition),
            remind_refusal=refusal(competition, Action.SEND_REMINDERS),
            amend_refusal=refusal(competition, Action.AMEND),
            **data,
            **kwargs,
        )


class ResultsView(ManagerView, FormView):
    """Results with the council's decision per entry; a decision that is not allowed shows why."""

    template_name = "competitions/admin/results.html"
    page_title = gettext_lazy("Kết quả và quyết định")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "competition": self.competition}

    def get_form_class(self):
        return DecisionForm

    def get_context_data(self, **kwargs):
        competition = self.competition
        data = decisions_listing(self.request, competition)
        decide_refusal = refusal(competition, Action.DECIDE)
        rows = []
        for entry, result in data["page_obj"]:
            form = DecisionForm(
                competition=competition,
                auto_id=f"e{entry.pk}_%s",
                initial={
                    "entry": entry.pk,
                    "recognized": entry.recognized,
                    "decision_number": entry.decision_number,
                    "decision_date": entry.decision_date,
                },
            )
            rows.append((entry, result, form))
        return super().get_context_data(
            rows=rows,
            decide_refusal=decide_refusal,
            issue_refusal=council.issue_refusal(competition),
            **{**data, **kwargs},
        )

    def post(self, request, *args, **kwargs):
        ensure_allowed(self.competition, Action.DECIDE)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        entry = form.cleaned_data["entry"]
        try:
            council.decide(
                entry,
                self.request.user,
                recognized=form.cleaned_data["recognized"],
                decision_number=form.cleaned_data["decision_number"].strip(),
                decision_date=form.cleaned_data["decision_date"],
            )
        except ActionNotAllowed:
            raise
        except ValidationError as exc:
            messages.error(self.request, exc.messages[0])
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Đã ghi quyết định cho hồ sơ %(code)s.") % {"code": entry.code})
        return redirect(self.request.get_full_path())  # back to the same page and filters of the list


class StatusView(ManagerView, FormView):
    """Move the competition to another state: closing scoring lists entries below quorum and drafts and asks
    for confirmation; a step back needs a reason."""

    template_name = "competitions/admin/status.html"
    form_class = StatusForm
    page_title = gettext_lazy("Đổi trạng thái")

    def get_initial(self):
        return {"status": self.request.GET.get("status", ""), "direction": self.request.GET.get("direction", "")}

    def get_context_data(self, **kwargs):
        target = self.request.POST.get("status") or self.request.GET.get("status")
        warnings = None
        if target == CompetitionStatus.CLOSED and self.competition.status == CompetitionStatus.SCORING:
            warnings = closing_warnings(self.competition)
        label = CompetitionStatus(target).label if target in CompetitionStatus.values else ""
        is_back = BACK.get(state_of(self.competition)) == target
        return super().get_context_data(warnings=warnings, target_label=label, is_back=is_back, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            council.change_status(
                self.competition,
                form.cleaned_data["status"],
                self.request.user,
                reason=form.cleaned_data["reason"],
                confirm=form.cleaned_data["confirm"],
                back={"back": True, "forward": False}.get(form.cleaned_data["direction"]),
            )
        except ActionNotAllowed:
            raise
        except council.ConfirmationRequired as exc:
            form.add_error("confirm", exc.messages[0])
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        messages.success(self.request, _("Đã chuyển trạng thái."))
        return redirect(self.dashboard_url())


class IssueView(ManagerView, TemplateView):
    http_method_names = ["post"]
    page_title = gettext_lazy("Cấp giấy chứng nhận")

    def post(self, request, *args, **kwargs):
        issued = council.issue_certificates(self.competition, request.user)
        messages.success(request, _("Đã cấp %(n)s giấy chứng nhận.") % {"n": len(issued)})
        return redirect("competitions_admin:results", pk=self.competition.pk)


class RemindView(ManagerView, TemplateView):
    http_method_names = ["post"]
    page_title = gettext_lazy("Gửi thư nhắc")

    def post(self, request, *args, **kwargs):
        from .tasks import send_reminders

        ensure_allowed(self.competition, Action.SEND_REMINDERS)
        send_reminders.enqueue(self.competition.pk)
        messages.success(request, _("Đã gửi yêu cầu nhắc nhở giám khảo."))
        return redirect(self.dashboard_url())


class ReopenView(ManagerView, FormView):
    """Reopen a submitted sheet with a reason (while scoring; never one's own sheet)."""

    template_name = "competitions/admin/reopen.html"
    form_class = ReasonForm
    page_title = gettext_lazy("Mở lại phiếu chấm")

    def dispatch(self, request, *args, **kwargs):
        self.sheet = get_object_or_404(
            ScoreSheet.objects.select_related("entry__competition", "juror__user"),
            pk=kwargs["sheet_id"],
            entry__competition_id=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sheet=self.sheet, refusal=reopen_refusal(self.request.user, self.sheet), **kwargs
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            reopen_sheet(self.sheet.pk, self.request.user, form.cleaned_data["reason"])
        except ActionNotAllowed:
            raise
        except PermissionDenied as exc:
            return self.refused(str(exc), status=403)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        messages.success(self.request, _("Đã mở lại phiếu chấm."))
        return redirect(self.dashboard_url())


class AmendView(ManagerView, FormView):
    """Amend the published results: correct one sheet with a reason; certificates are revoked and reissued."""

    template_name = "competitions/admin/amend.html"
    page_title = gettext_lazy("Sửa đổi kết quả đã công bố")
    form_class = AmendForm

    def get(self, request, *args, **kwargs):
        ensure_allowed(self.competition, Action.AMEND)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        ensure_allowed(self.competition, Action.AMEND)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "competition": self.competition, "criteria": self.competition.scored_criteria()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(amendments=self.competition.amendments.select_related("user"), **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            amendment = amend_results(
                self.competition,
                self.request.user,
                form.cleaned_data["reason"],
                form.cleaned_data["sheet"],
                form.values(),
            )
        except ActionNotAllowed:
            raise
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã ghi sửa đổi kết quả, phiên bản %(version)s.") % {"version": amendment.version}
        )
        return redirect("competitions_admin:results", pk=self.competition.pk)


class AuditLogView(ManagerView, TemplateView):
    template_name = "competitions/admin/audit.html"
    page_title = gettext_lazy("Nhật ký")

    def get_context_data(self, **kwargs):
        log = AuditEntry.objects.filter(competition=self.competition).select_related(
            "user", "entry", "sheet__juror__user"
        )
        page = paginate(self.request, log, AUDIT_PER_PAGE)
        return super().get_context_data(log=page, page_obj=page, **kwargs)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pdf_or_error(request, pk, build, filename):
    try:
        return _download(build(), "application/pdf", filename)
    except pdf_docs.PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("competitions_admin:dashboard", pk=pk)


@manager_required
def results_xlsx(request, pk):
    competition = _competition(pk)
    return _download(xlsx_docs.results_xlsx(competition), XLSX, f"ket-qua-{competition.slug}.xlsx")


@manager_required
def sheets_xlsx(request, pk):
    competition = _competition(pk)
    return _download(xlsx_docs.sheets_xlsx(competition), XLSX, f"phieu-cham-{competition.slug}.xlsx")


@manager_required
def minutes_pdf(request, pk):
    competition = _competition(pk)
    return _pdf_or_error(
        request,
        pk,
        lambda: pdf_docs.minutes_pdf(competition, compute_results(competition)),
        f"bien-ban-{competition.slug}.pdf",
    )


@manager_required
def sheet_pdf(request, pk, sheet_id):
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related("entry__competition__rubric", "entry__product", "juror__user"),
        pk=sheet_id,
        entry__competition_id=pk,
    )
    return _pdf_or_error(
        request, pk, lambda: pdf_docs.sheet_pdf(sheet), f"phieu-{sheet.entry.code}-{sheet.juror_id}.pdf"
    )


@manager_required
def certificate_pdf(request, pk, entry_id):
    entry = get_object_or_404(
        Entry.objects.select_related("competition", "product", "producer", "certificate"),
        pk=entry_id,
        competition_id=pk,
        certificate__isnull=False,
    )
    return _pdf_or_error(
        request, pk, lambda: pdf_docs.certificate_pdf(entry), f"giay-chung-nhan-{entry.certificate.serial}.pdf"
    )
