"""Save one validated row of each kind, found by its natural key. Returns "created", "updated" or "unchanged".

Natural keys: province/commune code, producer tax code (else slug), page slug, certificate serial. Pages are
published through a revision so that the editor's view and the live page agree.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.text import fold

from ..choices import CertificateSource
from ..models import (
    ArtisanIndexPage,
    ArtisanPage,
    Certificate,
    Commune,
    CraftVillageIndexPage,
    CraftVillagePage,
    Producer,
    ProductIndexPage,
    ProductPage,
    Province,
    TradeGroupTag,
)
from .parsers import RowError

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _apply(obj, values):
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _full_clean(obj, exclude=None):
    try:
        obj.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        messages = [f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()]
        raise RowError("; ".join(messages)) from error


def _commune(code):
    if not code:
        return None
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        raise RowError(_("không có xã/phường mã “%(code)s”") % {"code": code})
    return commune


def _page(model, slug, label):
    if not slug:
        return None
    page = model.objects.filter(slug=slug).first()
    if page is None:
        raise RowError(_("không có %(label)s với đường dẫn “%(slug)s”") % {"label": label, "slug": slug})
    return page


def _index(model):
    index = model.objects.first()
    if index is None:
        raise RowError(_("chưa có trang danh sách %(name)s trên trang web") % {"name": model._meta.verbose_name})
    return index


def save_province(v):
    obj = Province.objects.filter(code=v["code"]).first()
    if obj is None:
        Province.objects.create(**v)
        return CREATED
    if _apply(obj, v):
        obj.save()
        return UPDATED
    return UNCHANGED


def save_commune(v):
    province = Province.objects.filter(code=v.pop("province_code")).first()
    if province is None:
        raise RowError(_("không có tỉnh mã này"))
    v["province"] = province
    obj = Commune.objects.filter(code=v["code"]).first()
    if obj is None:
        Commune.objects.create(**v)
        return CREATED
    if _apply(obj, v):
        obj.save()
        return UPDATED
    return UNCHANGED


def save_producer(v):
    v["slug"] = v["slug"] or slugify(fold(v["name"]))[:255]
    v["commune"] = _commune(v.pop("commune_code"))
    obj = None
    if v["tax_code"]:
        obj = Producer.objects.filter(tax_code=v["tax_code"]).first()
    obj = obj or Producer.objects.filter(slug=v["slug"]).first()
    if obj is None:
        obj = Producer(**v)
        _full_clean(obj, exclude=["logo"])
        obj.save()
        return CREATED
    if _apply(obj, v):
        _full_clean(obj, exclude=["logo"])
        obj.save()
        return UPDATED
    return UNCHANGED


def _save_page(model, index_model, v):
    page = model.objects.filter(slug=v["slug"]).first()
    if page is None:
        page = model(**v)
        index = _index(index_model)
        if index.get_children().filter(slug=v["slug"]).exists():
            raise RowError(_("đường dẫn “%(slug)s” đã dùng cho trang khác") % {"slug": v["slug"]})
        index.add_child(instance=page)
        page.save_revision().publish()
        return CREATED
    page = page.get_latest_revision_as_object()
    if _apply(page, v):
        page.save_revision().publish()
        return UPDATED
    return UNCHANGED


def save_product(v):
    key = v.pop("producer")
    producer = Producer.objects.filter(tax_code=key).first() if key else None
    producer = producer or Producer.objects.filter(slug=key).first()
    if producer is None:
        raise RowError(_("không có cơ sở có mã số thuế hoặc đường dẫn “%(key)s”") % {"key": key})
    v["producer"] = producer
    v["commune"] = _commune(v.pop("commune_code"))
    v["craft_village"] = _page(CraftVillagePage, v.pop("craft_village_slug"), _("làng nghề"))
    return _save_page(ProductPage, ProductIndexPage, v)


def save_village(v):
    codes = v.pop("trade_groups")
    v["commune"] = _commune(v.pop("commune_code"))
    total, in_trade = v["households_total"], v["households_in_trade"]
    if total is not None and in_trade is not None and in_trade > total:
        raise RowError(_("số hộ làm nghề lớn hơn tổng số hộ"))
    result = _save_page(CraftVillagePage, CraftVillageIndexPage, v)
    page = CraftVillagePage.objects.get(slug=v["slug"])
    wanted = set(TradeGroupTag.objects.filter(code__in=codes))
    if set(page.trade_groups.all()) != wanted:
        page.trade_groups.set(wanted)
        page.save_revision().publish()
        result = UPDATED if result == UNCHANGED else result
    return result


def save_artisan(v):
    v["commune"] = _commune(v.pop("commune_code"))
    v["craft_village"] = _page(CraftVillagePage, v.pop("craft_village_slug"), _("làng nghề"))
    return _save_page(ArtisanPage, ArtisanIndexPage, v)


def save_certificate(v):
    v["product"] = _page(ProductPage, v.pop("product_slug"), _("sản phẩm"))
    if v["revoked_at"] and not v["revoked_reason"]:
        raise RowError(_("thu hồi phải có lý do"))
    obj = Certificate.objects.filter(serial=v["serial"]).first()
    if obj is None:
        obj = Certificate(source=CertificateSource.IMPORTED, **v)
        _full_clean(obj)
        obj.save()
        return CREATED
    if _apply(obj, v):
        _full_clean(obj)
        obj.save()
        return UPDATED
    return UNCHANGED


SAVERS = {
    "provinces": save_province,
    "communes": save_commune,
    "producers": save_producer,
    "products": save_product,
    "certificates": save_certificate,
    "villages": save_village,
    "artisans": save_artisan,
}
