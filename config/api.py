"""Wagtail API v2 (read-only) at /api/v2/: pages, images and documents; apps add their endpoints here.

Every endpoint answers 400, never 500, to a filter value its field cannot read (``?first_published_at="``):
``BadQueryMixin``. The query string itself is cleaned before (``core.query_guard``)."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.page_cache import RESTRICTIONS_PASSED, cache, epoch
from registry.catalogue.api_views import CertificatesAPIViewSet, ProducersAPIViewSet

# Query parameters that never change how many items a listing has (paging and the fields shown).
NOT_COUNTED = {"offset", "limit", "fields"}
COUNT_SECONDS = 24 * 3600  # a day at most: the key changes with the date and every public write anyway


def cached_count(request, view, queryset):
    """``queryset.count()`` of an API listing, kept in the page cache's backend per data version: the page-cache epoch
    (core/page_cache.py: every public write starts a new one, so a published page or a revoked certificate changes
    the count at once), today's date (``publicly_visible`` and expiry), the language, the host, the endpoint and its
    filters (every query parameter but ``offset``, ``limit`` and ``fields``, in a canonical order). Counted each time
    for a signed-in user or a visitor who entered a page's password: what they may see depends on them (Wagtail's
    ``get_public_pages_queryset`` asks each view restriction)."""
    if request.user.is_authenticated or request.session.get(RESTRICTIONS_PASSED):
        return queryset.count()
    pairs = sorted(
        (name, value) for name in request.GET if name not in NOT_COUNTED for value in request.GET.getlist(name)
    )
    filters = hashlib.sha256(f"{request.get_host()}|{request.path}|{urlencode(pairs)}".encode()).hexdigest()
    key = f"api-count:{epoch()}:{timezone.localdate().isoformat()}:{get_language() or ''}:{view.name}:{filters}"
    count = cache().get(key)
    if count is None:
        count = queryset.count()
        cache().set(key, count, COUNT_SECONDS)
    return count


class CachedCountPagination(WagtailPagination):
    """Wagtail's pagination (``offset``/``limit``, ``meta.total_count``) whose ``total_count`` is counted once per data
    version and filters (``cached_count``) instead of by a ``count(*)`` on every request."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        offset = self._number(request, "offset", 0, "offset must be a positive integer")
        limit = self._number(
            request, "limit", 20 if not limit_max else min(20, limit_max), "limit must be a positive integer"
        )
        if limit_max and limit > limit_max:
            raise BadRequestError(f"limit cannot be higher than {limit_max}")
        self.view = view
        self.total_count = cached_count(request, view, queryset)
        return queryset[offset : offset + limit]

    @staticmethod
    def _number(request, name, default, message):
        try:
            value = int(request.GET.get(name, default))
            if value < 0:
                raise ValueError()
        except ValueError as e:
            raise BadRequestError(message) from e
        return value


class CachedCountMixin:
    """An endpoint whose listings' ``meta.total_count`` is cached per data version (``CachedCountPagination``): for
    records whose every public write starts a new page-cache generation (pages, producers, certificates; not images
    or documents, whose uploads do not)."""

    pagination_class = CachedCountPagination


class BadQueryMixin:
    """Turns a filter value the model field rejects into a 400 with a message, like Wagtail's own
    ``BadRequestError``: Django raises ``ValidationError`` (a date field, ``?first_published_at="``) or
    ``ValueError`` (a relation, ``?certificates=x``) when the filter is built, where Wagtail does not catch it."""

    def handle_exception(self, exc):
        if isinstance(exc, ValidationError | ValueError):
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            message = _("Giá trị không hợp lệ trong tham số truy vấn: %(detail)s") % {"detail": detail}
            return Response({"message": message}, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)


class OptimizedPagesAPIViewSet(CachedCountMixin, BadQueryMixin, PagesAPIViewSet):
    """Pages endpoint that lets a page type trim its queries (``api_optimize_queryset``) when ``?type=`` names it,
    so listing 10 or 100 registry pages costs the same number of queries."""

    def get_queryset(self):
        queryset = super().get_queryset()
        optimize = getattr(queryset.model, "api_optimize_queryset", None)
        return optimize(queryset) if optimize else queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", OptimizedPagesAPIViewSet)


class SafeImagesAPIViewSet(BadQueryMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint, with a 400 for bad filter values."""


class SafeDocumentsAPIViewSet(BadQueryMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint, with a 400 for bad filter values."""


class SafeProducersAPIViewSet(CachedCountMixin, BadQueryMixin, ProducersAPIViewSet):
    """The producers endpoint, with a 400 for bad filter values and cached counts."""


class SafeCertificatesAPIViewSet(CachedCountMixin, BadQueryMixin, CertificatesAPIViewSet):
    """The certificates endpoint, with a 400 for bad filter values and cached counts."""


api_router.register_endpoint("images", SafeImagesAPIViewSet)
api_router.register_endpoint("documents", SafeDocumentsAPIViewSet)
api_router.register_endpoint("producers", SafeProducersAPIViewSet)
api_router.register_endpoint("certificates", SafeCertificatesAPIViewSet)
