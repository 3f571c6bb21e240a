"""Online applications to competitions: eligibility, drafts, dossier files, submission.

Rules (Circular 26/2014/TT-BCT as amended; the competition rules themselves are in
``registry.competitions.eligibility``, written once for staff-made entries too):
- The competition accepts entries today: status "entries open" and today within its entry window (the deadline is
  the last day, local time).
- The producer's kind is one the Circular names.
- A regional competition needs a valid provincial certificate of the product, a national one a valid regional
  certificate (a product not yet in the catalogue has none).
- One application per product and competition: no other application that is not rejected, and no entry made by
  staff, for the same catalogue product (or, for a product not in the catalogue, the same name for the producer).
- Drafts are saved only when eligible; they are checked again, with the deadline, on submission, and a submission
  needs every required field of the form, the commitment, and at least the required kinds of files.
- The closing date (``entries_open_until``, the last day) ends every change by the producer (a draft's creation,
  saves, file uploads and removals, submission and resubmission) and the center's request for more information
  (``services.review``): ``closing_problem`` is the one rule; accepting and rejecting stay possible after it.
  When the center asks for more information (before that date) the application is editable again until the closing
  date and resubmitted with the same code.
  Every submission is kept as an ``ApplicationVersion`` (the form's values and its files); a file removed after it
  was submitted is only marked removed, so each version stays readable by staff.
- Every change is written to the application's history (``ApplicationEvent``) and to the site's audit log
  (``services.history.record``), as the center's decisions (``services.review``) are.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.text import fold
from registry.competitions.choices import CompetitionStatus
from registry.competitions.eligibility import (
    BUSINESS_REGISTRATION,
    PHOTOS,
    dossier_requirements,
    has_prior_certificate,
    producer_kind_eligible,
    required_prior_level,
)
from registry.competitions.models import Competition, Entry

from ..choices import ApplicationAction, ApplicationStatus, DocumentKind
from ..mail import absolute, send
from ..models import Application, ApplicationDocument, ApplicationVersion
from .history import record
from .uploads import check_upload, original_name

FORM_FIELDS = (
    "product_name", "product_group", "description", "materials", "capacity", "market",
    "quality_documents", "food_safety", "ip_statement", "commitment",
)  # fmt: skip
#: The dossier kind that meets each document need of ``registry.competitions.eligibility.dossier_requirements``.
DOCUMENT_NEEDS = {PHOTOS: DocumentKind.PHOTO, BUSINESS_REGISTRATION: DocumentKind.BUSINESS_REGISTRATION}


class Refused(ValidationError):
    """An application action refused by the rules above; ``messages`` are the Vietnamese reasons (views: 409)."""


class Incomplete(Refused):
    """A submission refused only because the form or the files are incomplete (``missing``): a validation error the
    producer corrects on the page, answered 400 (``Refused`` is a wrong state or a conflict, 409)."""


def entries_closed(competition, today=None):
    """Whether ``competition`` has stopped taking entries for good: its deadline (``entries_open_until``, the last
    day, local time) has passed, or it has moved on (scoring and after). A competition not yet open is not closed."""
    today = today or timezone.localdate()
    if competition.status in (CompetitionStatus.DRAFT, CompetitionStatus.ENTRIES_OPEN):
        return bool(
            competition.status == CompetitionStatus.ENTRIES_OPEN
            and competition.entries_open_until
            and today > competition.entries_open_until
        )
    return True


def deadline_problem(competition, today=None):
    """Why ``competition`` does not accept applications today (a Vietnamese message naming the deadline when it
    has passed: "Hạn nộp hồ sơ đã kết thúc ngày 30/11/2026."), or ``None`` when it does."""
    today = today or timezone.localdate()
    if entries_closed(competition, today):
        if competition.entries_open_until:
            return _("Hạn nộp hồ sơ đã kết thúc ngày %(date)s.") % {
                "date": date_format(competition.entries_open_until, "d/m/Y")
            }
        return _("Cuộc bình chọn này đã thôi nhận hồ sơ.")
    if competition.status != CompetitionStatus.ENTRIES_OPEN:
        return _("Cuộc bình chọn này không nhận hồ sơ.")
    if competition.entries_open_from and today < competition.entries_open_from:
        return _("Chưa đến ngày nhận hồ sơ (từ %(date)s).") % {
            "date": date_format(competition.entries_open_from, "d/m/Y")
        }
    return None


def closing_problem(competition, today=None):
    """Why nothing may change any more in ``competition``'s applications (producer's edits, uploads, removals,
    (re)submission; the center's request for more information): the deadline message once ``entries_closed``,
    else ``None``."""
    return deadline_problem(competition, today) if entries_closed(competition, today) else None


def _duplicate(competition, producer, product, product_name, exclude_pk):
    others = Application.objects.active().filter(competition=competition).exclude(pk=exclude_pk)
    if product is not None:
        return (
            others.filter(product=product).exists()
            or Entry.objects.filter(competition=competition, product=product).exists()
        )
    folded = fold(product_name)
    names = others.filter(producer=producer, product__isnull=True).values_list("product_name", flat=True)
    return bool(folded) and any(fold(name) == folded for name in names)


def eligibility_problems(competition, producer, product=None, product_name="", exclude_pk=None, today=None):
    """Every reason ``producer`` may not apply with ``product`` (a catalogue ``ProductPage``, or ``None`` and
    ``product_name`` for a product not in the catalogue) to ``competition`` today, the deadline included, as a list
    of Vietnamese messages; empty when it may."""
    problems = []
    late = deadline_problem(competition, today)
    if late:
        problems.append(late)
    if not producer_kind_eligible(producer.kind):
        problems.append(_("Loại hình của cơ sở không thuộc đối tượng được tham gia bình chọn."))
    if product is not None and product.producer_id != producer.pk:
        problems.append(_("Sản phẩm không thuộc cơ sở của bạn."))
    if not has_prior_certificate(competition, product, today):
        problems.append(
            _("Cuộc bình chọn %(level)s cần giấy chứng nhận %(prior)s còn hiệu lực của sản phẩm.")
            % {
                "level": competition.get_level_display().lower(),
                "prior": required_prior_level(competition).label.lower(),
            }
        )
    if _duplicate(competition, producer, product, product_name, exclude_pk):
        problems.append(_("Sản phẩm này đã có hồ sơ trong cuộc bình chọn."))
    return problems


def open_competitions(today=None):
    """Competitions a producer may apply to today (``CompetitionQuerySet.open_for_entries``), by deadline."""
    return Competition.objects.open_for_entries(today).order_by("entries_open_until", "name")


def prefill(product):
    """The form's initial values from a catalogue product (name, group, summary, materials)."""
    if product is None:
        return {}
    return {
        "product_name": product.title,
        "product_group": product.product_group,
        "description": product.summary,
        "materials": product.materials,
    }


