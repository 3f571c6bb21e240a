"""Pagination of the competitions' lists (published results, the juror's entries, the managers' progress): one page
of a sequence or queryset, drawn by the site's one pagination include (``templates/includes/pagination.html``).

The page number is untrusted: anything but a short positive number (``abc``, ``-1``, ``1e9``) gives the first page,
a number past the end the last page (Django's ``Paginator.get_page``), never an error.
"""

from django.core.paginator import Paginator


def page_number(request, name="page"):
    """The page number asked for in query parameter ``name`` (an int ≥ 1; 1 for anything that is not a number)."""
    raw = request.GET.get(name, "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0 else 1


def paginate(request, items, per_page, name="page"):
    """The requested Django ``Page`` of ``items`` (a list or an ordered queryset), ``per_page`` items per page."""
    return Paginator(items, per_page).get_page(page_number(request, name))
