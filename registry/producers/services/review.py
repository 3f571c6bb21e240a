"""The center's review of submitted applications (Hồ sơ đăng ký in the Wagtail admin): accept, ask for more
information, reject.

Rules:
- Only competition managers decide (``competitions.manage_competitions``, the "Quản lý bình chọn" role of
  ``core/roles.py``, or a superuser): ``may_review``.
- Transitions, each from its states only (anything else raises ``ReviewRefused`` with a Vietnamese message; views
  answer 409): submitted → more information asked (a message is required, the competition still takes entries: not after its
  closing date, ``applications.closing_problem``, since the producer could no longer answer);
  submitted → accepted; submitted or more information asked → rejected (a reason is required). The producer's
  resubmission (more information asked → submitted) is ``services.applications.submit``.
- Accepting creates the competition entry once: the application row is locked (``select_for_update``) and its
  status checked inside the transaction, ``Application.entry`` is one-to-one and the entries' ``(competition,
  product)`` is unique, so two clicks make one entry and the second gets the refusal. The entry is made by
  ``registry.competitions.services.intake.create_entry`` (the entries' code rule, eligible, ready for jury
  assignment) with the application's form as its description and copies of its dossier files, except the business
  registration (an administrative paper for the center that names the producer; jurors judge the product). A
  product not yet in the catalogue becomes an unpublished catalogue page (registry staff complete and publish it),
  unless staff pick one of the producer's products.
- Every transition is written to the application's history (``ApplicationEvent``: the producer sees the center's
  messages), to the site's audit log (Wagtail's ``ModelLogEntry``, actions ``producers.application.*``), and
  e-mailed to the producer's verified accounts (``recipients``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from registry.catalogue.models import ProductIndexPage, ProductPage
from registry.competitions.choices import CompetitionStatus, DossierKind
from registry.competitions.services.intake import DossierFile, IntakeRefused, create_entry

from ..choices import ApplicationAction, ApplicationStatus, DocumentKind
from ..mail import absolute, send
from ..models import Application, ApplicationDocument, ProducerAccount
from .applications import closing_problem
from .history import record

REVIEW_PERMISSION = "competitions.manage_competitions"
#: Where each kind of file the producer uploads goes in the entry's dossier (``None``: not copied, see above).
DOSSIER_KINDS = {
    DocumentKind.PHOTO: DossierKind.PHOTO,
    DocumentKind.DESCRIPTION: DossierKind.APPLICATION,
    DocumentKind.CERTIFICATE: DossierKind.TEST_REPORT,
    DocumentKind.OTHER: DossierKind.OTHER,
    DocumentKind.BUSINESS_REGISTRATION: None,
}
#: The form's fields copied, with their labels, into the entry's description (what jurors read).
DESCRIPTION_FIELDS = ("description", "materials", "capacity", "market", "quality_documents", "food_safety")


class ReviewRefused(ValidationError):
    """A review action refused by the rules above; ``messages`` hold the Vietnamese reason (views answer 409)."""


def may_review(user):
    """Whether ``user`` may see the queue and decide applications (active, with the managers' permission)."""
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def _locked(application, allowed, refusal):
    """The application re-read under a row lock, with its competition; ``ReviewRefused(refusal)`` unless its
    status is in ``allowed``."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("competition", "producer", "product", "created_by__user")
        .get(pk=application.pk)
    )
    if locked.status not in allowed:
        raise ReviewRefused(refusal % {"status": locked.get_status_display()})
    return locked


def recipients(application):
    """The addresses the center's decisions go to: every verified account acting for the application's producer
    (A–Z), or, if none is left, the account that made the application."""
    emails = sorted(
        {
            email
            for email in ProducerAccount.objects.filter(
                producer_id=application.producer_id, email_verified_at__isnull=False
            ).values_list("user__email", flat=True)
            if email
        }
    )
    if not emails and application.created_by is not None and application.created_by.user.email:
        emails = [application.created_by.user.email]
    return emails


def _notify(application, template, **context):
    """E-mail ``template`` about ``application`` to each of ``recipients``; returns the number sent."""
    link = absolute(reverse("producers:application", args=[application.pk]))
    return sum(
        send(template, email, {"application": application, "link": link, **context})
        for email in recipients(application)
    )


#: Why the center may no longer ask for more information after the closing date (with the deadline's message).
ASK_CLOSED = _("Không đề nghị bổ sung được nữa (cơ sở không còn nộp lại được): chỉ còn tiếp nhận hoặc không tiếp nhận.")
ALREADY = _("Hồ sơ đang ở trạng thái “%(status)s”: không thực hiện được thao tác này.")


def ask_more_info(application, user, message):
    """Send a submitted application back to its producer with ``message`` (what to add or correct): it becomes
    editable again until they resubmit. Returns the application; raises ``ReviewRefused``."""
    message = clean_text(message or "").strip()
    if not message:
        raise ReviewRefused(_("Cần ghi nội dung đề nghị bổ sung."))
    with transaction.atomic():
        application = _locked(application, {ApplicationStatus.SUBMITTED}, ALREADY)
        if application.competition.status != CompetitionStatus.ENTRIES_OPEN:
            raise ReviewRefused(_("Cuộc bình chọn đã hết giai đoạn nhận hồ sơ: chỉ còn tiếp nhận hoặc từ chối."))
        late = closing_problem(application.competition)
        if late:
            raise ReviewRefused([late, ASK_CLOSED])
        application.status = ApplicationStatus.MORE_INFO
        application.save(update_fields=["status", "updated_at"])
        record(application, ApplicationAction.MORE_INFO, user, message)
    _notify(application, "application_more_info", message=message)
    return application


def reject(application, user, reason):
    """Reject a submitted application (or one waiting for more information) with ``reason``; the product's place
    in the competition is freed. Returns the application; raises ``ReviewRefused``."""
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ReviewRefused(_("Cần ghi lý do không tiếp nhận."))
    with transaction.atomic():
        application = _locked(application, {ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO}, ALREADY)
        application.status = ApplicationStatus.REJECTED
        application.save(update_fields=["status", "updated_at"])
        record(application, ApplicationAction.REJECT, user, reason)
    _notify(application, "application_rejected", reason=reason)
    return application


def entry_description(application):
    """The registration form as the entry's description: one "label: text" paragraph per filled field."""
    parts = []
    for name in DESCRIPTION_FIELDS:
        text = str(getattr(application, name) or "").strip()
        if text:
            parts.append(f"{Application._meta.get_field(name).verbose_name.capitalize()}: {text}")
    return "\n\n".join(parts)


def dossier_files(application):
    """The application's current files that go into the entry's dossier, as ``DossierFile`` items."""
    documents = ApplicationDocument.objects.current().filter(application=application).order_by("kind", "uploaded_at")
    return [
        DossierFile(kind=DOSSIER_KINDS[document.kind], original_name=document.original_name, file=document.file)
        for document in documents
        if DOSSIER_KINDS.get(document.kind)
    ]


def _catalogue_product(application):
    """An unpublished catalogue page for a product the application describes and the catalogue lacks."""
    index = ProductIndexPage.objects.first()
    if index is None:
        raise ReviewRefused(_("Chưa có trang danh mục sản phẩm để tạo sản phẩm mới; hãy chạy setup_site."))
    page = ProductPage(
        title=application.product_name,
        product_group=application.product_group,
        producer=application.producer,
        summary=application.description[:500],
        materials=application.materials,
        live=False,
    )
    return index.add_child(instance=page)


def accept(application, user, product=None):
    """Accept a submitted application: create its competition entry (see the module's rules) and link it.
    ``product``: for an application of a product not in the catalogue, one of the producer's catalogue products
    to enter instead of a new unpublished page. Returns the application (``entry`` set); raises
    ``ReviewRefused``."""
    with transaction.atomic():
        application = _locked(application, {ApplicationStatus.SUBMITTED}, ALREADY)
        if product is not None and product.producer_id != application.producer_id:
            raise ReviewRefused(_("Sản phẩm được chọn không thuộc cơ sở nộp hồ sơ."))
        chosen = application.product or product
        if chosen is not None and chosen != application.product:
            taken = Application.objects.active().filter(competition=application.competition, product=chosen)
            if taken.exclude(pk=application.pk).exists():
                raise ReviewRefused(_("Sản phẩm được chọn đã có hồ sơ đăng ký khác trong cuộc bình chọn."))
        try:
            with transaction.atomic():
                chosen = chosen or _catalogue_product(application)
                entry = create_entry(
                    application.competition,
                    chosen,
                    product_group=application.product_group,
                    description=entry_description(application),
                    documents=dossier_files(application),
                )
        except IntakeRefused as refused:
            raise ReviewRefused(refused.messages) from refused
        application.product, application.entry = chosen, entry
        application.status = ApplicationStatus.ACCEPTED
        application.save(update_fields=["product", "entry", "status", "updated_at"])
        record(application, ApplicationAction.ACCEPT, user, entry=entry.code)
    _notify(application, "application_accepted", entry=entry)
    return application
