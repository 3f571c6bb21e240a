"""Training courses (``/dao-tao/`` and ``/dao-tao/<slug>/``, Wagtail pages with review and scheduling), the
registrations people make online (private: never on a public page, in open data, the API or search), and the
directory of industrial-promotion collaborators by commune (a snippet under Snippets → Cộng tác viên khuyến công).

Training workers and staff is a content of industrial promotion (Decree 45/2012/NĐ-CP, Art. 4, as amended by
Decree 235/2025/NĐ-CP); a collaborator network in every commune is the seed plan's wish (domain.md).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.sorting import SortKeyMixin
from core.text import clean_text, person_sort_key
from core.translation import TranslatedPageMixin
from registry.producers.forms import normalize_phone
from search.mixins import FoldedSearchMixin

from .choices import CourseKind, RegistrationStatus
from .forms import CleanPageForm, CollaboratorForm, CoursePageForm
from .views import registration_context


def trained_condition(prefix=""):
    """The one definition of a person trained, as a ``Q`` on registrations (``prefix``: the path to them, e.g.
    ``"registrations__"`` from a course): a confirmed registration (a seat, not waiting, not cancelled) marked
    attended by staff. Used by the course list, the dashboard (``stats``) and nothing else counts otherwise."""
    return models.Q(**{f"{prefix}status": RegistrationStatus.CONFIRMED, f"{prefix}attended": True})


CAPACITY_MESSAGE = _("Số chỗ phải từ 1 trở lên.")
DATES_MESSAGE = _("Ngày kết thúc không được trước ngày bắt đầu.")
CONSENT_MESSAGE = _("Chỉ công khai liên hệ khi đã ghi ngày người này đồng ý.")


class CoursePage(TranslatedPageMixin, TitleSlugMixin, SortKeyMixin, FoldedSearchMixin, Page):
    """One course (đào tạo nghề or tập huấn) with its registration form; managed under Pages → Đào tạo, with the
    site's moderation workflow and scheduled publishing. Registrations are listed, exported (XLSX) and marked
    attended from the page's admin buttons (``admin_views``)."""

    page_cache_exempt = (
        "carries the registration form (a CSRF cookie) and the live number of seats left; the list /dao-tao/ is cached"
    )

    kind = models.CharField(
        _("loại khóa học"),
        max_length=20,
        choices=CourseKind.choices,
        default=CourseKind.TRAINING,
        help_text=_("Đào tạo nghề (nhiều ngày, một nghề) hay tập huấn (một, hai ngày)."),
    )
    trade = models.CharField(_("nghề"), max_length=120, help_text=_("Ví dụ: Dệt thổ cẩm, Rang xay cà phê."))
    summary = models.TextField(
        _("nội dung chính"), help_text=_("Chủ đề và nội dung khóa học, một hoặc hai câu hiện trong danh sách.")
    )
    start_date = models.DateField(_("ngày bắt đầu"), help_text=_("Ngày khai giảng."))
    end_date = models.DateField(
        _("ngày kết thúc"), help_text=_("Ngày bế giảng; số người được đào tạo được tính sau ngày này.")
    )
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text=_("Xã/phường nơi tổ chức lớp."),
    )
    venue = models.CharField(_("địa điểm"), max_length=255, help_text=_("Ví dụ: Nhà văn hóa làng Phung, xã Ia Grai."))
    trainer = models.CharField(
        _("giảng viên"), max_length=200, blank=True, help_text=_("Tên và đơn vị của giảng viên, nghệ nhân hướng dẫn.")
    )
    capacity = models.PositiveIntegerField(
        _("số chỗ"), help_text=_("Khi đủ số này, người đăng ký sau vào danh sách chờ.")
    )
    audience = models.CharField(
        _("đối tượng"), max_length=255, blank=True, help_text=_("Ví dụ: Lao động các cơ sở dệt thổ cẩm trong xã.")
    )
    fee = models.PositiveIntegerField(
        _("học phí (đồng)"), default=0, help_text=_("Để 0 nếu miễn phí (kinh phí khuyến công chi trả).")
    )
    registration_deadline = models.DateField(
        _("hạn đăng ký"), help_text=_("Nhận đăng ký đến hết ngày này (giờ Việt Nam).")
    )
    body = RichTextField(
        _("chi tiết"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        help_text=_("Chương trình học, những gì học viên cần mang theo, chế độ hỗ trợ."),
    )

    base_form_class = CoursePageForm
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("trade"),
        index.SearchField("search_folded"),
        index.FilterField("start_date"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("trade"), FieldPanel("summary"), FieldPanel("audience")],
            heading=_("Nội dung"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("commune"),
                FieldPanel("venue"),
                FieldPanel("trainer"),
            ],
            heading=_("Thời gian, địa điểm"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("fee"), FieldPanel("registration_deadline")], heading=_("Đăng ký")
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["training.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("khóa đào tạo")
        verbose_name_plural = _("khóa đào tạo")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="course_capacity_at_least_one",
                violation_error_message=CAPACITY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="course_dates_order",
                violation_error_message=DATES_MESSAGE,
            ),
        ]

    def clean(self):
        """The database's rules as field errors (never a constraint's name): at least one seat, the end on or after
        the start; and the registration deadline not after the start (registration closes when the course
        starts). Raises ``ValidationError`` keyed by field."""
        super().clean()
        errors = {}
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = CAPACITY_MESSAGE
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = DATES_MESSAGE
        if self.start_date and self.registration_deadline and self.registration_deadline > self.start_date:
            errors["registration_deadline"] = _("Hạn đăng ký không được sau ngày bắt đầu khóa học.")
        if errors:
            raise ValidationError(errors)

    def folded_source_texts(self):
        return [self.title, self.trade, self.summary, self.venue]

    def registration_open(self, today=None):
        """Whether registrations are accepted on ``today`` (default: today in the site's time zone): until the end
        of the deadline day, and never once the course has started."""
        today = today or timezone.localdate()
        return today <= self.registration_deadline and today < self.start_date

    def seats_taken(self):
        """The number of confirmed registrations (one query; 0 for a page not saved yet, e.g. a first preview)."""
        if self.pk is None:
            return 0
        return self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()

    def serve(self, request, *args, **kwargs):
        """GET: the course and its form; POST: a registration (``views.registration_context``), answered 200 with
        the registration code, 400/409 with a Vietnamese message (nothing saved), 429 past the rate limits. Never
        stored by a cache: the form carries a CSRF token and the seats left change with every registration."""
        early, extra, status = registration_context(self, request)
        if early is not None:
            return early
        response = super().serve(request, *args, training=extra, **kwargs)
        response.status_code = status
        response["Cache-Control"] = "no-store" if request.method == "POST" else "private, no-cache"
        return response

    def get_context(self, request, *args, training=None, **kwargs):
        """The page's context with the registration's (``training``: what ``serve`` computed for the request)."""
        context = super().get_context(request, *args, **kwargs)
        context.update(training or {})
        return context


