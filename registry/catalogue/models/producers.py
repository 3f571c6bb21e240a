"""Rural industrial establishments (cơ sở CNNT) that make the recognized products."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from core.slugs import NameSlugMixin
from core.sorting import SortKeyMixin
from search.mixins import FoldedSearchMixin

from ..choices import ProducerKind
from ..public_fields import PRODUCER_FIELDS, wagtail_api_fields

# The slugs the profile's URL (``<slug:slug>``) can hold; another one (an old import) has no public address.
PUBLIC_SLUG = r"^[-a-zA-Z0-9_]+$"


class Producer(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    NameSlugMixin,
    SortKeyMixin,
    FoldedSearchMixin,
    index.Indexed,
    models.Model,
):
    """An establishment (SME, cooperative, household…). Public profile at ``/co-so/<slug>/``;
    managed under Registry → Producers.

    Its row is the public (live) version; changes can wait as revisions (``RevisionMixin``/``DraftStateMixin``:
    "Lưu nháp" in the admin, or a producer's proposal from the portal, ``registry/producers/corrections.py``) and go
    through a moderation workflow (``WorkflowMixin``) before "Xuất bản" copies them onto the row."""

    name = models.CharField(_("tên cơ sở"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True, help_text=_("Dùng trong địa chỉ /co-so/…/."))
    kind = models.CharField(_("loại hình"), max_length=20, choices=ProducerKind.choices)
    tax_code = models.CharField(
        _("mã số thuế"), max_length=20, blank=True, help_text=_("Mã số doanh nghiệp/hợp tác xã/hộ kinh doanh.")
    )
    representative = models.CharField(_("người đại diện"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "catalogue.Commune",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producers",
    )
    legacy_district = models.CharField(
        _("huyện (cũ)"), max_length=120, blank=True, help_text=_("Địa danh trước 1/7/2025, giữ để tra cứu.")
    )
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("search_folded"),
        index.AutocompleteField("search_folded"),
        index.AutocompleteField("tax_code"),
        index.FilterField("kind"),
    ]

    api_fields = wagtail_api_fields(PRODUCER_FIELDS)

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = _("cơ sở sản xuất")
        verbose_name_plural = _("cơ sở sản xuất")
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~models.Q(tax_code=""), name="producer_unique_tax_code"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:producer", kwargs={"slug": self.slug})

    @property
    def public_url(self):
        """The address of this producer's public profile (``/co-so/<slug>/``, ``/en/co-so/<slug>/`` under the English
        site) while it has one, i.e. while published (``live``; the profile view answers 404 otherwise), else ``""``.
        Every public page links a producer through this and shows an unpublished one by its name only, without its
        contact details: its products stay certified and its certificates genuine. Needs ``live`` and ``slug``
        loaded."""
        return self.get_absolute_url() if self.live and re.fullmatch(PUBLIC_SLUG, self.slug or "") else ""

    @classmethod
    def public_objects(cls):
        """The producers whose profile ``/co-so/<slug>/`` shows (live, and a slug its URL can hold): what the site
        search, its suggestions and the search engine's index list."""
        return cls.objects.filter(live=True, slug__regex=PUBLIC_SLUG)

    shared_search_fields = ("name", "live")  # in products' and projects' folded text (search.mixins.refold)

    def folded_source_texts(self):
        return [self.name, self.representative, self.address, self.legacy_district]
