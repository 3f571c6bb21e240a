"""Corrections to the public record proposed by a producer account (issue 15, item 6).

A signed-in producer proposes new values for its producer profile (``PRODUCER_FIELDS`` and a new logo) or for one of
its products (``PRODUCT_FIELDS``, a new main picture, new gallery pictures). Nothing public changes: the proposal is
saved as a Wagtail **revision** of the live record (``Producer`` is a snippet with ``WorkflowMixin``/
``DraftStateMixin``/``RevisionMixin``; ``ProductPage`` a page) and the workflow **"Duyệt đề nghị sửa của cơ sở"**
(``WORKFLOW_NAME``: one ``GroupApprovalTask`` for the group "Cán bộ sổ đăng ký", ``core.roles.REGISTRY_STAFF``) is
started on it. Staff review it in the admin like any moderated change ("Đang chờ bạn duyệt" on the dashboard, the
page or snippet editor, the comparison of revisions); approving publishes the revision, rejecting ("Yêu cầu sửa")
with a comment leaves the live record as it was and the comment is shown to the producer (``proposal_states``).

Rules:

* only the account's own producer and its own products (``access.own_products``): another producer's record is
  not found (the views answer 404);
* one proposal at a time per record: while one waits, another is refused (``CorrectionRefused``); a rejected one is
  closed (its workflow cancelled) when the producer proposes again;
* a proposal is built on the **live** record, never on a draft staff may have left, and a rejected proposal leaves
  the record's latest revision pointing at the live content again (``restore_live_after_rejection``), so staff do
  not reopen the producer's rejected text in the editor;
* texts are cleaned by the forms (``core.text.clean_text``: NFC, no control or invisible characters) and again at the
  database boundary (``core.cleaning``, revisions included); spreadsheet exports neutralize formulas
  (``core.cells.safe_cell``);
* pictures: JPEG, PNG or WebP whose first bytes match their extension, at most ``PRODUCER_DOSSIER_MAX_BYTES`` each
  (the dossier limit), at most ``MAX_NEW_PHOTOS`` per proposal, readable by Pillow; stored as Wagtail images in the
  collection ``PHOTO_COLLECTION`` under a random file name.

A proposal never reaches the public search: ``save_revision`` writes only its bookkeeping fields, and
``FoldedSearchMixin`` folds the stored row on such a partial save (search/mixins.py, tests/test_search_drafts.py).
"""

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Page,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import workflow_rejected
from wagtail.users.models import UserProfile

from core.roles import REGISTRY_STAFF
from core.text import clean_text
from registry.catalogue.models import Producer, ProductGalleryImage, ProductPage

from .services.uploads import check_upload, extension

WORKFLOW_NAME = "Duyệt đề nghị sửa của cơ sở"
TASK_NAME = "Cán bộ sổ đăng ký duyệt"
PHOTO_COLLECTION = "Ảnh do cơ sở gửi"
PRODUCER_FIELDS = ("name", "address", "phone", "email", "website", "description")
PRODUCT_FIELDS = ("summary", "materials", "packaging", "where_to_buy")
PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
MAX_NEW_PHOTOS = 6


class CorrectionRefused(Exception):
    """A proposal that cannot be made; ``str()`` is a Vietnamese message for the producer."""


# What the dashboard says about a record's latest proposal.
WAITING, APPROVED, REJECTED, WITHDRAWN = "waiting", "approved", "rejected", "withdrawn"
STATE_LABELS = {
    WAITING: _("Đang chờ duyệt"),
    APPROVED: _("Đã duyệt, đã công bố"),
    REJECTED: _("Không được chấp nhận"),
    WITHDRAWN: _("Đã đóng"),
}


@dataclass(frozen=True)
class ProposalState:
    """The latest proposal on one record: ``state`` (``WAITING`` … ``WITHDRAWN``), its ``label``, when it was sent
    (``sent_at``, aware datetime), when it was decided (``decided_at`` or ``None``) and the reviewer's ``comment``."""

    state: str
    sent_at: object
    decided_at: object
    comment: str

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def waiting(self):
        return self.state == WAITING


# ---------------------------------------------------------------------------------------------------------- workflow


