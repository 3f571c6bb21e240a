"""Old addresses keep working in every language after an editor renames or moves a page.

Wagtail makes a permanent ``Redirect`` from a page's old address to the page whenever its slug changes or it is
moved (``wagtail.contrib.redirects``, "automatic redirects"), and its ``RedirectMiddleware`` answers a 404 at an
old address with that redirect. On this site every page has one address per language: the Vietnamese one, and the
same path under ``/en/`` (core/translation.py). Two things make both old addresses redirect:

- **One record per old address, in the source language** (``install``): the redirects are made with the page
  addresses of the default language, whatever language the editor's admin is in (an editor using the admin in
  English would otherwise record ``/en/lang-nghe/cu/`` and leave the Vietnamese old address at a 404).
- **The English old address finds it** (``LocalizedRedirectMiddleware``, in place of Wagtail's): a 404 at
  ``/en/<path>`` with no redirect of its own is answered with the redirect of ``/<path>``, to the page's address in
  the visitor's language (``/en/<new path>/``), permanent or temporary as recorded. A redirect to a plain address
  (``redirect_link``) on this site is followed in the visitor's language too; an external one as it is.

Only 404 responses are looked at: one or two more queries on a page that does not exist, none on any other.
"""

from django import http
from django.conf import settings
from django.utils import translation
from wagtail.contrib.redirects import signal_handlers
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from .translation import default_language, translated_url


class LocalizedRedirectMiddleware(RedirectMiddleware):
    """Wagtail's ``RedirectMiddleware``, and for a 404 under a language prefix (``/en/…``) the redirect of the
    same address without it, to the target in the visitor's language (see the module docstring)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.status_code != 404:
            return response
        language, path = split_language(request.path)
        if language is None:
            return response
        redirect = get_redirect(request, Redirect.normalise_path(path, decode_unicode=False))
        if redirect is None:
            return response
        with translation.override(language):
            link = localized_link(redirect, language)
        if link is None:
            return response
        response_class = http.HttpResponsePermanentRedirect if redirect.is_permanent else http.HttpResponseRedirect
        return response_class(link)


def split_language(path):
    """``(language, path without its prefix)`` of an address under a language prefix other than the default one
    (``/en/lang-nghe/x/`` → ``("en", "/lang-nghe/x/")``), else ``(None, path)``."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != default_language() and path.startswith(prefix):
            return code, path[len(prefix) - 1 :]
    return None, path


def localized_link(redirect, language):
    """Where ``redirect`` leads a visitor in ``language`` (active): a page's address in that language (Wagtail's
    ``Redirect.link``), an address of this site (``/…``) translated to it, an external link as it is; None when it
    leads nowhere (its page was deleted)."""
    link = redirect.link
    if link is None or redirect.redirect_page_id or not link.startswith("/") or link.startswith("//"):
        return link
    return translated_url(link, default_language(), language)


def install():
    """Called once from ``CoreConfig.ready()``: Wagtail's automatic redirects are made with the addresses of the
    default language (``signal_handlers.create_redirects``, looked up by Wagtail's receivers when they run, is
    wrapped in ``translation.override``). Idempotent."""
    original = signal_handlers.create_redirects
    if getattr(original, "in_default_language", False):
        return

    def create_redirects(page, page_old, sites):
        with translation.override(default_language()):
            return original(page=page, page_old=page_old, sites=sites)

    create_redirects.in_default_language = True
    signal_handlers.create_redirects = create_redirects
