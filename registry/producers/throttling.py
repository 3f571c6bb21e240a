"""Rate limits of the portal's forms that are not logins: sign-up, resending the verification e-mail and password
reset (django-ratelimit over the shared cache). Logins are throttled by django-axes (``AXES_*`` settings), as on
every login form of the site.

Each form is limited twice, per visitor address (``core.security.client_ip``, through ``RATELIMIT_IP_META_KEY``)
and per account (the e-mail address typed, lower-cased), at ``PRODUCER_FORM_RATE_IP`` and
``PRODUCER_FORM_RATE_ACCOUNT`` (django-ratelimit rates such as ``"10/h"``). Past either limit the visitor gets
HTTP 429 with a Vietnamese page and ``Retry-After``; nothing is saved and no e-mail is sent.
"""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from core.text import clean_text


def typed_email(group, request):
    """The rate-limit key "per account": the e-mail address posted in the form, NFC, trimmed and lower-cased."""
    return clean_text(request.POST.get("email", "")).strip().lower()


def throttled(request, group):
    """Count this POST against ``group``'s two limits; return the seconds to wait when one is exceeded, else 0.

    Both counters are incremented on every POST (a bot cycling addresses still hits the per-account limit, one
    cycling e-mail addresses the per-address limit)."""
    if request.method != "POST":
        return 0
    wait = 0
    for key, rate in (("ip", settings.PRODUCER_FORM_RATE_IP), (typed_email, settings.PRODUCER_FORM_RATE_ACCOUNT)):
        usage = get_usage(request, group=f"producers.{group}", key=key, rate=rate, method="POST", increment=True)
        if usage is not None and usage["should_limit"]:
            wait = max(wait, usage["time_left"], 1)
    return wait


def too_many_requests(request, wait_seconds):
    """HTTP 429 with the Vietnamese explanation and ``Retry-After`` (seconds)."""
    minutes = max(1, -(-wait_seconds // 60))
    response = render(request, "producers/throttled.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "no-store"
    return response
