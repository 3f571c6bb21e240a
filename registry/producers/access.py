"""Who may see what in the portal: the one place that filters by the signed-in account's producer.

Every view of ``/co-so-san-xuat/`` behind the sign-in goes through ``producer_view``; every record it shows comes
from ``own_products`` / ``own_certificates`` / ``own_entries`` / ``own_applications`` (filtered by the account's producer), so another
producer's record answers 404, and a signed-in user without a producer account (staff, jurors) answers 403.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.translation import source_pages
from registry.catalogue.models import Certificate, ProductPage
from registry.competitions.lifecycle import FROZEN_STATES
from registry.competitions.models import Entry

from .choices import CENTER_ACTIONS
from .models import Application, ApplicationEvent, ProducerAccount

MESSAGES_SHOWN = 20


def account_of(user):
    """The ``ProducerAccount`` of ``user`` (with its producer), or ``None`` (anonymous, staff, jurors)."""
    if not user.is_authenticated:
        return None
    return ProducerAccount.objects.select_related("producer", "user").filter(user=user).first()


def producer_view(linked=False):
    """Decorator of portal views: anonymous visitors are sent to the portal's sign-in, users without a producer
    account get 403; with ``linked=True`` an account not yet acting for a producer (a claim still waiting for
    staff, or a link revoked) gets 404 on a record's page (a URL with arguments: an application, its files, an
    entry…: nothing says whether it exists) and the "claim a producer" page (403) elsewhere. The view receives the
    account as ``request.account``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("producers:login"))
            account = account_of(request.user)
            if account is not None and linked and account.producer_id is None and kwargs:
                raise Http404
            if account is None or (linked and account.producer_id is None):
                return render(request, "producers/forbidden.html", {"account": account}, status=403)
            request.account = account
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def own_products(producer):
    """The producer's catalogue products (pages, live or not), A–Z, each once: the Vietnamese source pages, never
    their English translations (a translation offered as a product of its own let the same product enter one
    competition twice)."""
    return source_pages(ProductPage.objects.filter(producer=producer)).order_by("title")


def own_certificates(producer, today=None):
    """Certificates of the producer's products, with their status on ``today`` (``current_status``), newest
    first; a certificate issued by a competition appears once its results are published (the council may still
    decide again before that)."""
    return (
        Certificate.objects.filter(product__producer=producer)
        .filter(Q(entry__isnull=True) | Q(entry__competition__status__in=FROZEN_STATES))
        .with_status(today)
        .select_related("product")
        .order_by("-year", "serial")
    )


def own_entries(producer):
    """The producer's competition entries with their competition, product and certificate, newest first."""
    return (
        Entry.objects.filter(producer=producer)
        .select_related("competition", "product", "certificate")
        .order_by("-competition__year", "-created_at")
    )


def own_applications(producer):
    """The producer's online applications with their competition and product, newest first."""
    return Application.objects.filter(producer=producer).for_listing().order_by("-created_at", "-id")


def own_messages(producer, limit=MESSAGES_SHOWN):
    """The center's messages about the producer's applications (more information asked, accepted, rejected: the
    staff steps of their history), newest first, with their application and competition."""
    return (
        ApplicationEvent.objects.filter(application__producer=producer, action__in=CENTER_ACTIONS)
        .select_related("application__competition")
        .order_by("-at", "-id")[:limit]
    )


def expiring_soon(certificate, today=None):
    """Days until ``certificate`` expires when that is within ``PRODUCER_EXPIRY_WARNING_DAYS`` (and it is still
    valid), else ``None``."""
    if certificate.valid_until is None or certificate.revoked_at is not None:
        return None
    days = (certificate.valid_until - (today or timezone.localdate())).days
    return days if 0 <= days <= settings.PRODUCER_EXPIRY_WARNING_DAYS else None
