"""Rate limits of the course registration form, the way ``registry/producers/throttling.py`` limits the portal's
forms: django-ratelimit over the shared cache, per visitor address (``core.security.client_ip`` through
``RATELIMIT_IP_META_KEY``) and per phone number typed, at ``TRAINING_FORM_RATE_IP`` (default ``"10/h"``) and
``TRAINING_FORM_RATE_PHONE`` (default ``"5/h"``). Past either limit: HTTP 429 with a Vietnamese page and
``Retry-After``; nothing is saved and no e-mail is sent."""

import re

from django.conf import settings

from core import throttling

DEFAULT_RATE_IP = "10/h"
DEFAULT_RATE_PHONE = "5/h"


def typed_phone(group, request):
    """The rate-limit key "per person": the digits of the phone number posted (``+84`` and ``0`` alike)."""
    digits = re.sub(r"\D", "", request.POST.get("phone", ""))
    return digits[2:] if digits.startswith("84") else digits.lstrip("0")


def throttled(request):
    """Count this POST against the two limits (per address, per phone); return the seconds to wait when one is
    exceeded, else 0."""
    limits = (
        ("ip", getattr(settings, "TRAINING_FORM_RATE_IP", DEFAULT_RATE_IP)),
        (typed_phone, getattr(settings, "TRAINING_FORM_RATE_PHONE", DEFAULT_RATE_PHONE)),
    )
    return throttling.wait_seconds(request, "training.register", limits)


def too_many_requests(request, wait_seconds):
    """HTTP 429 with the Vietnamese explanation and ``Retry-After`` (seconds)."""
    return throttling.too_many_requests(request, wait_seconds, "training/throttled.html")
