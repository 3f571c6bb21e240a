"""Site-wide views that are not Wagtail pages."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.page_cache import page_cacheable


@require_GET
@page_cacheable()
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /giam-khao/",
        "Disallow: /en/giam-khao/",
        "Allow: /",
        "",
        "Sitemap: " + settings.SITE_URL + "/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
