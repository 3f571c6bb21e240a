"""The course page's answer: the course and its registration form (GET), a registration (POST).

POST answers: 200 with the registration code (and the e-mail sent when an address was given); 400 with the form's
Vietnamese messages (nothing saved); 400 for a filled honeypot (nothing saved or sent); 409 when registration has
closed or the phone number is already registered; 429 past the rate limits (``throttling``). The page is never
page-cached (``CoursePage.page_cache_exempt``). This module does not import the models (they import it).
"""

from .forms import RegistrationForm
from .services import RegistrationRefused, closed_message, register
from .throttling import throttled, too_many_requests


def registration_context(course, request):
    """What the course page adds for ``request``: ``(early_response, extra_context, status)``. ``early_response``
    is the 429 answer past the rate limits (else ``None``); ``extra_context`` has ``form``, ``registration_open``,
    ``closed_message``, ``seats_taken``, ``seats_left`` and, after a successful POST, ``registration``."""
    is_open = course.registration_open()
    extra = {"registration_open": is_open, "closed_message": None if is_open else closed_message(course)}
    status = 200
    if request.method != "POST":
        extra["form"] = RegistrationForm() if is_open else None
    else:
        wait = throttled(request)
        if wait:
            return too_many_requests(request, wait), extra, 429
        form = RegistrationForm(request.POST)
        extra["form"] = form
        if not is_open:
            extra["form"], status = None, 409
        elif not form.is_valid():
            status = 400
        else:
            try:
                extra["registration"] = register(course, form.cleaned_data)
                extra["form"] = None
            except RegistrationRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status
    extra["seats_taken"] = course.seats_taken()
    extra["seats_left"] = max(0, course.capacity - extra["seats_taken"])
    return None, extra, status
