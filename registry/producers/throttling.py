"""Rate limits of the portal's forms that are not logins: sign-up, resending the verification e-mail and password
reset (django-ratelimit over the shared cache). Logins are throttled by django-axes (``AXES_*`` settings), as on
every login form of the site.

Each form is limited twice, per visitor address (``core.security.client_ip``, through ``RATELIMIT_IP_META_KEY``)
and per account (the e-mail address typed, lower-cased), at ``PRODUCER_FORM_RATE_IP`` and
``PRODUCER_FORM_RATE_ACCOUNT`` (django-ratelimit rates such as ``"10/h"``). Past either limit the visitor gets
HTTP 429 with a Vietnamese page and ``Retry-After``; nothing is saved and no e-mail is sent.
"""

from django.conf import settings

from core import throttling
from core.text import clean_text


def typed_email(group, request):
    """The rate-limit key "per account": the e-mail address posted in the form, NFC, trimmed and lower-cased."""
    return clean_text(request.POST.get("email", "")).strip().lower()


def throttled(request, group):
    """Count this POST against ``group``'s two limits (per address, per account); return the seconds to wait when
    one is exceeded, else 0."""
    limits = (("ip", settings.PRODUCER_FORM_RATE_IP), (typed_email, settings.PRODUCER_FORM_RATE_ACCOUNT))
    return throttling.wait_seconds(request, f"producers.{group}", limits)


def too_many_requests(request, wait_seconds):
    """HTTP 429 with the Vietnamese explanation and ``Retry-After`` (seconds)."""
    return throttling.too_many_requests(request, wait_seconds, "producers/throttled.html")
