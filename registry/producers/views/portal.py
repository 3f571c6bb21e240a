"""The signed-in portal: dashboard, the producer's own products and entries, claiming a producer record or asking
for a new one, and accepting a staff invitation. Every record comes from ``registry/producers/access.py``."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core.text import fold
from registry.catalogue.models import Producer
from registry.catalogue.qr import certificate_qr_svg
from registry.competitions.documents.pdf import PdfUnavailable, certificate_pdf
from registry.competitions.services.published import published_certificate, published_results

from ..access import (
    account_of,
    expiring_soon,
    own_applications,
    own_certificates,
    own_entries,
    own_messages,
    own_products,
    producer_view,
)
from ..corrections import dashboard as corrections_dashboard
from ..forms import ClaimForm, InvitationSignUpForm, NewProducerForm, ProducerSearchForm
from ..models import normalize_tax_code
from ..services import accounts, claims

SEARCH_LIMIT = 20


def _with_outcomes(entries):
    """Give each entry its published ``result`` (``None`` before publication) and downloadable ``published_cert``
    (with ``qr``: its stored QR code drawn at 3 px per module)."""
    results = published_results(entries)
    for item in entries:
        item.result = results.get(item.id)
        item.published_cert = published_certificate(item)
        if item.published_cert is not None:
            item.published_cert.qr = certificate_qr_svg(item.published_cert, scale=3)
    return entries


@producer_view()
def home(request):
    """``/co-so-san-xuat/``: the producer's products, certificates (validity, expiring soon), applications, the
    center's messages and entries with their published result and certificate; before a producer is linked, the
    account's claims and the ways to claim one."""
    account = request.account
    context = {"account": account, "claims": list(account.claims.select_related("producer"))}
    if account.producer_id:
        certificates = list(own_certificates(account.producer))
        for certificate in certificates:
            certificate.days_left = expiring_soon(certificate)
        context.update(
            producer=account.producer,
            products=list(own_products(account.producer)),
            certificates=certificates,
            entries=_with_outcomes(list(own_entries(account.producer))),
            applications=list(own_applications(account.producer)),
            center_messages=list(own_messages(account.producer)),
        )
        context["corrections"] = corrections_dashboard(account.producer, context["products"])
    return render(request, "producers/home.html", context)


@producer_view(linked=True)
def product(request, pk):
    """One of the producer's products with its certificates; another producer's product answers 404."""
    page = get_object_or_404(own_products(request.account.producer), pk=pk)
    certificates = list(own_certificates(request.account.producer).filter(product=page))
    for certificate in certificates:
        certificate.days_left = expiring_soon(certificate)
    return render(request, "producers/product.html", {"product": page, "certificates": certificates})


@producer_view(linked=True)
def entry(request, pk):
    """One of the producer's competition entries with its status (and result once published); 404 otherwise."""
    record = get_object_or_404(own_entries(request.account.producer), pk=pk)
    _with_outcomes([record])
    return render(request, "producers/entry.html", {"entry": record, "competition": record.competition})


@producer_view(linked=True)
def certificate(request, pk):
    """The certificate PDF of one of the producer's entries (``registry.competitions.documents.pdf``, with its QR
    code to the verification page): 404 for another producer's entry, before the results are published, for an
    entry not recognized or a revoked certificate; 503 with the reason when the server cannot draw PDFs."""
    record = get_object_or_404(own_entries(request.account.producer).select_related("producer"), pk=pk)
    cert = published_certificate(record)
    if cert is None:
        raise Http404
    try:
        pdf = certificate_pdf(record)
    except PdfUnavailable as error:
        return render(request, "producers/unavailable.html", {"problems": [error]}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-{cert.serial}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _search(query):
    folded, code = fold(query), normalize_tax_code(query)
    if not folded:
        return []
    matches = Q(search_folded__contains=folded)
    if code:
        matches |= Q(tax_code__iexact=code)
    return list(Producer.objects.filter(matches).select_related("commune")[:SEARCH_LIMIT])


@producer_view()
def claim_search(request):
    """``/co-so-san-xuat/nhan-co-so/?q=…``: find one's producer by name (no diacritics needed) or tax code."""
    if request.account.producer_id:
        return redirect("producers:home")
    form = ProducerSearchForm(request.GET or None)
    results = _search(form.cleaned_data["q"]) if form.is_valid() else []
    return render(request, "producers/claim_search.html", {"form": form, "results": results})


@producer_view()
@require_http_methods(["GET", "POST"])
def claim(request, slug):
    """Claim the producer ``slug``: its tax code or registration number and the applicant's role."""
    producer = get_object_or_404(Producer, slug=slug)
    form = ClaimForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                claims.submit_claim(request.account, producer, **form.cleaned_data)
            except claims.ClaimRefused as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("Đã gửi yêu cầu. Cán bộ trung tâm sẽ kiểm tra và trả lời qua thư."))
                return redirect("producers:home")
        return render(request, "producers/claim.html", {"form": form, "producer": producer}, status=400)
    return render(request, "producers/claim.html", {"form": form, "producer": producer})


@producer_view()
@require_http_methods(["GET", "POST"])
def request_new(request):
    """Ask staff to create a producer record the registry does not have."""
    form = NewProducerForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                claims.request_new_producer(request.account, **form.cleaned_data)
            except claims.ClaimRefused as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("Đã gửi đề nghị. Cán bộ trung tâm sẽ tạo hồ sơ cơ sở và báo cho bạn."))
                return redirect("producers:home")
        return render(request, "producers/request_new.html", {"form": form}, status=400)
    return render(request, "producers/request_new.html", {"form": form})


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """A staff invitation's link. Signed in with the invited address: link the account; signed in with another
    one: 403 (sign out first). An account with that address exists: sign in first. Otherwise: a sign-up form
    without e-mail verification (the link proved the address)."""
    invite = accounts.usable_invitation(token)
    if invite is None:
        return render(request, "producers/invitation_invalid.html", status=404)
    account = account_of(request.user)
    if account is not None and account.user.email.lower() == invite.email:
        if account.producer_id and account.producer_id != invite.producer_id:
            return render(request, "producers/invitation_invalid.html", {"linked": True}, status=409)
        accounts.accept_invitation(invite, account)
        messages.success(request, _("Tài khoản của bạn đã được gắn với %(name)s.") % {"name": invite.producer.name})
        return redirect("producers:home")
    if request.user.is_authenticated:
        return render(request, "producers/invitation_invalid.html", {"other_address": True}, status=403)
    if accounts.email_taken(invite.email):
        return redirect_to_login(request.get_full_path(), reverse("producers:login"))
    form = InvitationSignUpForm(request.POST or None, email=invite.email)
    context = {"form": form, "invitation": invite}
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            created = accounts.sign_up_invited(invite, data["password1"], data["full_name"], data["phone"])
            if created is None:
                return render(request, "producers/invitation_invalid.html", status=409)
            login(request, created.user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("producers:home")
        return render(request, "producers/invitation.html", context, status=400)
    return render(request, "producers/invitation.html", context)