@transaction.atomic
def ensure_workflow():
    """The corrections workflow, created on first use (and by ``setup_site``): one group approval task for the
    registry staff group, assigned to the ``Producer`` snippet (product pages keep their section's workflow; a
    proposal starts this one explicitly). Idempotent; returns the ``Workflow``."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        group, _created = Group.objects.get_or_create(name=REGISTRY_STAFF.name)
        task.groups.set([group])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    producer_type = ContentType.objects.get_for_model(Producer)
    WorkflowContentType.objects.get_or_create(content_type=producer_type, defaults={"workflow": workflow})
    return workflow


def _close_rejected(obj, user):
    """Cancel a rejected (``needs changes``) proposal on ``obj`` so a new one can start; refuse while one waits."""
    state = obj.current_workflow_state
    if state is None:
        return
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise CorrectionRefused(_("Đề nghị trước của bạn đang chờ cán bộ duyệt; hãy chờ kết quả rồi gửi đề nghị mới."))
    state.cancel(user=user)


def _quiet_admin_mail(user):
    """Turn off Wagtail's approval/rejection e-mails to ``user`` (a producer account): they point at admin pages a
    producer cannot open; the dashboard shows the outcome and the reviewer's comment instead."""
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def _submit(obj, user):
    """Save ``obj``'s in-memory values as a revision by ``user`` and start the corrections workflow; returns the
    ``Revision``."""
    _quiet_admin_mail(user)
    revision = obj.save_revision(user=user, log_action=True)
    ensure_workflow().start(obj, user)
    return revision


# ---------------------------------------------------------------------------------------------------------- pictures


def check_photo(upload):
    """Raise ``ValidationError`` (Vietnamese) unless ``upload`` is a picture the portal accepts (type, size, first
    bytes as for dossier files, and one Pillow can read)."""
    if extension(upload.name) not in PHOTO_EXTENSIONS:
        raise ValidationError(_("Chỉ nhận ảnh JPG, PNG hoặc WebP."), code="type")
    check_upload(upload)
    from PIL import Image as PillowImage  # Pillow is a Wagtail dependency; imported where pictures are read

    try:
        with PillowImage.open(upload) as picture:
            picture.verify()
    except Exception as error:  # Pillow raises many types for a broken file
        raise ValidationError(_("Không đọc được ảnh này."), code="broken") from error
    finally:
        upload.seek(0)


def _photo_collection():
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=PHOTO_COLLECTION).first()
    return found or root.add_child(name=PHOTO_COLLECTION)


def store_photo(upload, title, user):
    """A Wagtail image from ``upload`` (already checked by ``check_photo``) titled ``title``, in the collection
    ``PHOTO_COLLECTION``, under a random file name (the original name never reaches a URL)."""
    upload.name = f"{uuid.uuid4().hex}.{extension(upload.name)}"
    image = get_image_model()(
        title=clean_text(title)[:255], file=upload, collection=_photo_collection(), uploaded_by_user=user
    )
    image.save()
    return image


# --------------------------------------------------------------------------------------------------------- proposals


def _changed(obj, fields, data):
    return any(getattr(obj, name) != data.get(name, getattr(obj, name)) for name in fields)


@transaction.atomic
def propose_producer(account, data, logo=None):
    """Propose ``data`` (a dict of ``PRODUCER_FIELDS``, cleaned) and an optional new ``logo`` upload for the
    account's producer. Returns the ``Revision``; raises ``CorrectionRefused`` when nothing changes or a proposal is
    already waiting. The live row is locked while the proposal is made."""
    producer = Producer.objects.select_for_update().get(pk=account.producer_id)
    _close_rejected(producer, account.user)
    if not _changed(producer, PRODUCER_FIELDS, data) and logo is None:
        raise CorrectionRefused(_("Bạn chưa thay đổi thông tin nào."))
    for name in PRODUCER_FIELDS:
        if name in data:
            setattr(producer, name, data[name])
    if logo is not None:
        producer.logo = store_photo(logo, f"Logo {producer.name}", account.user)
    return _submit(producer, account.user)


@transaction.atomic
def propose_product(account, product, data, hero=None, photos=(), captions=None):
    """Propose ``data`` (``PRODUCT_FIELDS``), an optional new main picture ``hero`` and new gallery ``photos``
    (uploads, appended after the live gallery, with ``captions``) for ``product``, which must be one of the
    account's producer's products (else ``ProductPage.DoesNotExist``). Returns the ``Revision``; raises
    ``CorrectionRefused`` as ``propose_producer`` does, or when more than ``MAX_NEW_PHOTOS`` pictures are sent."""
    page = ProductPage.objects.select_for_update().get(pk=product.pk, producer_id=account.producer_id)
    _close_rejected(page, account.user)
    photos = list(photos)
    if len(photos) > MAX_NEW_PHOTOS:
        raise CorrectionRefused(_("Mỗi lần gửi tối đa %(n)s ảnh.") % {"n": MAX_NEW_PHOTOS})
    if not _changed(page, PRODUCT_FIELDS, data) and hero is None and not photos:
        raise CorrectionRefused(_("Bạn chưa thay đổi thông tin nào."))
    for name in PRODUCT_FIELDS:
        if name in data:
            setattr(page, name, data[name])
    if hero is not None:
        page.hero_image = store_photo(hero, page.title, account.user)
    captions = captions or []
    gallery = list(page.gallery_images.all())
    for index, upload in enumerate(photos):
        caption = clean_text(captions[index] if index < len(captions) else "")[:255]
        image = store_photo(upload, caption or page.title, account.user)
        gallery.append(ProductGalleryImage(image=image, caption=caption))
    page.gallery_images = gallery  # in memory only (modelcluster): it reaches the revision, not the live page
    return _submit(page, account.user)