def _refuse_unless_editable(application):
    if not application.is_editable:
        raise Refused(_("Hồ sơ đã nộp, không sửa được."))


def create_draft(account, competition, data, product=None):
    """Save a new draft for ``account``'s producer; return it. Raises ``Refused`` with the eligibility problems."""
    producer = account.producer
    problems = eligibility_problems(competition, producer, product, data.get("product_name", ""))
    if problems:
        raise Refused(problems)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                competition=competition,
                producer=producer,
                product=product,
                created_by=account,
                **{name: data.get(name, Application._meta.get_field(name).get_default()) for name in FORM_FIELDS},
            )
            record(application, ApplicationAction.CREATE, account.user)
    except IntegrityError as error:  # a second request for the same product won the race (one per product)
        raise Refused([_("Sản phẩm này đã có hồ sơ trong cuộc bình chọn.")]) from error
    return application


def save_draft(application, data, user):
    """Update an editable application's form from ``data``; return it."""
    _refuse_unless_editable(application)
    problems = eligibility_problems(
        application.competition,
        application.producer,
        application.product,
        data.get("product_name", ""),
        exclude_pk=application.pk,
    )
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        for name in FORM_FIELDS:
            setattr(application, name, data.get(name, getattr(application, name)))
        application.save()
        record(application, ApplicationAction.SAVE, user)
    return application


def _locked_editable(application):
    """The application's row locked until the transaction ends (uploads, removals and (re)submission of one
    application happen one after the other), refused unless it is still editable and its competition still takes
    entries (``deadline_problem``: after the closing date a draft and an application sent back for more information
    alike)."""
    locked = Application.objects.select_for_update(of=("self",)).select_related("competition").get(pk=application.pk)
    _refuse_unless_editable(locked)
    late = deadline_problem(locked.competition)
    if late:
        raise Refused(late)
    return locked


