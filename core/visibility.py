"""Page privacy (Wagtail's view restrictions) read once per request instead of once per query.

Wagtail reads every ``PageViewRestriction`` again each time a queryset calls ``.public()`` (``PageQuerySet.private_q``)
and reads the page's ancestors and their restrictions each time a page is served (``Page.get_view_restrictions``):
on our pages four to nine identical queries per request (the menu, each listing, each related-pages panel, the page
itself). ``install()`` (called once from ``CoreConfig.ready()``) makes both use ``view_restrictions()``: the list of
restrictions read once per process and page-cache generation (core/shared_data.py: saving or deleting a restriction
starts a new one), built anew for each request, or read on every call outside a request (management commands,
tasks, the shell). The request's list is forgotten at its end and whenever a restriction is saved or deleted, so a
request that changes privacy (the admin's privacy dialog) sees its own change. Wagtail's rules are unchanged: a page is private
when it or an ancestor has a restriction (aliases included: with any restriction in the database, serving a page
uses Wagtail's own lookup).
"""

import threading

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .shared_data import instance_of, row_of, shared

_state = threading.local()


def _begin(**_kwargs):
    _state.active, _state.restrictions = True, None


def _end(**_kwargs):
    _state.active, _state.restrictions = False, None


def forget(**_kwargs):
    """Receiver of ``post_save``/``post_delete`` of ``PageViewRestriction``: read them again on next use."""
    _state.restrictions = None


def _restriction_rows():
    return tuple((row_of(found), row_of(found.page)) for found in PageViewRestriction.objects.select_related("page"))


def _restriction(rows):
    restriction = instance_of(PageViewRestriction, rows[0])
    restriction.page = instance_of(Page, rows[1])
    return restriction


def view_restrictions():
    """Every ``PageViewRestriction`` with its page (a list): one query per generation in a request, one per call
    outside a request."""
    if not getattr(_state, "active", False):
        return list(PageViewRestriction.objects.select_related("page"))
    if _state.restrictions is None:
        _state.restrictions = [_restriction(rows) for rows in shared("view_restrictions", None, _restriction_rows)]
    return _state.restrictions


def private_q(self):
    """``PageQuerySet.private_q`` over ``view_restrictions()``: pages in a restricted section (the page or an
    ancestor restricted); matches nothing when no restriction exists."""
    q = Q()
    for restriction in view_restrictions():
        q |= self.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def public_only(pages):
    """The pages of ``pages`` (an iterable of pages) that are in no section behind a password or a login (the page
    or an ancestor restricted), in their order: the ``.public()`` of a list already fetched (related items of an
    article, an in-memory preview's links), with no query beyond ``view_restrictions()``."""
    paths = [restriction.page.path for restriction in view_restrictions()]
    return [page for page in pages if not any(page.path.startswith(path) for path in paths)]


def install():
    """Replace ``PageQuerySet.private_q`` and wrap ``Page.get_view_restrictions`` (no query when the site has no
    restriction at all); connect the receivers that scope the list to a request. Idempotent."""
    if getattr(Page.get_view_restrictions, "per_request", False):
        return
    wagtail_get_view_restrictions = Page.get_view_restrictions

    def get_view_restrictions(self):
        if getattr(_state, "active", False) and not view_restrictions():
            return PageViewRestriction.objects.none()
        return wagtail_get_view_restrictions(self)

    get_view_restrictions.per_request = True
    Page.get_view_restrictions = get_view_restrictions
    PageQuerySet.private_q = private_q
    request_started.connect(_begin, dispatch_uid="core.visibility.begin")
    request_finished.connect(_end, dispatch_uid="core.visibility.end")
    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="core.visibility.forget-save")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="core.visibility.forget-delete")
