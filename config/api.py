"""Wagtail API v2 (read-only) at /api/v2/: pages, images and documents; apps add their endpoints here."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from registry.catalogue.api_views import CertificatesAPIViewSet, ProducersAPIViewSet


class OptimizedPagesAPIViewSet(PagesAPIViewSet):
    """Pages endpoint that lets a page type trim its queries (``api_optimize_queryset``) when ``?type=`` names it,
    so listing 10 or 100 registry pages costs the same number of queries."""

    def get_queryset(self):
        queryset = super().get_queryset()
        optimize = getattr(queryset.model, "api_optimize_queryset", None)
        return optimize(queryset) if optimize else queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", OptimizedPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("producers", ProducersAPIViewSet)
api_router.register_endpoint("certificates", CertificatesAPIViewSet)
