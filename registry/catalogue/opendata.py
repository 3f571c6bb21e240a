"""Open data of the registry: the public fields of each kind of record as rows (for CSV and JSON downloads).

Never exported: verification codes (they are printed on certificates and prove possession of one), names of
producers' representatives and anything not already shown on the public pages.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

LICENCE_NAME = "Creative Commons Attribution 4.0 (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _date(value):
    return value.isoformat() if value else ""


def _str(value):
    return "" if value is None else str(value)


def product_rows(request):
    from .models import ProductPage

    queryset = (
        ProductPage.objects.live()
        .public()
        .select_related("producer", "commune", "craft_village")
        .defer_streamfields()
        .order_by("title", "pk")
    )
    for p in queryset:
        yield {
            "slug": p.slug,
            "title": p.title,
            "url": p.get_full_url(request),
            "product_group": p.product_group,
            "producer_slug": p.producer.slug,
            "producer_name": p.producer.name,
            "commune": _str(p.commune),
            "craft_village_slug": p.craft_village.slug if p.craft_village else "",
            "summary": p.summary,
            "materials": p.materials,
            "packaging": p.packaging,
        }


def producer_rows(request):
    from .models import Producer

    for p in Producer.objects.select_related("commune").order_by("name", "pk"):
        yield {
            "slug": p.slug,
            "name": p.name,
            "kind": p.kind,
            "tax_code": p.tax_code,
            "address": p.address,
            "commune": _str(p.commune),
            "commune_code": p.commune.code if p.commune else "",
            "legacy_district": p.legacy_district,
            "phone": p.phone,
            "email": p.email,
            "website": p.website,
            "url": request.build_absolute_uri(p.get_absolute_url()),
        }


def certificate_rows(request):
    from .models import Certificate

    queryset = (
        Certificate.objects.with_status()
        .filter(product__live=True)
        .select_related("product__producer")
        .order_by("-year", "serial")
    )
    for c in queryset:
        yield {
            "serial": c.serial,
            "product_slug": c.product.slug,
            "product_title": c.product.title,
            "producer_name": c.product.producer.name,
            "level": c.level,
            "region": c.region,
            "year": c.year,
            "score": _str(c.score),
            "decision_number": c.decision_number,
            "decision_date": _date(c.decision_date),
            "issuer": c.issuer,
            "valid_from": _date(c.valid_from),
            "valid_until": _date(c.valid_until),
            "status": c.current_status,
            "revoked_at": _date(c.revoked_at),
            "revoked_reason": c.revoked_reason,
        }


def village_rows(request):
    from .models import CraftVillagePage

    queryset = (
        CraftVillagePage.objects.live()
        .public()
        .select_related("commune")
        .prefetch_related("trade_groups")
        .defer_streamfields()
        .order_by("title", "pk")
    )
    for v in queryset:
        yield {
            "slug": v.slug,
            "title": v.title,
            "url": v.get_full_url(request),
            "village_type": v.village_type,
            "main_trade": v.main_trade,
            "trade_groups": ",".join(t.code for t in v.trade_groups.all()),
            "commune": _str(v.commune),
            "legacy_district": v.legacy_district,
            "latitude": _str(v.latitude),
            "longitude": _str(v.longitude),
            "households_total": _str(v.households_total),
            "households_in_trade": _str(v.households_in_trade),
            "households_percentage": _str(v.households_percentage),
            "stable_production_years": _str(v.stable_production_years),
            "recognition_decision_number": v.recognition_decision_number,
            "recognition_decision_date": _date(v.recognition_decision_date),
            "recognition_issuer": v.recognition_issuer,
        }


def artisan_rows(request):
    from .models import ArtisanPage, ArtisanTitle

    queryset = (
        ArtisanPage.objects.live()
        .public()
        .select_related("commune", "craft_village")
        .prefetch_related(Prefetch("titles", queryset=ArtisanTitle.objects.select_related("kind")))
        .defer_streamfields()
        .order_by("title", "pk")
    )
    for a in queryset:
        yield {
            "slug": a.slug,
            "title": a.title,
            "url": a.get_full_url(request),
            "trade": a.trade,
            "birth_year": _str(a.birth_year),
            "ethnicity": a.ethnicity,
            "craft_village_slug": a.craft_village.slug if a.craft_village else "",
            "commune": _str(a.commune),
            "years_in_trade": _str(a.years_in_trade),
            "trainees": _str(a.trainees),
            "titles": "; ".join(
                f"{t.kind.name} ({t.decision_number})" if t.decision_number else t.kind.name for t in a.titles.all()
            ),
        }


DATASETS = {
    "products": (_("Sản phẩm"), product_rows),
    "producers": (_("Cơ sở sản xuất"), producer_rows),
    "certificates": (_("Giấy chứng nhận"), certificate_rows),
    "villages": (_("Làng nghề"), village_rows),
    "artisans": (_("Nghệ nhân"), artisan_rows),
}
