"""Staff screens of a course in the Wagtail admin (buttons on the course page's header, ``wagtail_hooks``):

- the registrations, with attendance marking (a checkbox per person who held a seat) and cancelling (the seat
  goes to the first person waiting, ``services.cancel``);
- the XLSX export of the registrations (``export.registrations_xlsx``).

Both need permission to edit the course page (``page.permissions_for_user(user).can_edit()``): the registrants'
personal data is shown to the staff who manage the course, nobody else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.page_cache import invalidate

from .choices import RegistrationStatus
from .export import XLSX_CONTENT_TYPE, registrations_xlsx
from .models import CoursePage, Registration
from .services import cancel, mark_attendance, promote


def course_for(request, page_id):
    """The course page ``page_id`` if ``request.user`` may edit it; 404 / 403 otherwise."""
    course = get_object_or_404(CoursePage, pk=page_id)
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return course


def registrations_of(course):
    """Every registration of ``course`` in order of arrival, with the commune and producer (one query)."""
    return Registration.objects.filter(course=course).select_related("commune", "producer").order_by("created_at", "pk")


class RegistrationsView(WagtailAdminTemplateMixin, TemplateView):
    """The registrations of one course; POST ``attended`` (ids ticked among the seated) or ``cancel`` (one id)."""

    template_name = "training/admin/registrations.html"
    header_icon = "group"

    def dispatch(self, request, page_id):
        self.course = course_for(request, page_id)
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Đăng ký: %(course)s") % {"course": self.course.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.course.pk]), "label": self.course.title},
            {"url": "", "label": _("Đăng ký")},
        ]

    def get_context_data(self, **kwargs):
        rows = list(registrations_of(self.course))
        return super().get_context_data(
            course=self.course,
            seated=[r for r in rows if r.status == RegistrationStatus.CONFIRMED],
            waiting=[r for r in rows if r.status == RegistrationStatus.WAITING],
            cancelled=[r for r in rows if r.status == RegistrationStatus.CANCELLED],
            **kwargs,
        )

    def post(self, request, page_id):
        if "promote" in request.POST:
            if not request.POST["promote"].isdigit():
                return HttpResponseBadRequest(_("Yêu cầu không hợp lệ."))
            registration = get_object_or_404(Registration, course=self.course, pk=request.POST["promote"])
            if promote(registration):
                messages.success(request, _("%(name)s được xếp vào lớp.") % {"name": registration.full_name})
            else:
                messages.error(
                    request, _("Lớp đã đủ chỗ: tăng số chỗ của khóa học hoặc hủy một đăng ký trước khi xếp thêm.")
                )
        elif "cancel" in request.POST:
            if not request.POST["cancel"].isdigit():
                return HttpResponseBadRequest(_("Yêu cầu không hợp lệ."))
            registration = get_object_or_404(Registration, course=self.course, pk=request.POST["cancel"])
            promoted = cancel(registration)
            messages.success(request, _("Đã hủy đăng ký %(code)s.") % {"code": registration.code})
            if promoted is not None:
                messages.success(
                    request, _("%(name)s được chuyển từ danh sách chờ vào lớp.") % {"name": promoted.full_name}
                )
        else:
            values = request.POST.getlist("attended")
            ticked = {int(pk) for pk in values if pk.isdigit()}
            attended, ignored = mark_attendance(self.course, ticked)
            ignored += len(values) - len([pk for pk in values if pk.isdigit()])
            invalidate()  # the list of courses shows the number trained (update() sends no save signal)
            messages.success(request, _("Đã lưu điểm danh: %(count)s người tham gia.") % {"count": attended})
            if ignored:
                messages.warning(
                    request,
                    _(
                        "Bỏ qua %(count)s mục không phải người đã có chỗ trong khóa học này "
                        "(chỉ người đã có chỗ mới được điểm danh)."
                    )
                    % {"count": ignored},
                )
        return redirect("training_admin:registrations", page_id=self.course.pk)


def export_registrations(request, page_id):
    """The course's registrations as an XLSX download (safe cells), named after the course's slug."""
    course = course_for(request, page_id)
    response = HttpResponse(registrations_xlsx(course, registrations_of(course)), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dang-ky-{course.slug}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
