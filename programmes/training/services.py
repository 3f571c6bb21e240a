"""Taking a registration for a course: seats in order of arrival, then the waiting list; the confirmation e-mail.

The rule: a course has at most ``capacity`` confirmed registrations. ``register`` counts them and writes the new
row inside one transaction that first locks the course's row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
``IMMEDIATE`` transactions serialise writers), so two requests for the last seat give one seat and one place on
the waiting list, never two seats. One phone number registers once per course (a database constraint).

This module does not import the models (they import the course page's view, which uses it): it reaches them
through the course page it is given.
"""

import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from registry.catalogue.models import Producer

from .choices import RegistrationStatus

# Registration codes: no 0/O, 1/I/L, so a code read aloud on the phone is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6

logger = logging.getLogger(__name__)


class RegistrationRefused(Exception):
    """A registration that cannot be taken; ``message`` is the Vietnamese text shown, ``status`` the HTTP status."""

    def __init__(self, message, status=409):
        super().__init__(str(message))
        self.message = message
        self.status = status


def new_code():
    """A registration code such as ``"DT-7KM3QX"`` (31⁶ ≈ 887 million codes; uniqueness is a constraint)."""
    return "DT-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def closed_message(course):
    """The Vietnamese explanation shown when ``course`` no longer takes registrations."""
    return _("Khóa học này đã hết hạn đăng ký (hạn cuối: %(date)s).") % {
        "date": course.registration_deadline.strftime("%d/%m/%Y")
    }


def register(course, data, today=None):
    """Register a person for ``course`` (a ``CoursePage``) and return the saved ``Registration``.

    ``data``: the cleaned form fields ``full_name``, ``phone`` (normalised), ``email`` (may be ``""``),
    ``producer_name`` (linked to the registry's producer of that name, ``producer_named``), ``commune`` (a ``Commune`` or ``None``). The status is CONFIRMED while seats remain,
    WAITING otherwise. Raises ``RegistrationRefused`` (409) after the deadline or when the phone number already
    holds a registration for the course. The confirmation e-mail is sent after the commit when an address is
    given (``send_confirmation``); a mail server error is logged and never loses the registration."""
    if not course.registration_open(today):
        raise RegistrationRefused(closed_message(course))
    course_model, registration_model = type(course), course.registrations.model
    try:
        with transaction.atomic():
            locked = course_model.objects.select_for_update(of=("self",)).only("pk", "capacity").get(pk=course.pk)
            if (
                registration_model.objects.filter(course=locked, phone=data["phone"])
                .exclude(status=RegistrationStatus.CANCELLED)
                .exists()
            ):
                raise RegistrationRefused(_("Số điện thoại này đã đăng ký khóa học này rồi."))
            promoted = _promote_waiting(locked)  # people waiting come before a newcomer, whatever freed their seat
            taken = registration_model.objects.filter(course=locked, status=RegistrationStatus.CONFIRMED).count()
            status = RegistrationStatus.CONFIRMED if taken < locked.capacity else RegistrationStatus.WAITING
            registration = registration_model.objects.create(
                course_id=course.pk,
                code=_unique_code(registration_model),
                full_name=data["full_name"],
                phone=data["phone"],
                email=data.get("email", ""),
                producer_name=data.get("producer_name", ""),
                producer=producer_named(data.get("producer_name", "")),
                commune=data.get("commune"),
                status=status,
            )
    except IntegrityError as error:  # the same phone a moment earlier in another request
        raise RegistrationRefused(_("Số điện thoại này đã đăng ký khóa học này rồi.")) from error
    _notify_promoted(promoted, course)
    if registration.email:
        transaction.on_commit(lambda: send_confirmation(registration, course))
    return registration


def producer_named(name):
    """The registry's producer whose name is ``name`` (case aside), when exactly one is; else ``None``. A typed name
    that matches nothing is kept as typed in ``Registration.producer_name`` only."""
    if not name.strip():
        return None
    found = list(Producer.objects.filter(name__iexact=name.strip())[:2])
    return found[0] if len(found) == 1 else None


def _unique_code(registration_model):
    for _attempt in range(10):
        code = new_code()
        if not registration_model.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free registration code after 10 attempts")  # 887 million codes: not expected


