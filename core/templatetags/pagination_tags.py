"""Template tags of the one pagination include (``templates/includes/pagination.html``).

Links are built with Django's own ``{% querystring %}`` (``django.template.defaulttags.querystring``), so every
other GET parameter of the listing survives, repeated ones included (``?group=a&group=b``); the only thing added
here is that page 1 is the listing's own URL, without ``?page=1``.
"""

from django import template
from django.template.defaulttags import querystring
from django.utils.encoding import escape_uri_path

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param="page", fragment=""):
    """The URL of page ``number`` (an int ≥ 1) of the current listing, relative to the current page.

    ``?<other parameters>&page=N`` for N > 1; for page 1 the ``page`` parameter is dropped, and when nothing else
    is left the result is the current path (never an empty ``href``, which would point back at the current page).
    ``param``: the parameter that numbers this listing's pages, when a page has two listings (a village's products
    ``page`` and its artisans ``nghe-nhan``: each pager keeps the other's value); ``fragment``: an element id the
    link scrolls to (``#…``), so a listing lower on the page stays in view.
    Needs ``request`` in the template context (any page rendered with a ``RequestContext``).
    """
    link = querystring(context, **{param or "page": number if int(number) > 1 else None})
    if link in ("", "?"):
        link = escape_uri_path(context["request"].path)
    return f"{link}#{fragment}" if fragment else link


@register.simple_tag
def page_numbers(page_obj, on_each_side=2, on_ends=1):
    """The page numbers to show around ``page_obj`` (a Django ``Page``): ints, with ``paginator.ELLIPSIS`` where
    numbers are left out, e.g. ``[1, '…', 4, 5, 6, 7, 8, '…', 20]``."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))
