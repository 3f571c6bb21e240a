"""Wagtail API v2 (read-only) at /api/v2/: pages, images and documents; apps add their endpoints here.

Every endpoint answers 400, never 500, to a filter value its field cannot read (``?first_published_at="``):
``BadQueryMixin``. The query string itself is cleaned before (``core.query_guard``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from registry.catalogue.api_views import CertificatesAPIViewSet, ProducersAPIViewSet


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


class OptimizedPagesAPIViewSet(BadQueryMixin, PagesAPIViewSet):
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


class SafeProducersAPIViewSet(BadQueryMixin, ProducersAPIViewSet):
    """The producers endpoint, with a 400 for bad filter values."""


class SafeCertificatesAPIViewSet(BadQueryMixin, CertificatesAPIViewSet):
    """The certificates endpoint, with a 400 for bad filter values."""


api_router.register_endpoint("images", SafeImagesAPIViewSet)
api_router.register_endpoint("documents", SafeDocumentsAPIViewSet)
api_router.register_endpoint("producers", SafeProducersAPIViewSet)
api_router.register_endpoint("certificates", SafeCertificatesAPIViewSet)
