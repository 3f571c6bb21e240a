"""Rate limits of public forms that are not logins (django-ratelimit over the shared cache; logins are django-axes'):
count a POST against several limits at once and answer HTTP 429 past any of them. The apps declare their limits
(``registry/producers/throttling.py``: sign-up, resend, reset; ``programmes/training/throttling.py``: course
registration); the counting and the answer live here, once.
"""

from django.shortcuts import render
from django_ratelimit.core import get_usage


def wait_seconds(request, group, limits):
    """Count this POST against each ``(key, rate)`` of ``limits`` in the django-ratelimit ``group`` (a key is
    ``"ip"`` or a function ``(group, request) -> str``; a rate is like ``"10/h"``); return the seconds to wait when
    one is exceeded, else 0. Every counter is incremented on every POST (a bot cycling addresses still hits the
    per-person limit, one cycling people the per-address limit). Not a POST: 0, nothing counted."""
    if request.method != "POST":
        return 0
    wait = 0
    for key, rate in limits:
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)
        if usage is not None and usage["should_limit"]:
            wait = max(wait, usage["time_left"], 1)
    return wait


def too_many_requests(request, wait_seconds, template):
    """HTTP 429 rendering ``template`` with ``minutes`` (the wait rounded up, at least 1), ``Retry-After`` in seconds
    and ``Cache-Control: no-store``."""
    minutes = max(1, -(-wait_seconds // 60))
    response = render(request, template, {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "no-store"
    return response
