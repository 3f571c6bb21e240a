"""Managers' screens in the Wagtail admin (Bình chọn menu): dashboard, results and decisions, publishing,
certificates, reminders, reopening, audit log and document downloads. Every view needs manage_competitions."""

import datetime
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .choices import CompetitionStatus
from .documents import pdf as pdf_docs
from .documents import xlsx as xlsx_docs
from .models import AuditEntry, Competition, Entry, ScoreSheet
from .services import council
from .services.access import is_manager
from .services.results import compute_results, progress
from .services.sheets import reopen_sheet

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


@manager_required
def index(request):
    competitions = Competition.objects.select_related("rubric").order_by("-year", "name")
    return render(request, "competitions/admin/index.html", {"competitions": competitions, "title": _("Bình chọn")})


@manager_required
def dashboard(request, pk):
    competition = _competition(pk)
    data = progress(competition)
    results = compute_results(competition, entries=data["entries"]) if competition.rubric_id else {"rows": []}
    flagged = [(e, r) for e, r in results["rows"] if r.flagged_spread or r.outlier_jurors]
    return render(
        request,
        "competitions/admin/dashboard.html",
        {
            "competition": competition,
            "title": competition.name,
            "flagged": flagged,
            "statuses": competition.allowed_statuses(),
            **data,
            "jurors_by_id": results.get("jurors", {}),
        },
    )


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@manager_required
def results(request, pk):
    competition = _competition(pk)
    if request.method == "POST":
        entry = get_object_or_404(
            Entry,
            pk=request.POST.get("entry") if str(request.POST.get("entry", "")).isdigit() else 0,
            competition=competition,
        )
        try:
            council.decide(
                entry,
                request.user,
                recognized=request.POST.get("recognized") == "on",
                decision_number=request.POST.get("decision_number", "").strip(),
                decision_date=_parse_date(request.POST.get("decision_date")),
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("competitions_admin:results", pk=pk)
        messages.success(request, _("Đã ghi quyết định cho hồ sơ %(code)s.") % {"code": entry.code})
        return redirect("competitions_admin:results", pk=pk)
    data = compute_results(competition) if competition.rubric_id else {"rows": [], "criteria": []}
    return render(
        request, "competitions/admin/results.html", {"competition": competition, "title": competition.name, **data}
    )


@manager_required
@require_POST
def change_status(request, pk):
    competition = _competition(pk)
    new_status = request.POST.get("status", "")
    if new_status not in CompetitionStatus.values:
        messages.error(request, _("Trạng thái không hợp lệ."))
        return redirect("competitions_admin:dashboard", pk=pk)
    try:
        council.change_status(competition, new_status, request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Đã chuyển trạng thái."))
    return redirect("competitions_admin:dashboard", pk=pk)


@manager_required
@require_POST
def issue(request, pk):
    competition = _competition(pk)
    if competition.status not in (CompetitionStatus.CLOSED, CompetitionStatus.PUBLISHED):
        messages.error(request, _("Chỉ cấp giấy chứng nhận sau khi kết thúc chấm."))
        return redirect("competitions_admin:results", pk=pk)
    issued = council.issue_certificates(competition, request.user)
    messages.success(request, _("Đã cấp %(n)s giấy chứng nhận.") % {"n": len(issued)})
    return redirect("competitions_admin:results", pk=pk)


@manager_required
@require_POST
def remind(request, pk):
    from .tasks import send_reminders

    competition = _competition(pk)
    send_reminders.enqueue(competition.pk)
    messages.success(request, _("Đã gửi yêu cầu nhắc nhở giám khảo."))
    return redirect("competitions_admin:dashboard", pk=pk)


@manager_required
@require_POST
def reopen(request, pk, sheet_id):
    sheet = get_object_or_404(ScoreSheet, pk=sheet_id, entry__competition_id=pk)
    try:
        reopen_sheet(sheet.pk, request.user, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Đã mở lại phiếu chấm."))
    return redirect("competitions_admin:dashboard", pk=pk)


@manager_required
def audit_log(request, pk):
    competition = _competition(pk)
    entries = AuditEntry.objects.filter(competition=competition).select_related("user", "entry", "sheet__juror__user")[
        :500
    ]
    return render(
        request,
        "competitions/admin/audit.html",
        {"competition": competition, "title": competition.name, "log": entries},
    )


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
