"""Support projects (đề án khuyến công): one Wagtail page per project, written by staff under Pages → Đề án
khuyến công and published through the site's moderation workflow (an editor submits, an approver publishes; a
publication can be scheduled), like news and the registry's pages.

Legal source: Decree 45/2012/NĐ-CP on industrial promotion, as amended by Decree 235/2025/NĐ-CP (the contents of
the programme: ``news.ProgrammeContent``, the funds: ``choices.FundingSource``).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.text import clean_text
from core.translation import TranslatedPageMixin
from search.mixins import FoldedSearchMixin

from ..choices import FUNDED_STATUSES, FundingSource, ProjectStatus
from ..forms import ProjectPageForm
from ..page_context import project_page_context
from ..public_fields import PROJECT_API_FIELDS, live_producers

MIN_YEAR, MAX_YEAR = 2000, 2100


class ProjectPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, FoldedSearchMixin, Page):
    """One support project: who is supported, with how much public money (VND) and what came of it.

    Public at ``/de-an-khuyen-cong/<slug>/`` once published. ``contact_name`` and ``contact_phone`` are for staff
    only: never on the page, in open data or in the API (``public_fields.py`` does not declare them)."""

    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("Năm kế hoạch của đề án."),
    )
    funding_source = models.CharField(
        _("nguồn kinh phí"), max_length=20, choices=FundingSource.choices, default=FundingSource.LOCAL
    )
    programme_content = models.ForeignKey(
        "news.ProgrammeContent",
        verbose_name=_("nội dung khuyến công"),
        on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("Nội dung của chương trình khuyến công (Nghị định 45/2012, sửa đổi bởi 235/2025)."),
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True, help_text=_("Ví dụ: 123/QĐ-SCT."))
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    support_amount = models.PositiveBigIntegerField(
        _("kinh phí hỗ trợ (đồng)"),
        default=0,
        help_text=_("Số tiền ngân sách hỗ trợ, tính bằng đồng, không có dấu chấm."),
    )
    counterpart_amount = models.PositiveBigIntegerField(
        _("vốn đối ứng (đồng)"), default=0, help_text=_("Phần đóng góp của đơn vị thụ hưởng, tính bằng đồng.")
    )
    producers = ParentalManyToManyField(
        "catalogue.Producer", verbose_name=_("cơ sở thụ hưởng"), blank=True, related_name="support_projects"
    )
    villages = ParentalManyToManyField(
        "catalogue.CraftVillagePage", verbose_name=_("làng nghề thụ hưởng"), blank=True, related_name="support_projects"
    )
    beneficiary_group = models.CharField(
        _("nhóm thụ hưởng"),
        max_length=255,
        blank=True,
        help_text=_("Khi thụ hưởng là một nhóm, ví dụ: “25 hộ dệt thổ cẩm xã Ia Mơ Nông”. Không ghi tên người."),
    )
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_projects",
        help_text=_("Nơi thực hiện đề án."),
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    cancellation_reason = models.TextField(
        _("lý do hủy"), blank=True, help_text=_("Bắt buộc khi đề án bị hủy; hiện công khai trên trang đề án.")
    )
    jobs = models.PositiveIntegerField(_("việc làm tạo mới hoặc duy trì"), null=True, blank=True)
    capacity_added = models.CharField(
        _("năng lực tăng thêm"), max_length=120, blank=True, help_text=_("Kèm đơn vị, ví dụ: “2 tấn cà phê/ngày”.")
    )
    trainees = models.PositiveIntegerField(_("số học viên"), null=True, blank=True)
    products_developed = models.PositiveIntegerField(_("sản phẩm phát triển"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True, help_text=_("Hai, ba câu hiện trên thẻ đề án."))
    body = models.TextField(_("nội dung"), blank=True, help_text=_("Mục tiêu, nội dung hỗ trợ, kết quả."))
    contact_name = models.CharField(
        _("người liên hệ (không công khai)"), max_length=120, blank=True, help_text=_("Chỉ cán bộ trung tâm xem được.")
    )
    contact_phone = models.CharField(
        _("điện thoại liên hệ (không công khai)"),
        max_length=50,
        blank=True,
        help_text=_("Chỉ cán bộ trung tâm xem được."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("search_folded"),
        index.AutocompleteField("search_folded"),
        index.FilterField("year"),
        index.FilterField("status"),
    ]
    base_form_class = ProjectPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("year"),
                        FieldPanel(
                            "funding_source",
                            help_text=_(
                                "Kinh phí khuyến công quốc gia, kinh phí khuyến công địa phương hay nguồn khác."
                            ),
                        ),
                    ]
                ),
                FieldPanel("programme_content"),
                FieldRowPanel(
                    [
                        FieldPanel("decision_number"),
                        FieldPanel(
                            "decision_date", help_text=_("Ngày ký quyết định phê duyệt đề án (ngày/tháng/năm).")
                        ),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "support_amount",
                            help_text=_("Số tiền ngân sách hỗ trợ, tính bằng đồng, ví dụ 1.500.000."),
                        ),
                        FieldPanel(
                            "counterpart_amount",
                            help_text=_("Phần đóng góp của đơn vị thụ hưởng, tính bằng đồng, ví dụ 1.500.000."),
                        ),
                    ]
                ),
            ],
            heading=_("Quyết định và kinh phí"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "producers",
                    help_text=_(
                        "Các cơ sở công nghiệp nông thôn nhận hỗ trợ; để trống nếu thụ hưởng là làng nghề hoặc một nhóm."
                    ),
                ),
                FieldPanel("villages", help_text=_("Các làng nghề nhận hỗ trợ.")),
                FieldPanel("beneficiary_group"),
                FieldPanel("commune"),
            ],
            heading=_("Thụ hưởng"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "status",
                    help_text=_(
                        "Đề xuất, đã phê duyệt, đang thực hiện, đã nghiệm thu hoặc đã hủy (khi hủy phải ghi lý do)."
                    ),
                ),
                FieldPanel("cancellation_reason"),
            ],
            heading=_("Tình trạng"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("jobs", help_text=_("Số lao động có việc làm mới hoặc được duy trì nhờ đề án.")),
                        FieldPanel("trainees", help_text=_("Số người được đào tạo, tập huấn trong đề án.")),
                        FieldPanel("products_developed", help_text=_("Số sản phẩm mới hoặc được cải tiến nhờ đề án.")),
                    ]
                ),
                FieldPanel("capacity_added"),
            ],
            heading=_("Kết quả"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("photos", label=_("Ảnh")),
        InlinePanel("documents", label=_("Hồ sơ nghiệm thu")),
        InlinePanel("related_news", label=_("Tin liên quan")),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")], heading=_("Liên hệ nội bộ")),
    ]
    api_fields = PROJECT_API_FIELDS
    parent_page_types = ["programmes.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("đề án khuyến công")
        verbose_name_plural = _("đề án khuyến công")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ProjectStatus.CANCELLED) | ~models.Q(cancellation_reason=""),
                name="project_cancelled_has_reason",
                violation_error_message=_("Đề án bị hủy phải có lý do hủy."),
            )
        ]

    def clean(self):
        """A cancelled project needs its reason (it is shown to the public), cleaned (``clean_text``: a reason of
        zero-width characters only is empty); a project that is not cancelled keeps no reason (it would be
        published). Raises ``ValidationError`` keyed ``cancellation_reason``: the form shows it on the field, never
        the database constraint ``project_cancelled_has_reason``."""
        super().clean()
        self.cancellation_reason = clean_text(self.cancellation_reason or "").strip()
        if self.status != ProjectStatus.CANCELLED:
            self.cancellation_reason = ""
        elif not self.cancellation_reason:
            raise ValidationError({"cancellation_reason": _("Đề án bị hủy phải có lý do hủy.")})

    def save(self, *args, **kwargs):
        """Saved with no cancellation reason unless the project is cancelled: the reason is public (page, open data,
        API), so a reason left over from an earlier status is never stored, whatever path saves (editor, import,
        publishing a revision)."""
        if self.status != ProjectStatus.CANCELLED and self.cancellation_reason:
            self.cancellation_reason = ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "cancellation_reason" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "cancellation_reason"]
        return super().save(*args, **kwargs)

    @staticmethod
    def api_optimize_queryset(queryset):
        """What ``/api/v2/pages/?type=programmes.ProjectPage&fields=*`` reads, in a fixed number of queries."""
        return queryset.select_related("programme_content", "commune", "locale").prefetch_related(
            live_producers(with_commune=True), "villages"
        )

    @property
    def total_amount(self):
        """Support plus counterpart contribution, in VND."""
        return (self.support_amount or 0) + (self.counterpart_amount or 0)

    @property
    def public_villages(self):
        """The beneficiary villages whose page is live (a village's draft is never named); uses the prefetch."""
        return [village for village in self.villages.all() if village.live]

    @property
    def is_funded(self):
        """Whether the money is committed or spent (approved, in progress, accepted)."""
        return self.status in FUNDED_STATUSES

    def folded_source_texts(self):
        """What the folded search of ``/de-an-khuyen-cong/`` finds a project by: title, summary, decision number
        (also split at its punctuation: "215/QĐ-SCT" is found by "215/QĐ-SCT" and by "qd sct"), beneficiary group,
        the names of its published beneficiary producers and villages, its commune, capacity added."""
        decision = self.decision_number or ""
        beneficiaries = [producer.name for producer in self.producers.all() if producer.live]
        beneficiaries += [village.title for village in self.villages.all() if village.live]
        return [
            self.title,
            self.summary,
            decision,
            re.sub(r"[^\w]+", " ", decision),
            self.beneficiary_group,
            *beneficiaries,
            self.commune.name if self.commune_id and self.commune else "",
            self.capacity_added,
        ]

    def get_context(self, request, *args, **kwargs):
        """The project with its content, commune, beneficiaries (live public villages only), photos, acceptance
        documents and related news (live public articles): a fixed number of queries."""
        context = super().get_context(request, *args, **kwargs)
        context.update(project_page_context(self))
        return context


class ProjectPhoto(Orderable):
    """A photo of a project (equipment installed, a training session, a fair booth)."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    panels = [
        FieldPanel("image", help_text=_("Ảnh hoạt động hoặc máy móc, thiết bị được hỗ trợ.")),
        FieldPanel("caption", help_text=_("Một câu mô tả ảnh: ai, làm gì, ở đâu.")),
    ]


class ProjectDocument(Orderable):
    """A public document of a project: the acceptance record (biên bản nghiệm thu), the decision."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên tài liệu"), max_length=255, blank=True, help_text=_("Để trống thì dùng tên tệp."))
    panels = [
        FieldPanel("document", help_text=_("Biên bản nghiệm thu, quyết định hoặc báo cáo kết quả (PDF).")),
        FieldPanel("title"),
    ]


class ProjectRelatedNews(Orderable):
    """A news article about a project."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="related_news")
    article = models.ForeignKey(
        "news.NewsPage", verbose_name=_("tin bài"), on_delete=models.CASCADE, related_name="support_projects"
    )
    panels = [FieldPanel("article", help_text=_("Tin bài trên trang viết về đề án này."))]
