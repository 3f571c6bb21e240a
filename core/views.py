"""Views of the core app: the admin's logout (POST only) and the site's own error pages."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

logger = logging.getLogger(__name__)


class PostOnlyLogoutView(WagtailLogoutView):
    """Wagtail's admin logout, without its side effects on GET.

    Wagtail's view answers a GET with 405 but still deletes the session cookie and queues "logged out" (a link or
    an image on any page could sign staff out of the browser while their server session stays valid). Methods other
    than POST now get a plain 405 and change nothing.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


# Shown when even the 500 template cannot be rendered (a missing static manifest entry, a broken template).
FALLBACK_500 = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Lỗi hệ thống · Server error</title>'
    "</head><body><main><h1>Hệ thống đang gặp sự cố</h1>"
    "<p>Chúng tôi đã ghi nhận lỗi và sẽ khắc phục sớm. Xin vui lòng thử lại sau ít phút.</p>"
    '<p lang="en">Something went wrong on our side. Please try again in a few minutes.</p>'
    '<p><a href="/">Về trang chủ · Home</a></p></main></body></html>'
)


def server_error(request, template_name="500.html"):
    """``handler500``: the site's own error page, in Vietnamese (with an English line), on every error path.

    Renders ``500.html`` without a request context, so it needs no database (it is what visitors see during a
    database outage); if even that fails, a built-in page with the same words. Never cached by browsers or proxies.
    """
    try:
        body = loader.get_template(template_name).render()
    except Exception:  # the error page itself must never fail
        logger.exception("the 500 template could not be rendered")
        body = FALLBACK_500
    response = HttpResponseServerError(body)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form sent without a valid security token (an old tab, cookies blocked) gets a
    Vietnamese 403 page saying what to do, instead of Django's English one."""
    response = render(request, "403_csrf.html", status=403)
    response["Cache-Control"] = "no-store"
    return response