# ------------------------------------------------------------------------------------------------------ what is shown


def proposal_states(producer, products):
    """``{("producer", pk) | ("product", pk): ProposalState}``: the latest proposal of the corrections workflow on
    ``producer`` and on each of ``products`` (a list of pages). One query, whatever the number of records and of
    past proposals kept per record (only the newest per record is used)."""
    producer_type = ContentType.objects.get_for_model(Producer)
    page_type = ContentType.objects.get_for_model(Page)
    wanted = Q(base_content_type=producer_type, object_id=str(producer.pk))
    if products:
        wanted |= Q(base_content_type=page_type, object_id__in=[str(page.pk) for page in products])
    states = (
        WorkflowState.objects.filter(wanted, workflow__name=WORKFLOW_NAME)
        .select_related("current_task_state")
        .order_by("-created_at", "-pk")
    )
    result = {}
    for state in states:
        key = ("producer" if state.base_content_type_id == producer_type.pk else "product", int(state.object_id))
        if key not in result:
            result[key] = _describe(state)
    return result


def _describe(state):
    task = state.current_task_state
    rejected = task is not None and task.status == TaskState.STATUS_REJECTED
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        kind = WAITING
    elif state.status == WorkflowState.STATUS_APPROVED:
        kind = APPROVED
    elif rejected:
        kind = REJECTED
    else:
        kind = WITHDRAWN
    decided = task.finished_at if task is not None and kind != WAITING else None
    comment = task.comment if task is not None and kind in (REJECTED, APPROVED) else ""
    return ProposalState(state=kind, sent_at=state.created_at, decided_at=decided, comment=comment)


def dashboard(producer, products):
    """What the dashboard's "Đề nghị sửa thông tin" section shows: ``{"profile": ProposalState | None, "items":
    [(product, ProposalState | None)]}`` for ``producer`` and its ``products`` (the list the dashboard already has).
    One query (``proposal_states``)."""
    states = proposal_states(producer, products)
    return {
        "profile": states.get(("producer", producer.pk)),
        "items": [(page, states.get(("product", page.pk))) for page in products],
    }


# --------------------------------------------------------------------------------------------------------- signals


def restore_live_after_rejection(sender, instance, user=None, **kwargs):
    """Receiver of Wagtail's ``workflow_rejected``: when a proposal of the corrections workflow is rejected, the
    record's latest revision points at its live revision again (the rejected one stays in the history), so that
    staff reopening the record edit the public content, not the producer's rejected text. Other workflows are left
    alone."""
    if instance.workflow_id is None or instance.workflow.name != WORKFLOW_NAME:
        return
    obj = instance.content_object
    obj = getattr(obj, "specific", obj)  # pages come back as the base ``Page``
    if obj is None or not obj.live:
        return
    live_revision_id = obj.live_revision_id
    if live_revision_id is None:  # published without a revision (an import, a script): record the live content
        fresh = type(obj).objects.get(pk=obj.pk)
        live_revision_id = fresh.save_revision(user=None, clean=False).pk
    values = {"latest_revision_id": live_revision_id, "live_revision_id": live_revision_id}
    values["has_unpublished_changes"] = False
    model = type(obj)
    if isinstance(obj, Page):
        values["draft_title"] = obj.title
        model = Page
    model.objects.filter(pk=obj.pk).update(**values)


def connect_signals():
    """Connect ``restore_live_after_rejection`` (called from ``ProducersConfig.ready``)."""
    workflow_rejected.connect(restore_live_after_rejection, dispatch_uid="producers-corrections-rejected")


__all__ = [
    "CorrectionRefused",
    "MAX_NEW_PHOTOS",
    "PRODUCER_FIELDS",
    "PRODUCT_FIELDS",
    "ProposalState",
    "check_photo",
    "dashboard",
    "ensure_workflow",
    "propose_producer",
    "propose_product",
    "proposal_states",
]
