"""Views of the judges' portal. Every view needs a juror (``services.access.may_use_portal``: anonymous → the
portal's login, anyone else signed in → 403 with a Vietnamese page), then resolves the user's seat: no seat → 404,
conflicted entry → 404.
Every action asks the lifecycle (``registry.competitions.lifecycle``); a refused action answers 409 with the
Vietnamese reason."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import scoring
from ..choices import SheetStatus
from ..lifecycle import Action, ActionNotAllowed, allowed, refusal
from ..models import ScoreSheet
from ..services.access import can_reopen, juror_seats, may_see_peers, may_use_portal, visible_entries
from ..services.conflicts import confirm_no_conflict, declare_conflict, statement_required
from ..services.listings import juror_entries, progress_listing
from ..services.presentation import jury_title, jury_view
from ..services.sheets import (
    SheetLocked,
    get_or_create_sheet,
    reopen_refusal,
    reopen_sheet,
    save_sheet,
)
from .forms import ConflictForm, ReopenForm, ScoreSheetForm


def jury_login(view):
    """``view`` for signed-in jurors only (``may_use_portal``): the portal's login for anonymous visitors, 403 with
    the portal's Vietnamese page for any other account (a producer, an editor)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_use_portal(request.user):
            return render(request, "jury/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return login_required(wrapped, login_url="competitions:jury-login")


def _refused(request, seat, message, status=409):
    """The portal's answer to a refused action: the reason, a link back, and a 4xx status."""
    return render(
        request, "jury/refused.html", {"seat": seat, "competition": seat.competition, "message": message}, status=status
    )


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
    """The juror's entries of one competition, a page at a time: to score or submitted (with counts), by product
    group (services/listings.py)."""
    seat = _seat(request, slug)
    return render(
        request,
        "jury/competition.html",
        {"seat": seat, "competition": seat.competition, **juror_entries(request, seat)},
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
    if statement_required(seat, entry):
        if request.method == "POST":
            return _refused(request, seat, _("Hãy cam kết không có xung đột lợi ích trước khi chấm hồ sơ này."))
        return render(
            request,
            "jury/confirm_no_conflict.html",
            {"seat": seat, "competition": comp, "entry": entry, "conflict_form": ConflictForm()},
        )
    criteria = comp.scored_criteria()
    sheet = ScoreSheet.objects.filter(entry=entry, juror=seat).first()
    editable = allowed(comp, Action.EDIT_SHEET) and not (sheet and sheet.status != SheetStatus.DRAFT)
    status = 200
    total = None
    if request.method == "POST":
        form = ScoreSheetForm(request.POST, criteria=criteria)
        action = request.POST.get("action", "save")
        lifecycle_action = Action.SUBMIT_SHEET if action == "submit" else Action.EDIT_SHEET
        if not allowed(comp, lifecycle_action):
            messages.error(request, refusal(comp, lifecycle_action))
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
                except ActionNotAllowed as exc:
                    messages.error(request, exc.reason)
                    status = 409
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
        "may_declare_conflict": allowed(comp, Action.DECLARE_CONFLICT),
    }
    return render(request, "jury/entry.html", context, status=status)


@jury_login
@require_POST
def no_conflict(request, slug, code):
    """The juror states "no conflict of interest" with the entry, then sees it."""
    seat = _seat(request, slug)
    entry = get_object_or_404(visible_entries(seat), code=code)
    try:
        confirm_no_conflict(seat, entry, request.user)
    except ActionNotAllowed as exc:
        return _refused(request, seat, exc.reason)
    return redirect("competitions:jury-entry", slug=slug, code=code)


@jury_login
@require_POST
def conflict(request, slug, code):
    """The juror declares a conflict of interest: the entry leaves their list; a submitted sheet is voided."""
    seat = _seat(request, slug)
    entry = get_object_or_404(visible_entries(seat), code=code)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        voided = declare_conflict(seat, entry, request.user, reason)
    except ActionNotAllowed as exc:
        return _refused(request, seat, exc.reason)
    if voided is not None:
        messages.warning(request, _("Phiếu chấm đã nộp của bạn cho hồ sơ này bị vô hiệu và không được tính điểm."))
    messages.success(request, _("Đã ghi nhận xung đột lợi ích. Hồ sơ này không còn hiện với bạn."))
    return redirect("competitions:jury-competition", slug=slug)


@jury_login
def council(request, slug):
    """The chair's view: progress per juror and per entry, submitted sheets with a reopen form."""
    seat = _seat(request, slug)
    if not seat.is_chair:
        raise PermissionDenied
    data = progress_listing(request, seat.competition)
    for entry in data["page_obj"]:
        entry.shown_title = jury_title(entry)  # the chair judges too: blind judging hides the catalogue title
    may_reopen = can_reopen(request.user, seat.competition)
    for sheet in data["submitted_sheets"]:
        sheet.reopen_refusal = reopen_refusal(request.user, sheet, seat.competition, may_reopen)
    return render(
        request,
        "jury/council.html",
        {"seat": seat, "competition": seat.competition, "reopen_form": ReopenForm(), **data},
    )


@jury_login
@require_POST
def reopen(request, slug, sheet_id):
    """The chair reopens another juror's submitted sheet with a reason (only while scoring)."""
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
    except ActionNotAllowed as exc:
        return _refused(request, seat, exc.reason)
    except PermissionDenied as exc:
        return _refused(request, seat, str(exc) or _("Bạn không được mở lại phiếu này."), status=403)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Đã mở lại phiếu chấm."))
    return redirect("competitions:jury-council", slug=slug)
