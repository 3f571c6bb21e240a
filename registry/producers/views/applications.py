"""Applying to an open competition: choosing a product (the form is pre-filled from the catalogue) or a new one,
the registration form saved as a draft, dossier files, submission. Only the producer's own applications and files
are reachable (404 otherwise); refused actions answer 409 with the reasons (after the closing date: every change),
invalid forms and an incomplete submission 400."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from registry.competitions.documents.pdf import PdfUnavailable
from registry.competitions.models import Competition

from ..access import own_applications, own_products, producer_view
from ..choices import ApplicationAction, ApplicationStatus
from ..documents import receipt_pdf
from ..forms import ApplicationForm, UploadForm
from ..models import Application, ApplicationDocument
from ..services import applications as service

NEW_PRODUCT = "moi"


@producer_view(linked=True)
def competitions(request):
    """``/co-so-san-xuat/binh-chon/``: the competitions open today and the producer's applications."""
    return render(
        request,
        "producers/competitions.html",
        {
            "competitions": list(service.open_competitions()),
            "applications": list(own_applications(request.account.producer)),
        },
    )


def _chosen_product(request):
    choice = request.GET.get("san-pham", "")
    if choice == NEW_PRODUCT:
        return None, True
    if choice.isdigit():
        return get_object_or_404(own_products(request.account.producer), pk=int(choice)), True
    return None, False