def _lock(course):
    """The course's row, locked until the end of the transaction (``SELECT … FOR UPDATE``), with its capacity."""
    return type(course).objects.select_for_update(of=("self",)).only("pk", "capacity").get(pk=course.pk)


def _promote_waiting(locked):
    """Give every free seat of ``locked`` (a course row locked by ``_lock``) to the first people waiting, in order
    of arrival. Returns the promoted ``Registration`` list (maybe empty). Call inside the locking transaction."""
    registrations = locked.registrations.model.objects.filter(course_id=locked.pk)
    free = locked.capacity - registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if free <= 0:
        return []
    promoted = list(registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")[:free])
    registrations.filter(pk__in=[r.pk for r in promoted]).update(status=RegistrationStatus.CONFIRMED)
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
    return promoted


def _notify_promoted(promoted, course):
    """After the commit, e-mail each promoted person who gave an address that they now have a seat."""
    for registration in promoted:
        if registration.email:
            transaction.on_commit(lambda r=registration: send_confirmation(r, course, promoted=True))


def fill_seats(course):
    """Give the free seats of ``course`` (after its capacity was raised, a seat was cancelled, …) to the first
    people waiting, under the course's row lock (the one rule of ``register``), and e-mail them after the commit.
    Returns the promoted ``Registration`` list."""
    with transaction.atomic():
        promoted = _promote_waiting(_lock(course))
    _notify_promoted(promoted, course)
    return promoted


def promote(registration):
    """Staff give a seat by hand to ``registration`` (waiting), out of the waiting order, when a seat is free.
    Returns ``True`` when promoted; ``False`` when the course is full or the registration is not waiting."""
    course = registration.course
    with transaction.atomic():
        locked = _lock(course)
        registration.refresh_from_db()
        taken = locked.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if registration.status != RegistrationStatus.WAITING or taken >= locked.capacity:
            return False
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
    _notify_promoted([registration], course)
    return True


def cancel(registration):
    """Cancel ``registration`` (staff): its attendance is cleared (a cancelled registration is never counted as
    trained) and the free seats go to the first people waiting (``fill_seats``'s rule, e-mailed).

    Returns the first promoted ``Registration`` or ``None``. Runs under the same lock as ``register``."""
    course = registration.course
    with transaction.atomic():
        locked = _lock(course)
        registration.refresh_from_db()
        registration.status = RegistrationStatus.CANCELLED
        registration.attended = None
        registration.save(update_fields=["status", "attended"])
        promoted = _promote_waiting(locked)
    _notify_promoted(promoted, course)
    return promoted[0] if promoted else None


def mark_attendance(course, ticked_ids):
    """Save the attendance of ``course``: the confirmed registrations whose id is in ``ticked_ids`` attended, the
    other confirmed ones did not. Ids of another course, or of someone waiting or cancelled, are ignored.
    Returns ``(attended, ignored)``: the number saved as present and the number of ids ignored."""
    seated = course.registrations.filter(status=RegistrationStatus.CONFIRMED)
    valid = set(seated.filter(pk__in=ticked_ids).values_list("pk", flat=True))
    seated.filter(pk__in=valid).update(attended=True)
    seated.exclude(pk__in=valid).update(attended=False)
    return len(valid), len(set(ticked_ids) - valid)


def send_confirmation(registration, course, promoted=False):
    """E-mail the registration's code and the course's dates and place to the address typed, in the language of
    the course page it was made on (``course.locale``: Vietnamese or English; the course's absolute address from
    ``SITE_URL``). ``promoted``: the message says a seat was freed for someone who was waiting. Returns the
    number of messages sent."""
    with translation.override(course.locale.language_code or settings.LANGUAGE_CODE):
        text = render_to_string(
            "training/email/registration.txt",
            {
                "registration": registration,
                "course": course,
                "url": settings.SITE_URL + course.url,
                "promoted": promoted,
            },
        )
    subject, _sep, body = text.strip().partition("\n")
    try:
        return send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [registration.email])
    except Exception:  # the registration is saved and its code shown on screen: a mail failure is only logged
        logger.exception("training: confirmation e-mail for %s not sent", registration.code)
        return 0