class Registration(models.Model):
    """A person's registration for a course, made on the course page; private (staff only: the course's admin
    screens, the XLSX export). ``attended`` is marked by staff after the course (``None``: not marked yet).

    Seats are given in order of arrival under a row lock on the course (``services.register``): at most
    ``capacity`` confirmed registrations, the rest waiting in order of ``created_at``."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="registrations"
    )
    code = models.CharField(_("mã đăng ký"), max_length=12, unique=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=15, help_text=_("Chỉ chữ số, bắt đầu bằng 0."))
    email = models.EmailField(_("thư điện tử"), max_length=150, blank=True)
    producer = models.ForeignKey(
        "catalogue.Producer",
        verbose_name=_("cơ sở sản xuất (trong sổ đăng ký)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_registrations",
    )
    producer_name = models.CharField(_("cơ sở sản xuất"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_registrations",
    )
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    attended = models.BooleanField(_("có tham gia"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm đăng ký"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("đăng ký khóa học")
        verbose_name_plural = _("đăng ký khóa học")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "phone"],
                condition=~models.Q(status="cancelled"),
                name="registration_one_per_phone_and_course",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.full_name}"


class Collaborator(SortKeyMixin, models.Model):
    """An industrial-promotion collaborator (cộng tác viên khuyến công) of a commune, managed by staff under
    Snippets. The public lookup shows name, role and commune; the phone and e-mail only when the person's consent
    to publish them has been recorded (``consent_date``)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, help_text=_("Họ, tên đệm và tên, ví dụ: Rơ Mah Tuấn."))
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        on_delete=models.PROTECT,
        related_name="collaborators",
        help_text=_("Xã/phường người này phụ trách; người dân tìm theo tên xã/phường."),
    )
    role = models.CharField(
        _("vai trò"), max_length=150, help_text=_("Ví dụ: Cán bộ phụ trách công thương xã, Trưởng thôn.")
    )
    phone = models.CharField(
        _("điện thoại"), max_length=15, blank=True, help_text=_("Chỉ hiện công khai khi đã ghi nhận sự đồng ý.")
    )
    email = models.EmailField(
        _("thư điện tử"), max_length=150, blank=True, help_text=_("Chỉ hiện công khai khi đã ghi nhận sự đồng ý.")
    )
    contact_public = models.BooleanField(
        _("công khai liên hệ"),
        default=False,
        help_text=_("Chỉ đánh dấu khi người này đã đồng ý công khai điện thoại và thư điện tử (ghi ngày đồng ý)."),
    )
    consent_date = models.DateField(
        _("ngày đồng ý công khai"),
        null=True,
        blank=True,
        help_text=_("Ngày người này đồng ý (bằng văn bản hoặc tin nhắn lưu lại) công khai liên hệ."),
    )
    active = models.BooleanField(
        _("đang hoạt động"), default=True, help_text=_("Bỏ đánh dấu khi người này thôi làm cộng tác viên.")
    )

    sort_key_fields = ("full_name",)
    base_form_class = CollaboratorForm
    panels = [
        FieldPanel("full_name"),
        FieldPanel("commune"),
        FieldPanel("role"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("contact_public"), FieldPanel("consent_date")],
            heading=_("Liên hệ"),
        ),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("cộng tác viên khuyến công")
        verbose_name_plural = _("cộng tác viên khuyến công")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_public=False) | models.Q(consent_date__isnull=False),
                name="collaborator_public_contact_needs_consent_date",
                violation_error_message=CONSENT_MESSAGE,
            )
        ]

    def __str__(self):
        return self.full_name

    def clean(self):
        """The directory's rules as field errors: a name that is not empty once cleaned (``clean_text``, spaces
        collapsed), the phone by the one Vietnamese rule of the site (``normalize_phone``: ``+84 911 000 005`` →
        ``0911000005``, junk refused), public contact only with a consent date, which is not in the future.
        Raises ``ValidationError`` keyed by field."""
        super().clean()
        errors = {}
        self.full_name = " ".join(clean_text(self.full_name or "").split())
        if not self.full_name:
            errors["full_name"] = _("Vui lòng nhập họ và tên.")
        self.phone = clean_text(self.phone or "").strip()
        if self.phone:
            try:
                self.phone = normalize_phone(self.phone)
            except ValidationError as error:
                errors["phone"] = error.messages
        if self.contact_public and not self.consent_date:
            errors["consent_date"] = CONSENT_MESSAGE
        elif self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = _("Ngày đồng ý không được ở tương lai.")
        if errors:
            raise ValidationError(errors)

    def make_sort_key(self):
        """By given name, Vietnamese order (``core.text.person_sort_key``)."""
        return person_sort_key(self.full_name)

    @property
    def public_phone(self):
        """The phone number when its publication was consented to, else ``""``."""
        return self.phone if self.contact_public and self.consent_date else ""

    @property
    def public_email(self):
        """The e-mail address when its publication was consented to, else ``""``."""
        return self.email if self.contact_public and self.consent_date else ""


class CourseIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, Page):
    """The list of courses (``/dao-tao/``): upcoming ones first, then past ones with the number trained.

    Editors manage it under Pages; there is one. The listing itself is ``programmes.training.listing``."""

    cache_query_params = ("page",)

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn mở đầu phía trên danh sách khóa học."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = CleanPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh sách khóa đào tạo")
        verbose_name_plural = _("danh sách khóa đào tạo")

    def get_context(self, request, *args, **kwargs):
        """Upcoming courses (registration open or not, with the seats taken) and past ones with the number of
        people who attended: three queries whatever the number of courses (``Count`` with a filter)."""
        context = super().get_context(request, *args, **kwargs)
        courses = list(
            CoursePage.objects.child_of(self)
            .live()
            .public()
            .select_related("commune")
            .annotate(
                taken=models.Count(
                    "registrations", filter=models.Q(registrations__status=RegistrationStatus.CONFIRMED)
                ),
                trained=models.Count("registrations", filter=trained_condition("registrations__")),
            )
            .order_by("start_date", "pk")
        )
        today = timezone.localdate()
        for course in courses:
            course.seats_left = max(0, course.capacity - course.taken)
            course.is_open = course.registration_open(today)
        context["upcoming"] = [course for course in courses if course.end_date >= today]
        context["past"] = sorted((c for c in courses if c.end_date < today), key=lambda c: c.start_date, reverse=True)
        context["today"] = today
        return context