@producer_view(linked=True)
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    """``/co-so-san-xuat/binh-chon/<slug>/dang-ky/``: without ``?san-pham=`` the choice of a product (each with
    its eligibility); with it, the pre-filled form, refused at once (409) when the product is not eligible. Past the
    deadline (or once the competition moved on) 410 with the date it closed; before its window opens 403."""
    competition = get_object_or_404(Competition.objects.public(), slug=slug)
    producer = request.account.producer
    product, chosen = _chosen_product(request)
    late = service.deadline_problem(competition)
    if late:
        # After the deadline: 410 Gone (it will not open again), a clear page and no way back to this form;
        # before the entry window opens: 403 with the opening date.
        status = 410 if service.entries_closed(competition) else 403
        return render(
            request, "producers/apply_closed.html", {"competition": competition, "reason": late}, status=status
        )
    if not chosen:
        products = list(own_products(producer).live())
        for item in products:
            item.problems = service.eligibility_problems(competition, producer, item)
        context = {"competition": competition, "products": products, "new_problems": []}
        context["new_problems"] = service.eligibility_problems(competition, producer, None)
        return render(request, "producers/apply_choose.html", context)
    problems = service.eligibility_problems(competition, producer, product)
    if problems:
        return render(
            request, "producers/apply_refused.html", {"competition": competition, "problems": problems}, status=409
        )
    form = ApplicationForm(request.POST or None, initial=service.prefill(product))
    context = {"competition": competition, "product": product, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                application = service.create_draft(request.account, competition, form.cleaned_data, product)
            except service.Refused as refused:
                context["problems"] = refused.messages
                return render(request, "producers/apply_refused.html", context, status=409)
            messages.success(request, _("Đã lưu bản nháp. Hãy tải tệp hồ sơ lên rồi nộp."))
            return redirect("producers:application", pk=application.pk)
        return render(request, "producers/apply_form.html", context, status=400)
    return render(request, "producers/apply_form.html", context)


def _own_application(request, pk):
    return get_object_or_404(own_applications(request.account.producer), pk=pk)


def _summary(application):
    """``[(label, text)]`` of a submitted form, choices shown by their label and the commitment as yes/no."""
    rows = []
    for name in service.FORM_FIELDS:
        field = Application._meta.get_field(name)
        if name == "commitment":
            text = _("Có") if application.commitment else _("Không")
        elif field.choices:
            text = getattr(application, f"get_{name}_display")()
        else:
            text = getattr(application, name)
        rows.append((field.verbose_name, text))
    return rows


def _center_message(application):
    """The center's request for more information the producer is answering (while it is asked), else ``None``."""
    if application.status != ApplicationStatus.MORE_INFO:
        return None
    return application.events.filter(action=ApplicationAction.MORE_INFO).order_by("-at", "-id").first()


def _page(request, application, form=None, upload=None, problems=None, status=200):
    # Past the closing date a draft, or an application sent back for more information, can no longer be changed
    # nor (re)submitted: say so instead of offering the forms.
    closed = service.deadline_problem(application.competition) if application.is_editable else None
    context = {
        "closed": closed,
        "editable": application.is_editable and not closed,
        "summary": _summary(application),
        "application": application,
        "competition": application.competition,
        "form": form or ApplicationForm(instance=application),
        "upload": upload or UploadForm(),
        "documents": list(application.documents.current()),
        "events": list(application.events.select_related("user")),
        "center_message": _center_message(application),
        "missing": service.missing(application) if application.is_editable else [],
        "problems": problems or [],
    }
    return render(request, "producers/application.html", context, status=status)


@producer_view(linked=True)
@require_http_methods(["GET", "POST"])
def application(request, pk):
    """One application: the form (while editable), its files, what is missing, its history; POST ``action`` =
    ``save`` / ``upload`` / ``submit``."""
    record = _own_application(request, pk)
    if request.method == "GET":
        return _page(request, record)
    action = request.POST.get("action")
    try:
        if action == "save":
            form = ApplicationForm(request.POST, instance=record)
            if not form.is_valid():
                return _page(request, record, form=form, status=400)
            service.save_draft(record, form.cleaned_data, request.user)
            messages.success(request, _("Đã lưu bản nháp."))
        elif action == "upload":
            upload = UploadForm(request.POST, request.FILES)
            if not upload.is_valid():
                return _page(request, record, upload=upload, status=400)
            try:
                service.add_document(record, upload.cleaned_data["kind"], upload.cleaned_data["file"], request.user)
            except service.Refused:
                raise
            except ValidationError as error:
                upload.add_error("file", error)
                return _page(request, record, upload=upload, status=400)
            messages.success(request, _("Đã tải tệp lên."))
        elif action == "submit":
            again = record.status == ApplicationStatus.MORE_INFO
            record = service.submit(record, request.user)
            done = _("Đã nộp lại hồ sơ %(code)s.") if again else _("Đã nộp hồ sơ %(code)s.")
            messages.success(request, done % {"code": record.code})
        else:
            return _page(request, record, status=400)
    except service.Incomplete as incomplete:  # the page lists what is missing: a validation error
        record.refresh_from_db()
        return _page(request, record, problems=incomplete.messages, status=400)
    except service.Refused as refused:
        record.refresh_from_db()
        return _page(request, record, problems=refused.messages, status=409)
    return redirect("producers:application", pk=record.pk)


def _own_document(request, pk, document_pk):
    record = _own_application(request, pk)
    document = get_object_or_404(ApplicationDocument.objects.current(), pk=document_pk, application=record)
    document.application = record
    return document


@producer_view(linked=True)
def document(request, pk, document_pk):
    """Download one of the application's files (the producer's own only; 404 otherwise), never cached, never
    sniffed or run by the browser."""
    item = _own_document(request, pk, document_pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=mimetypes.guess_type(item.original_name or item.file.name)[0] or "application/octet-stream",
        as_attachment=True,
        filename=item.original_name or "tep",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@producer_view(linked=True)
def receipt(request, pk):
    """The receipt PDF of a submitted application (its code, product, files, time); 404 for a draft or another
    producer's application, 503 with the reason when the server cannot draw PDFs."""
    record = _own_application(request, pk)
    if record.status == ApplicationStatus.DRAFT:
        raise Http404
    try:
        pdf = receipt_pdf(record)
    except PdfUnavailable as error:
        return render(
            request,
            "producers/apply_refused.html",
            {"competition": record.competition, "problems": [error]},
            status=503,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{record.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@producer_view(linked=True)
@require_POST
def remove_document(request, pk, document_pk):
    """Delete one of the files of an editable application."""
    item = _own_document(request, pk, document_pk)
    try:
        service.remove_document(item, request.user)
    except service.Refused as refused:
        return _page(request, item.application, problems=refused.messages, status=409)
    messages.success(request, _("Đã xoá tệp."))
    return redirect("producers:application", pk=pk)
