"""Security answers shared by the whole site: the Content-Security-Policy, Permissions-Policy and private caching
headers (``SecurityHeadersMiddleware``), and the login lockout page.

``lockout_response`` is django-axes' lockout callable (``AXES_LOCKOUT_CALLABLE``): after too many wrong passwords
the visitor gets HTTP 429 with a Vietnamese page saying how long to wait, and a ``Retry-After`` header (seconds).

``LoginLockoutHandler`` is axes' handler (``AXES_HANDLER``): it locks one user name from one address
(``AXES_LOCKOUT_PARAMETERS``) after ``LOGIN_FAILURE_LIMIT`` wrong passwords, so that one person's mistakes never
lock the other people behind the same address (a cooperative's office, a NAT); and, counting axes' own records of
the cool-off period, one address after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures over any user names (one machine
trying many accounts) and one user name after ``LOGIN_ACCOUNT_FAILURE_LIMIT`` failures from any addresses (many
machines guessing one password).
"""

import ipaddress
import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control


def client_ip(request):
    """The visitor's IP address (a string), as login throttling sees it (``AXES_CLIENT_IP_CALLABLE``).

    Without a reverse proxy (``PROXY_COUNT = 0``) it is ``REMOTE_ADDR``. Behind ``PROXY_COUNT`` proxies it is the
    ``X-Forwarded-For`` entry the outermost proxy appended, i.e. the ``PROXY_COUNT``-th from the right: entries to
    its left were written by the visitor and may be forged. Falls back to ``REMOTE_ADDR`` when the header is missing,
    too short or not an address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count > 0:
        entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
        if len(entries) >= count:
            candidate = entries[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with two wider limits besides its (user name, address) pair (see the module)."""

    def get_failures(self, request, credentials=None):
        """The failures axes compares with ``AXES_FAILURE_LIMIT`` (``LOGIN_FAILURE_LIMIT + 1``): those of this user
        name from this address, or the address's (the user name's) failures of the cool-off period shifted so that
        its own limit + 1 reaches it. Two more queries than axes' own."""
        pair = super().get_failures(request, credentials)
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        shifted = [pair]
        for filters, limit in (
            ({"ip_address": request.axes_ip_address}, settings.LOGIN_ADDRESS_FAILURE_LIMIT),
            ({"username": get_client_username(request, credentials)}, settings.LOGIN_ACCOUNT_FAILURE_LIMIT),
        ):
            if None in filters.values():
                continue
            count = recent.filter(**filters).aggregate(n=Sum("failures_since_start"))["n"] or 0
            shifted.append(count - limit + settings.LOGIN_FAILURE_LIMIT)
        return max(shifted)


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


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the site's two policies, plus Permissions-Policy and private caching.

    - Public pages get ``CONTENT_SECURITY_POLICY`` (settings): our own origin only, plus the map tile host for
      images and the video hosts for embedded frames; no inline script or style; no page may frame them.
    - The Wagtail admin (``/admin/``) also needs inline scripts and styles (Wagtail's own date pickers and inline
      panels write them), so ``ADMIN_CSP_UPDATE`` adds ``'unsafe-inline'`` there and nowhere else, and
      ``ADMIN_CSP_REPLACE`` lets the admin frame its own previews.
    - Every response gets ``PERMISSIONS_POLICY``; a response to a signed-in user that says nothing about caching
      gets ``Cache-Control: private, no-store`` (it may carry that user's data).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/") and parts.update is None:
            parts = PolicyParts(parts.config, settings.ADMIN_CSP_UPDATE, settings.ADMIN_CSP_REPLACE, parts.nonce)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
