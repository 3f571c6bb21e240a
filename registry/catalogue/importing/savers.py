"""Save one validated row of each kind, found by its natural key, and say what changed.

Each saver takes the parsed values of the columns present in the file (``schemas.parse_row``) and the required
columns the file lacks, and returns an ``Outcome``: ``created``, ``updated`` with the list of fields that changed
(old → new), or ``unchanged`` (then nothing is saved at all). Only the fields present are written: a column
missing from the file leaves that field untouched. A new record needs every required column.

Natural keys: province/commune code, producer tax code (else slug, else the slug of its name), page slug,
certificate serial. Pages are published through a revision so that the editor's view and the live page agree.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import slugify

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


@dataclass
class Outcome:
    """What saving one row did: ``status`` (created/updated/unchanged), the record, and for an update the
    changes as ``(field name, old value, new value)``."""

    status: str
    obj: object
    changes: list = field(default_factory=list)


def _same(old, new):
    """Whether a stored value equals a parsed one (``None`` and ``""`` are both "nothing"; 13.9 == 13.900000)."""
    if old in (None, "") and new in (None, "", []):
        return True
    return old == new


def _changes(obj, values):
    """``[(name, old, new)]`` for the values that differ from ``obj``'s."""
    return [(name, getattr(obj, name), new) for name, new in values.items() if not _same(getattr(obj, name), new)]


def _require_for_new(missing):
    if missing:
        raise RowError(_("thiếu cột %(columns)s để thêm mới") % {"columns": ", ".join(missing)})


def _full_clean(obj, exclude=None):
    try:
        obj.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        raise RowError(validation_message(error)) from error


def validation_message(error):
    """A ``ValidationError`` as one line, ``field: message; …``."""
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


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


def _save_record(model, lookup, v, missing, clean_exclude=None, **create_extra):
    """Create or update a record that is not a page; ``lookup``: the existing record or ``None``."""
    if lookup is None:
        _require_for_new(missing)
        obj = model(**create_extra, **v)
        _full_clean(obj, exclude=clean_exclude)
        obj.save()
        return Outcome(CREATED, obj)
    changes = _changes(lookup, v)
    if not changes:
        return Outcome(UNCHANGED, lookup)
    for name, _old, new in changes:
        setattr(lookup, name, new)
    _full_clean(lookup, exclude=clean_exclude)
    lookup.save()
    return Outcome(UPDATED, lookup, changes)


def save_province(v, missing=()):
    return _save_record(Province, Province.objects.filter(code=v["code"]).first(), v, missing)


def save_commune(v, missing=()):
    if "province_code" in v:
        province = Province.objects.filter(code=v.pop("province_code")).first()
        if province is None:
            raise RowError(_("không có tỉnh mã này"))
        v["province"] = province
    return _save_record(Commune, Commune.objects.filter(code=v["code"]).first(), v, missing)


def save_producer(v, missing=()):
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"))
    obj = Producer.objects.filter(tax_code=v["tax_code"]).first() if v.get("tax_code") else None
    if not v.get("slug"):
        v.pop("slug", None)
        derived = slugify(v.get("name", ""))
        if obj is None and derived:
            obj = Producer.objects.filter(slug=derived).first()
            if obj is None:
                v["slug"] = derived
    elif obj is None:
        obj = Producer.objects.filter(slug=v["slug"]).first()
    return _save_record(Producer, obj, v, missing, clean_exclude=["logo"])


def _save_page(model, index_model, v, missing, trade_groups=None):
    """Create (under the index) or update a page and publish it; ``trade_groups``: a village's wanted tags."""
    page = model.objects.filter(slug=v["slug"]).first()
    if page is None:
        _require_for_new(missing)
        page = model(**v)
        if trade_groups is not None:
            page.trade_groups = trade_groups
        index = _index(index_model)
        if index.get_children().filter(slug=v["slug"]).exists():
            raise RowError(_("đường dẫn “%(slug)s” đã dùng cho trang khác") % {"slug": v["slug"]})
        index.add_child(instance=page)
        page.save_revision().publish()
        return Outcome(CREATED, page)
    page = page.get_latest_revision_as_object()
    changes = _changes(page, v)
    if trade_groups is not None:
        old = sorted(t.code for t in page.trade_groups.all())
        new = sorted(t.code for t in trade_groups)
        if old != new:
            changes.append(("trade_groups", ",".join(old), ",".join(new)))
            page.trade_groups = trade_groups
    if not changes:
        return Outcome(UNCHANGED, page)
    for name, _old, new in changes:
        if name != "trade_groups":
            setattr(page, name, new)
    page.save_revision().publish()
    return Outcome(UPDATED, page, changes)


def save_product(v, missing=()):
    if "producer" in v:
        key = v.pop("producer")
        producer = Producer.objects.filter(tax_code=key).first() if key else None
        producer = producer or Producer.objects.filter(slug=key).first()
        if producer is None:
            raise RowError(_("không có cơ sở có mã số thuế hoặc đường dẫn “%(key)s”") % {"key": key})
        v["producer"] = producer
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"))
    if "craft_village_slug" in v:
        v["craft_village"] = _page(CraftVillagePage, v.pop("craft_village_slug"), _("làng nghề"))
    return _save_page(ProductPage, ProductIndexPage, v, missing)


def save_village(v, missing=()):
    trade_groups = None
    if "trade_groups" in v:
        trade_groups = list(TradeGroupTag.objects.filter(code__in=v.pop("trade_groups")).order_by("code"))
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"))
    existing = CraftVillagePage.objects.filter(slug=v["slug"]).first()
    total = v.get("households_total", getattr(existing, "households_total", None))
    in_trade = v.get("households_in_trade", getattr(existing, "households_in_trade", None))
    if total is not None and in_trade is not None and in_trade > total:
        raise RowError(_("số hộ làm nghề lớn hơn tổng số hộ"))
    return _save_page(CraftVillagePage, CraftVillageIndexPage, v, missing, trade_groups)


def save_artisan(v, missing=()):
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"))
    if "craft_village_slug" in v:
        v["craft_village"] = _page(CraftVillagePage, v.pop("craft_village_slug"), _("làng nghề"))
    return _save_page(ArtisanPage, ArtisanIndexPage, v, missing)


def save_certificate(v, missing=()):
    if "product_slug" in v:
        v["product"] = _page(ProductPage, v.pop("product_slug"), _("sản phẩm"))
    obj = Certificate.objects.filter(serial=v["serial"]).first()
    revoked_at = v.get("revoked_at", getattr(obj, "revoked_at", None))
    reason = v.get("revoked_reason", getattr(obj, "revoked_reason", ""))
    if revoked_at and not reason:
        raise RowError(_("thu hồi phải có lý do"))
    return _save_record(Certificate, obj, v, missing, source=CertificateSource.IMPORTED)


SAVERS = {
    "provinces": save_province,
    "communes": save_commune,
    "producers": save_producer,
    "products": save_product,
    "certificates": save_certificate,
    "villages": save_village,
    "artisans": save_artisan,
}
