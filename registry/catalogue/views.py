"""Public views of the registry that are not Wagtail pages: producer profiles and certificate verification."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.page_cache import page_cacheable
from core.sorting import alphabetical
from core.translation import active_language, show_in_language, source_pages, translated_keys

from .listing import paginate
from .models import Certificate, Producer, ProductIndexPage, ProductPage
from .qr import absolute_url, certificate_qr_svg
from .structured_data import organization_jsonld


def _product_index_crumb(request):
    """The products index as a breadcrumb, titled in the visitor's language where it is translated."""
    index = source_pages(ProductIndexPage.objects.live()).first()
    if index is None:
        return []
    language = active_language()
    english = translated_keys([index.translation_key], language) if language != settings.LANGUAGE_CODE else {}
    title = english[index.translation_key].title if index.translation_key in english else index.title
    return [(index.get_url(request), title)]


@require_safe
@page_cacheable(params=("page",))
def producer_detail(request, slug):
    """``/co-so/<slug>/``: an establishment's public profile and its live products."""
    producer = get_object_or_404(
        Producer.objects.filter(live=True).select_related("commune__province", "logo"), slug=slug
    )
    products = (
        source_pages(ProductPage.objects.live().public())
        .filter(producer=producer)
        .select_related("hero_image", "producer")
        .prefetch_related("hero_image__renditions")
        .order_by(alphabetical(), "pk")
    )
    page_obj = paginate(request, products)
    return render(
        request,
        "catalogue/producer_detail.html",
        {
            "producer": producer,
            "products": page_obj,
            "querystring": "",
            "crumbs": _product_index_crumb(request),
            "jsonld": organization_jsonld(producer, request),
            # a producer's profile is written in Vietnamese only (producers are not translatable): marked lang="vi"
            # and labelled under /en/, and no hreflang alternate (core/templatetags/translation_tags.py)
            "content_language": settings.LANGUAGE_CODE,
        },
    )


@require_safe
@page_cacheable()
def verify_certificate(request, code):
    """``/xac-minh/<code>/``: what a QR code on a certificate points to. Unknown codes get a 404 that says so
    (stored by the page cache only when asked for twice, so random codes cannot fill it; a certificate issued
    later with that code invalidates it like any certificate write).

    When the product's page is not public (unpublished, private, password), the page says only whether the
    certificate is valid, expired or revoked, without the product, its producer or the certificate's details."""
    certificate = (
        Certificate.objects.with_status()
        .select_related("product__producer", "product__hero_image")
        .filter(verification_code=code)
        .first()
    )
    if certificate is None or len(code) > 64:
        return render(request, "catalogue/verify_unknown.html", {"code": code[:64]}, status=404)
    product = certificate.product
    show_in_language([product])  # its English title under /en/ where translated, else marked lang="vi"
    # Privacy follows the page: of a product that is not public, only the verdict (valid / expired / revoked).
    public = certificate.product_is_public
    return render(
        request,
        "catalogue/verify.html",
        {
            "certificate": certificate,
            "status": certificate.current_status,
            "product_public": public,
            "product": product if public else None,
            "product_live": public,
            "producer": product.producer if public else None,
            "qr_svg": certificate_qr_svg(certificate),
            "verification_url": absolute_url(certificate.get_verification_path()),
        },
    )
