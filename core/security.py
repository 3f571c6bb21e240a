"""Security answers shared by every login form (admin, judges' portal, producers' portal).

``lockout_response`` is django-axes' lockout callable (``AXES_LOCKOUT_CALLABLE``): after too many wrong passwords
the visitor gets HTTP 429 with a Vietnamese page saying how long to wait, and a ``Retry-After`` header (seconds).
"""

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def lockout_minutes():
    """The lockout's length in whole minutes (at least 1), from ``AXES_COOLOFF_TIME``."""
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    """HTTP 429 for a locked-out login: a page (or JSON for XHR) with the wait time and ``Retry-After``."""
    minutes = lockout_minutes()
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        response = JsonResponse(context, status=429)
    else:
        response = render(request, "core/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response
