"""Proposals of corrections to the public record from the portal (``registry/producers/corrections.py`` says what
happens to them): the producer's profile at ``/co-so-san-xuat/de-nghi-sua/`` and one product's descriptions and
pictures at ``/co-so-san-xuat/san-pham/<pk>/de-nghi-sua/``.

Signed-in producer accounts acting for a producer only (``producer_view(linked=True)``: anonymous → sign-in, other
users → 403); a product of another producer is not found (404, ``access.own_products``). A proposal already
waiting shows its state instead of the form; bad input answers 400 with the messages beside the fields.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import corrections
from ..access import own_products, producer_view
from ..correction_forms import ProducerCorrectionForm, ProductCorrectionForm


def _sent(request):
    messages.success(request, _("Đã gửi đề nghị. Trang công khai giữ nguyên cho đến khi cán bộ trung tâm duyệt."))


def _render(request, template, context, status=200):
    return render(request, f"producers/corrections/{template}", context, status=status)


@producer_view(linked=True)
@require_http_methods(["GET", "POST"])
def producer(request):
    """Propose changes to the account's producer profile."""
    record = request.account.producer
    state = corrections.proposal_states(record, []).get(("producer", record.pk))
    context = {"producer": record, "state": state}
    if state is not None and state.waiting:
        return _render(request, "producer.html", context, status=409 if request.method == "POST" else 200)
    form = ProducerCorrectionForm(
        request.POST or None, request.FILES or None, initial=ProducerCorrectionForm.initial_for(record)
    )
    context["form"] = form
    if request.method == "POST":
        if form.is_valid():
            data, logo = form.proposal()
            try:
                corrections.propose_producer(request.account, data, logo=logo)
            except corrections.CorrectionRefused as refused:
                form.add_error(None, str(refused))
            else:
                _sent(request)
                return redirect("producers:home")
        return _render(request, "producer.html", context, status=400)
    return _render(request, "producer.html", context)


@producer_view(linked=True)
@require_http_methods(["GET", "POST"])
def product(request, pk):
    """Propose changes to one of the producer's products (its descriptions and pictures)."""
    page = get_object_or_404(own_products(request.account.producer), pk=pk)
    state = corrections.proposal_states(request.account.producer, [page]).get(("product", page.pk))
    context = {"product": page, "state": state}
    if state is not None and state.waiting:
        return _render(request, "product.html", context, status=409 if request.method == "POST" else 200)
    form = ProductCorrectionForm(
        request.POST or None, request.FILES or None, initial=ProductCorrectionForm.initial_for(page)
    )
    context["form"] = form
    if request.method == "POST":
        if form.is_valid():
            data, hero, photos = form.proposal()
            try:
                corrections.propose_product(request.account, page, data, hero=hero, photos=photos)
            except corrections.CorrectionRefused as refused:
                form.add_error(None, str(refused))
            else:
                _sent(request)
                return redirect("producers:home")
        return _render(request, "product.html", context, status=400)
    return _render(request, "product.html", context)
