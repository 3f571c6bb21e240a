"""Rate limits of the course registration form, the way ``registry/producers/throttling.py`` limits the portal's
forms: django-ratelimit over the shared cache, per visitor address (``core.security.client_ip`` through
``RATELIMIT_IP_META_KEY``) and per phone number typed, at ``TRAINING_FORM_RATE_IP`` (default ``"10/h"``) and
``TRAINING_FORM_RATE_PHONE`` (default ``"5/h"``). Past either limit: HTTP 429 with a Vietnamese page and
``Retry-After``; nothing is saved and no e-mail is sent."""

import re

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

DEFAULT_RATE_IP = "10/h"
DEFAULT_RATE_PHONE = "5/h"


def typed_phone(group, request):
    """The rate-limit key "per person": the digits of the phone number posted (``+84`` and ``0`` alike)."""
    digits = re.sub(r"\D", "", request.POST.get("phone", ""))
    return digits[2:] if digits.startswith("84") else digits.lstrip("0")


def throttled(request):
    """Count this POST against the two limits; return the seconds to wait when one is exceeded, else 0."""
    if request.method != "POST":
        return 0
    rates = (
        ("ip", getattr(settings, "TRAINING_FORM_RATE_IP", DEFAULT_RATE_IP)),
        (typed_phone, getattr(settings, "TRAINING_FORM_RATE_PHONE", DEFAULT_RATE_PHONE)),
    )
    wait = 0
    for key, rate in rates:
        usage = get_usage(request, group="training.register", key=key, rate=rate, method="POST", increment=True)
        if usage is not None and usage["should_limit"]:
            wait = max(wait, usage["time_left"], 1)
    return wait


def too_many_requests(request, wait_seconds):
    """HTTP 429 with the Vietnamese explanation and ``Retry-After`` (seconds)."""
    minutes = max(1, -(-wait_seconds // 60))
    response = render(request, "training/throttled.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "no-store"
    return response
