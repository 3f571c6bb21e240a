"""Never a 500 from what a visitor sends in the address or the cookies: every request is checked once, at the
boundary, before any view, API endpoint or admin listing reads it.

``RequestGuardMiddleware``:

- a path with a NUL byte or another C0 control character (or DEL), which no address of the site contains, is
  "not found" (the site's 404 page, in the language of the address) before any view runs: a view would look the
  path's parts up (``/xac-minh/<code>/``, a juror's ``/giam-khao/<competition>/ho-so/<code>/``) and PostgreSQL
  refuses a NUL in a string (a 500 there, a 404 on SQLite);
- a cookie the site reads (``READ_COOKIES``: the session, the CSRF token, the language) with such a character is a
  bad request (the site's 400 page): the session would be looked up with it; other cookies are never read;
- every key and value of ``request.GET`` goes through ``core.text.clean_text`` (NFC, no NUL or other control
  character: PostgreSQL cannot store a NUL in a query parameter, SQLite's full-text parser chokes on it); in a
  value, one between two words separates them (``core.text.clean_query_text``), so "tho\x01cam" searches "tho cam"
  in every search box;
- the free-text search parameters of the API (``search``) and of the admin listings (``q``) go through
  ``search_text``: without the characters the database search backends read as query syntax (quotes,
  parentheses, ``*``, ``^``, ``:``…), which a user types as punctuation, not as operators;
- the numeric paging parameters of the API (``offset``, ``limit``) must be whole numbers the database can take
  (``0 … MAX_INTEGER``), and no filter of the API may be an integer beyond 64 bits (``?alias_of=<20 digits>``,
  which the database cannot compare); otherwise the answer is a 400 with a message in Vietnamese (JSON under
  ``/api/``).

The public site search (``/tim-kiem/``, the catalogue) reads ``q`` through ``search/text.py`` and is left to it.
"""

import re

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

from .text import clean_query_text, clean_text

MAX_INTEGER = 2**31 - 1
"""The largest offset or limit accepted: a 32-bit integer, which every database takes."""

SEARCH_PARAMETERS = (("/api/", "search"), ("/admin/", "q"))
"""(path prefix, parameter): the free-text searches handled by ``search_text``."""

INTEGER_PARAMETERS = (("/api/", "offset"), ("/api/", "limit"))
"""(path prefix, parameter): the whole numbers checked against ``MAX_INTEGER``."""

FILTER_PREFIXES = ("/api/",)
"""Paths whose every parameter may be a database filter: an integer literal there must fit in 64 bits."""

MAX_BIGINT = 2**63 - 1
_INTEGER_LITERAL = re.compile(r"[+-]?\d+")

# C0 control characters and DEL: never part of an address or of a cookie the site sets.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def read_cookies():
    """The names of the cookies the site reads (a session is looked up with one): session, CSRF token, language."""
    return (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME)


# Query syntax of SQLite FTS5, PostgreSQL tsquery and Wagtail's query parser, typed by people as punctuation.
_SEARCH_SYNTAX = re.compile(r"""["'`()\[\]{}*^:+!&|<>~\\]""")


def search_text(value):
    """A free-text search as words: ``clean_text``, the query-syntax characters replaced by spaces, white space
    collapsed (``'"gốm  sứ'`` → ``"gốm sứ"``). ``""`` when nothing is left: the listing shows everything."""
    return " ".join(_SEARCH_SYNTAX.sub(" ", clean_text(value)).split())


def _integer_error(name, values):
    """The message for the first value of ``name`` that is not a whole number in 0 … MAX_INTEGER, else None."""
    for value in values:
        text = value.strip()
        if not text.isdigit() or int(text) > MAX_INTEGER:
            return _("Tham số “%(name)s” phải là số nguyên từ 0 đến %(max)s.") % {"name": name, "max": MAX_INTEGER}
    return None


def _filter_error(query):
    """The message for the first integer literal that no database integer column can hold, else None."""
    for name, values in query.lists():
        for value in values:
            text = value.strip()
            if _INTEGER_LITERAL.fullmatch(text) and abs(int(text)) > MAX_BIGINT:
                return _("Tham số “%(name)s” là một số quá lớn.") % {"name": name}
    return None


def _applies(prefixes, path):
    return [name for prefix, name in prefixes if path.startswith(prefix)]


def clean_query(request):
    """Replace ``request.GET`` by its cleaned copy (see the module docstring). Returns the 400 message of a bad
    number, or None."""
    query = request.GET.copy()
    query.clear()
    for name, values in request.GET.lists():
        for value in values:
            query.appendlist(clean_text(name), clean_query_text(value))
    for name in _applies(SEARCH_PARAMETERS, request.path):
        if name in query:
            query.setlist(name, [search_text(value) for value in query.getlist(name)])
    query._mutable = False
    request.GET = query
    for name in _applies(INTEGER_PARAMETERS, request.path):
        if name in query:
            error = _integer_error(name, query.getlist(name))
            if error:
                return error
    if request.path.startswith(FILTER_PREFIXES):
        return _filter_error(query)
    return None


class RequestGuardMiddleware:
    """404 to a path with a control character, 400 to such a cookie the site reads; cleans every request's query
    parameters and answers 400 to an impossible offset or limit (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _CONTROL.search(request.path):
            # The error page is rendered for the address without the characters (its links, its language switch).
            request.path, request.path_info = _CONTROL.sub("", request.path), _CONTROL.sub("", request.path_info)
            raise Http404("control character in the path")
        if any(_CONTROL.search(request.COOKIES.get(name, "")) for name in read_cookies()):
            return bad_request(request, SuspiciousOperation("control character in a cookie"))
        if request.GET:
            error = clean_query(request)
            if error:
                if request.path.startswith("/api/"):
                    return JsonResponse({"message": error}, status=400)
                return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