def add_document(application, kind, upload, user):
    """Keep ``upload`` as a dossier file of ``kind``; return the ``ApplicationDocument``. Raises
    ``ValidationError`` for a refused file (``uploads.check_upload``), ``Refused`` for a submitted application, a
    draft past its deadline, or one with ``PRODUCER_DOSSIER_MAX_FILES`` files (counted under the row lock: parallel
    uploads cannot pass the limit, nor land between a submission and its version)."""
    check_upload(upload)
    with transaction.atomic():
        application = _locked_editable(application)
        if application.documents.current().count() >= settings.PRODUCER_DOSSIER_MAX_FILES:
            raise Refused(_("Mỗi hồ sơ có tối đa %(n)s tệp.") % {"n": settings.PRODUCER_DOSSIER_MAX_FILES})
        document = ApplicationDocument.objects.create(
            application=application, kind=kind, file=upload, original_name=original_name(upload), size=upload.size
        )
        record(application, ApplicationAction.UPLOAD, user, document.original_name)
    return document


def remove_document(document, user):
    """Take a dossier file out of an editable application: deleted with its stored file when no submitted version
    holds it, else only marked removed (staff still read the versions that held it)."""
    with transaction.atomic():
        application = _locked_editable(document.application)
        name = document.original_name
        if document.versions.exists():
            document.removed_at = timezone.now()
            document.save(update_fields=["removed_at"])
        else:
            document.file.delete(save=False)
            document.delete()
        record(application, ApplicationAction.REMOVE_FILE, user, name)


def missing(application, documents=None):
    """What the application still lacks before it can be submitted: the labels of empty required fields, the
    commitment, and the required kinds of files without one (Vietnamese, in form order), as the one completeness
    rule ``dossier_requirements`` says for the application's product group (a food product also needs its
    quality standard and food-safety certificate). ``documents``: its current files when already loaded (the
    review queue prefetches them), else read here (one query)."""
    fields, needs = dossier_requirements(application.product_group)
    items = [
        Application._meta.get_field(name).verbose_name
        for name in fields
        if not str(getattr(application, name) or "").strip()
    ]
    if not application.commitment:
        items.append(Application._meta.get_field("commitment").verbose_name)
    if documents is None:
        documents = application.documents.current()
    present = {document.kind for document in documents}
    items += [DOCUMENT_NEEDS[need].label for need in needs if DOCUMENT_NEEDS[need] not in present]
    return items


def snapshot(application, user):
    """Keep what ``application`` holds now (form values and current files) as its next ``ApplicationVersion``."""
    last = application.versions.aggregate(m=models.Max("number"))["m"] or 0
    version = ApplicationVersion.objects.create(
        application=application,
        number=last + 1,
        submitted_at=application.submitted_at,
        submitted_by=user if user.is_authenticated else None,
        data={name: getattr(application, name) for name in FORM_FIELDS},
    )
    version.documents.set(application.documents.current())
    return version


def submit(application, user):
    """Submit a draft, or resubmit an application the center sent back for more information: checks eligibility
    (the deadline included) and then completeness again (``Incomplete``); a first submission gets the application's
    code (``DK-<year>-<nnnn>``). Keeps the submitted version, records the step in both logs and e-mails the
    receipt. Returns the application; raises ``Refused`` with the reasons."""
    with transaction.atomic():
        locked_competition = Competition.objects.select_for_update().get(pk=application.competition_id)
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("producer", "product")
            .get(pk=application.pk)
        )
        application.competition = locked_competition
        if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO):
            raise Refused(_("Hồ sơ đã nộp."))
        first = application.status == ApplicationStatus.DRAFT
        problems = eligibility_problems(
            locked_competition,
            application.producer,
            application.product,
            application.product_name,
            exclude_pk=application.pk,
        )
        lacking = missing(application)
        if lacking:
            problems.append(_("Hồ sơ còn thiếu: %(items)s.") % {"items": ", ".join(str(item) for item in lacking)})
        if problems:
            # only what is missing: the producer corrects the form (400); any other reason is a conflict (409)
            raise (Incomplete if len(problems) == 1 and lacking else Refused)(problems)
        fields = ["status", "submitted_at", "updated_at"]
        if first:
            last = Application.objects.filter(competition=locked_competition).aggregate(m=models.Max("number"))["m"]
            application.number = (last or 0) + 1
            application.code = f"DK-{locked_competition.year}-{application.number:04d}"
            fields += ["number", "code"]
        application.status, application.submitted_at = ApplicationStatus.SUBMITTED, timezone.now()
        application.save(update_fields=fields)
        version = snapshot(application, user)
        action = ApplicationAction.SUBMIT if first else ApplicationAction.RESUBMIT
        record(application, action, user, version=version.number)
    link = absolute(reverse("producers:application", args=[application.pk]))
    send("application_submitted", user.email, {"application": application, "link": link, "version": version})
    return application
