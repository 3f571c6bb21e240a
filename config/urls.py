"""Root URLconf: admin and machine endpoints without a language prefix; public pages under i18n_patterns
(Vietnamese without a prefix, English under /en/). Wagtail's page serving comes last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import sitemaps
from core.views import PostOnlyLogoutView
from home.views import robots_txt
from registry.catalogue.sitemaps import ProducerSitemap

from .api import api_router

SITEMAPS = {**sitemaps.page_sitemaps(), "producers": ProducerSitemap}

urlpatterns = [
    path("admin/logout/", PostOnlyLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),  # the index (core/sitemaps.py)
    path("sitemap-<slug:section>.xml", sitemaps.section, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):  # development only (dev.py); production: the proxy
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += i18n_patterns(
    path("", include("registry.catalogue.urls")),
    path("", include("registry.competitions.urls")),
    path("", include("registry.producers.urls")),
    path("", include("programmes.training.urls")),
    path("", include("news.urls")),
    path("", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "core.views.server_error"
