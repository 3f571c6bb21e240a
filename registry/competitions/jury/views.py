"""Views of the judges' portal. Every view resolves the user's seat first: no seat → 404, conflicted entry → 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import scoring
from ..choices import AuditAction, CompetitionStatus, SheetStatus
from ..models import Conflict, ScoreSheet
from ..services import audit
from ..services.access import can_reopen, juror_seats, may_see_peers, visible_entries
from ..services.presentation import jury_title, jury_view
from ..services.results import progress
from ..services.sheets import SheetLocked, get_or_create_sheet, reopen_sheet, save_sheet
from .forms import ConflictForm, ReopenForm, ScoreSheetForm

jury_login = login_required(login_url="competitions:jury-login")


def _seat(request, slug):
    seat = juror_seats(request.user).filter(competition__slug=slug).first()
    if seat is None:
        raise Http404
    return seat


@jury_login
def home(request):
    seats = list(juror_seats(request.user))
    for seat in seats:
        entries = visible_entries(seat)
        seat.entry_count = entries.count()
        seat.submitted_count = ScoreSheet.objects.filter(
            juror=seat, status=SheetStatus.SUBMITTED, entry__in=entries
        ).count()
    return render(request, "jury/home.html", {"seats": seats})


@jury_login
def competition(request, slug):
    seat = _seat(request, slug)
    entries = list(visible_entries(seat))
    own = {
        s["entry_id"]: s
        for s in ScoreSheet.objects.filter(juror=seat).with_total().values("entry_id", "status", "total")
    }
    for entry in entries:
        entry.competition = seat.competition
        entry.own_sheet = own.get(entry.id)
        entry.shown_title = jury_title(entry)
    done = sum(1 for e in entries if e.own_sheet and e.own_sheet["status"] == SheetStatus.SUBMITTED)
    return render(
        request,
        "jury/competition.html",
        {"seat": seat, "competition": seat.competition, "entries": entries, "done": done},
    )


def _peer_sheets(seat, entry, sheet):
    if not may_see_peers(seat, sheet):
        return None
    return list(
        ScoreSheet.objects.filter(entry=entry, status=SheetStatus.SUBMITTED)
        .exclude(juror=seat)
        .select_related("juror__user")
        .prefetch_related("scores__criterion")
    )


@jury_login
def entry(request, slug, code):
    seat = _seat(request, slug)
    comp = seat.competition
    entry = get_object_or_404(visible_entries(seat), code=code)
    criteria = comp.scored_criteria()
    sheet = ScoreSheet.objects.filter(entry=entry, juror=seat).first()
    editable = comp.status == CompetitionStatus.SCORING and not (sheet and sheet.is_submitted)
    status = 200
    total = None
    if request.method == "POST":
        form = ScoreSheetForm(request.POST, criteria=criteria)
        action = request.POST.get("action", "save")
        if comp.status != CompetitionStatus.SCORING:
            messages.error(request, _("Cuộc bình chọn không trong thời gian chấm điểm."))
            status = 409
        elif sheet and sheet.is_submitted:
            messages.error(request, _("Phiếu chấm đã nộp, không thể sửa. Liên hệ chủ tịch hội đồng để mở lại."))
            status = 409
        elif form.is_valid():
            total = form.total()
            if action == "submit" and not form.cleaned_data.get("confirm"):
                form.add_error("confirm", _("Hãy đánh dấu xác nhận trước khi nộp phiếu."))
                status = 400
            elif action in ("save", "submit"):
                sheet = get_or_create_sheet(seat, entry, criteria)
                try:
                    save_sheet(sheet.pk, request.user, form.values(), form.cleaned_data["comment"], action == "submit")
                except SheetLocked as exc:
                    messages.error(request, exc.messages[0])
                    status = 409
                except ValidationError as exc:
                    for msg in exc.messages:
                        form.add_error(None, msg)
                    status = 400
                else:
                    if action == "submit":
                        messages.success(request, _("Đã nộp phiếu chấm."))
                    else:
                        messages.success(request, _("Đã lưu nháp. Tổng điểm được tính lại."))
                    return redirect("competitions:jury-entry", slug=slug, code=code)
        else:
            status = 400
        if status == 409 and sheet is not None:
            sheet.refresh_from_db()
    scores = list(sheet.scores.select_related("criterion")) if sheet else []
    if request.method != "POST" or status == 409:
        initial = ScoreSheetForm.initial_for(sheet, scores) if sheet else {}
        form = ScoreSheetForm(initial=initial, criteria=criteria, readonly=not editable)
        total = sheet.total() if sheet else None
    context = {
        "seat": seat,
        "competition": comp,
        "entry": entry,
        "sheet": sheet,
        "form": form,
        "editable": editable,
        "total": total,
        "total_points": scoring.points_total(criteria),
        "shown": jury_view(entry),
        "peers": _peer_sheets(seat, entry, sheet),
        "conflict_form": ConflictForm(),
    }
    return render(request, "jury/entry.html", context, status=status)


@jury_login
@require_POST
def declare_conflict(request, slug, code):
    seat = _seat(request, slug)
    entry = get_object_or_404(visible_entries(seat), code=code)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    Conflict.objects.get_or_create(juror=seat, entry=entry, defaults={"reason": reason})
    ScoreSheet.objects.filter(juror=seat, entry=entry, status=SheetStatus.DRAFT).delete()
    audit.record(
        AuditAction.CONFLICT, seat.competition, request.user, entry=entry, new={"juror": seat.pk}, reason=reason
    )
    messages.success(request, _("Đã ghi nhận xung đột lợi ích. Hồ sơ này không còn hiện với bạn."))
    return redirect("competitions:jury-competition", slug=slug)


@jury_login
def council(request, slug):
    """The chair's view: progress per juror and per entry, submitted sheets with a reopen form."""
    seat = _seat(request, slug)
    if not seat.is_chair:
        raise PermissionDenied
    data = progress(seat.competition)
    for entry in data["entries"]:
        entry.shown_title = jury_title(entry)  # the chair judges too: blind judging hides the catalogue title
    return render(
        request,
        "jury/council.html",
        {"seat": seat, "competition": seat.competition, "reopen_form": ReopenForm(), **data},
    )


@jury_login
@require_POST
def reopen(request, slug, sheet_id):
    seat = _seat(request, slug)
    sheet = get_object_or_404(ScoreSheet, pk=sheet_id, entry__competition=seat.competition)
    if not can_reopen(request.user, seat.competition):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do mở lại phiếu."))
        return redirect("competitions:jury-council", slug=slug)
    try:
        reopen_sheet(sheet.pk, request.user, form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Đã mở lại phiếu chấm."))
    return redirect("competitions:jury-council", slug=slug)
