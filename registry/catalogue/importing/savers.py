"""Save one validated row of each kind, found by its natural key, and say what changed — or, in a dry run, only
say it: the same lookups, foreign-key resolution, change detection and model validation (``full_clean``, unique
fields included) on records held in memory, without a single write, so a dry run never takes the database's write
lock (with SQLite, a dry run inside a rolled-back transaction blocked every save of the live site for minutes).

Each saver takes the parsed values of the columns present in the file (``schemas.parse_row``), the required
columns the file lacks and a ``Context`` (``apply``: write, else plan), and returns an ``Outcome``: ``created``,
``updated`` with the list of fields that changed (old → new), or ``unchanged`` (then nothing is saved at all).
Only the fields present are written: a column missing from the file leaves that field untouched. A new record
needs every required column.

Natural keys: province/commune code, producer tax code (else slug, else the slug of its name), page slug,
certificate serial. Pages are compared with their live version and published through a revision so that the
editor's view and the live page agree; a page with a pending draft or in moderation is never changed by an import
(its row is an error), so nobody's unapproved draft is published and no draft is lost.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import fold, slugify

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

# The fields by which a record of the file is found, for the records a dry run adds only in memory.
_LOOKUPS = {Producer: ("tax_code", "slug"), Certificate: ("serial",), Commune: ("code",), Province: ("code",)}


@dataclass
class Outcome:
    """What saving one row did: ``status`` (created/updated/unchanged), the record, and for an update the
    changes as ``(field name, old value, new value)``."""

    status: str
    obj: object
    changes: list = field(default_factory=list)


class Context:
    """One pass over a file. ``apply``: save; else a dry run that writes nothing and remembers the records it would
    add (``planned``), so that a later row of the same file finds them as the real import would."""

    def __init__(self, apply):
        self.apply = apply
        self.planned = {}
        self._names = {}
        self._cache = {}

    def find(self, model, **lookup):
        """The record of ``model`` with ``lookup`` (one field): planned in this pass, else stored, else ``None``."""
        ((name, value),) = lookup.items()
        planned = self.planned.get((model, name, value))
        if planned is not None:
            return planned
        return model.objects.filter(**lookup).first()

    def cached(self, key, compute):
        """``compute()`` once per pass for ``key``: the records a file refers to over and over (its communes,
        producers, villages, the index page) are read once, not on every row."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def named(self, model, name):
        """The records of ``model`` whose ``name`` folds (``core.text.fold``: case, accents, NFC/NFD) to the
        same text as ``name``: those planned in this pass, else the stored ones (all names read once per file)."""
        key = fold(name)
        planned = self.planned.get((model, "name", key))
        if planned is not None:
            return [planned]
        if model not in self._names:
            index = self._names[model] = {}
            for pk, stored in model.objects.values_list("pk", "name"):
                index.setdefault(fold(stored), []).append(pk)
        return list(model.objects.filter(pk__in=self._names[model].get(key, [])).order_by("pk"))

    def remember(self, obj):
        """Note a record this dry run would add, under each field it can be found by."""
        model = type(obj)
        for name in _LOOKUPS.get(model, ("slug",)):
            value = getattr(obj, name, "")
            if value:
                self.planned[(model, name, value)] = obj
        if getattr(obj, "name", ""):
            self.planned[(model, "name", fold(obj.name))] = obj


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
    """``obj.full_clean`` (unique fields included, which only reads) with its errors as one RowError."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise RowError(validation_message(error)) from error


def validation_message(error):
    """A ``ValidationError`` as one line, ``field: message; …``."""
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _commune(code, ctx):
    if not code:
        return None
    commune = ctx.cached((Commune, code), lambda: Commune.objects.filter(code=code).first())
    if commune is None:
        raise RowError(_("không có xã/phường mã “%(code)s”") % {"code": code})
    return commune


def _page(model, slug, label, ctx):
    if not slug:
        return None
    page = ctx.cached((model, slug), lambda: model.objects.filter(slug=slug).first())
    if page is None:
        raise RowError(_("không có %(label)s với đường dẫn “%(slug)s”") % {"label": label, "slug": slug})
    return page


def _index(model, ctx):
    """The listing page new pages go under; read once per dry run (the save pass reads it for each page it adds,
    since adding a child changes it)."""
    index = model.objects.first() if ctx.apply else ctx.cached((model, "index"), model.objects.first)
    if index is None:
        raise RowError(_("chưa có trang danh sách %(name)s trên trang web") % {"name": model._meta.verbose_name})
    return index


def _save_record(model, lookup, v, missing, ctx, clean_exclude=None, **create_extra):
    """Create or update a record that is not a page; ``lookup``: the existing record or ``None``."""
    if lookup is None:
        _require_for_new(missing)
        obj = model(**create_extra, **v)
        _full_clean(obj, exclude=clean_exclude)
        if ctx.apply:
            obj.save()
        else:
            ctx.remember(obj)
        return Outcome(CREATED, obj)
    changes = _changes(lookup, v)
    if not changes:
        return Outcome(UNCHANGED, lookup)
    for name, _old, new in changes:
        setattr(lookup, name, new)
    _full_clean(lookup, exclude=clean_exclude)
    if ctx.apply:
        lookup.save()
    return Outcome(UPDATED, lookup, changes)


def save_province(v, missing, ctx):
    return _save_record(Province, ctx.find(Province, code=v["code"]), v, missing, ctx)


def save_commune(v, missing, ctx):
    if "province_code" in v:
        province = Province.objects.filter(code=v.pop("province_code")).first()
        if province is None:
            raise RowError(_("không có tỉnh mã này"))
        v["province"] = province
    return _save_record(Commune, ctx.find(Commune, code=v["code"]), v, missing, ctx)


def save_producer(v, missing, ctx):
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"), ctx)
    obj = ctx.find(Producer, tax_code=v["tax_code"]) if v.get("tax_code") else None
    by_name_only = not v.get("slug") and not v.get("tax_code")
    if not v.get("slug"):
        v.pop("slug", None)
        derived = slugify(v.get("name", ""))
        if obj is None and derived:
            obj = ctx.find(Producer, slug=derived)
            if obj is None:
                v["slug"] = derived
    elif obj is None:
        obj = ctx.find(Producer, slug=v["slug"])
    if obj is None and by_name_only and v.get("name"):
        obj = _producer_named(v, ctx)
    return _save_record(Producer, obj, v, missing, ctx, clean_exclude=["logo"])


def _producer_named(v, ctx):
    """The producer a row keyed by its name alone names: the one whose name folds to the same text (so a file
    typed without accents or in another case does not add a second one), ``None`` for a new one (its slug then
    derived from the name); RowError when several producers bear that name."""
    found = ctx.named(Producer, v["name"])
    if len(found) > 1:
        raise RowError(
            _("có %(count)s cơ sở cùng tên “%(name)s”: hãy thêm cột tax_code hoặc slug để chỉ rõ cơ sở")
            % {"count": len(found), "name": v["name"]}
        )
    if found:
        v.pop("slug", None)
        return found[0]
    return None


def _relation_key(obj):
    """How a related record is compared and shown in the preview: its code, else slug, else primary key."""
    return str(getattr(obj, "code", None) or getattr(obj, "slug", None) or obj.pk)


def _save_page(model, index_model, v, missing, ctx, trade_groups=None, relations=None):
    """Create (under the index) or update a page and publish it; ``trade_groups``: a village's wanted tags;
    ``relations``: ``{many-to-many field: wanted records}`` of the columns present (other apps' pages, e.g. the
    beneficiaries of a support project).

    A dry run validates the page as Wagtail would before saving it (``full_clean``: required fields, the slug
    free among the index's children), the new page placed under its index in memory only."""
    relations = dict(relations or {})
    if trade_groups is not None:
        relations["trade_groups"] = trade_groups
    page = ctx.find(model, slug=v["slug"])
    if page is None:
        _require_for_new(missing)
        page = model(**v)
        for name, records in relations.items():
            setattr(page, name, records)
        index = _index(index_model, ctx)
        if index.get_children().filter(slug=v["slug"]).exists():
            raise RowError(_("đường dẫn “%(slug)s” đã dùng cho trang khác") % {"slug": v["slug"]})
        if ctx.apply:
            index.add_child(instance=page)
            page.save_revision().publish()
        else:
            page._cached_parent_obj = index  # what treebeard's add_child sets; Page.full_clean reads the parent
            _full_clean(page, exclude=["path", "depth"])
            ctx.remember(page)
        return Outcome(CREATED, page)
    # ``page`` is the LIVE page (the row Wagtail publishes from), never an editor's draft: the file is compared
    # with what the public sees, and a draft or a revision in moderation is neither published nor overwritten.
    changes = _changes(page, v)
    for name, records in relations.items():
        old = sorted(_relation_key(r) for r in getattr(page, name).all())
        new = sorted(_relation_key(r) for r in records)
        if old != new:
            changes.append((name, ",".join(old), ",".join(new)))
            setattr(page, name, records)
    if not changes:
        return Outcome(UNCHANGED, page)
    if page.pk and _has_pending_work(page):
        raise RowError(
            _("trang đang có bản nháp chưa xuất bản / đang chờ duyệt: hãy xuất bản hoặc huỷ bản nháp trước khi nhập")
        )
    for name, _old, new in changes:
        if name not in relations:
            setattr(page, name, new)
    if ctx.apply:
        page.save_revision().publish()
    elif page.pk:
        _full_clean(page)  # what save_revision does first
    return Outcome(UPDATED, page, changes)


def _has_pending_work(page):
    """Whether ``page`` has changes an editor saved without publishing (a draft), or is in a moderation
    workflow: an import must then not publish, since publishing from the live page would discard the draft and
    publishing the draft would skip its review."""
    return bool(page.has_unpublished_changes or page.workflow_in_progress)


def _producer_by_key(key):
    """The producer a product row names by tax code, else by slug; ``None`` when there is none."""
    if not key:
        return None
    return Producer.objects.filter(tax_code=key).first() or Producer.objects.filter(slug=key).first()


def save_product(v, missing, ctx):
    if "producer" in v:
        key = v.pop("producer")
        producer = ctx.cached((Producer, key), lambda: _producer_by_key(key))
        if producer is None:
            raise RowError(_("không có cơ sở có mã số thuế hoặc đường dẫn “%(key)s”") % {"key": key})
        v["producer"] = producer
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"), ctx)
    if "craft_village_slug" in v:
        v["craft_village"] = _page(CraftVillagePage, v.pop("craft_village_slug"), _("làng nghề"), ctx)
    return _save_page(ProductPage, ProductIndexPage, v, missing, ctx)


def save_village(v, missing, ctx):
    trade_groups = None
    if "trade_groups" in v:
        trade_groups = list(TradeGroupTag.objects.filter(code__in=v.pop("trade_groups")).order_by("code"))
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"), ctx)
    existing = ctx.find(CraftVillagePage, slug=v["slug"])
    total = v.get("households_total", getattr(existing, "households_total", None))
    in_trade = v.get("households_in_trade", getattr(existing, "households_in_trade", None))
    if total is not None and in_trade is not None and in_trade > total:
        raise RowError(_("số hộ làm nghề lớn hơn tổng số hộ"))
    return _save_page(CraftVillagePage, CraftVillageIndexPage, v, missing, ctx, trade_groups)


def save_artisan(v, missing, ctx):
    if "commune_code" in v:
        v["commune"] = _commune(v.pop("commune_code"), ctx)
    if "craft_village_slug" in v:
        v["craft_village"] = _page(CraftVillagePage, v.pop("craft_village_slug"), _("làng nghề"), ctx)
    return _save_page(ArtisanPage, ArtisanIndexPage, v, missing, ctx)


def save_certificate(v, missing, ctx):
    if "product_slug" in v:
        v["product"] = _page(ProductPage, v.pop("product_slug"), _("sản phẩm"), ctx)
    obj = ctx.find(Certificate, serial=v["serial"])
    revoked_at = v.get("revoked_at", getattr(obj, "revoked_at", None))
    reason = v.get("revoked_reason", getattr(obj, "revoked_reason", ""))
    if revoked_at and not reason:
        raise RowError(_("thu hồi phải có lý do"))
    return _save_record(Certificate, obj, v, missing, ctx, source=CertificateSource.IMPORTED)


SAVERS = {
    "provinces": save_province,
    "communes": save_commune,
    "producers": save_producer,
    "products": save_product,
    "certificates": save_certificate,
    "villages": save_village,
    "artisans": save_artisan,
}
