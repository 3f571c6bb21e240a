"""The list of support projects ``/de-an-khuyen-cong/`` and its transparency dashboard ``tong-quan/``: one page
(Pages → Đề án khuyến công), its projects as children. The listing and the dashboard are ``listing.py`` and
``dashboard.py``, which read the project model: keeping the index here means no model module imports them back."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.translation import TranslatedPageMixin

from ..dashboard import dashboard
from ..listing import QUERY_PARAMS, project_listing, public_projects
from ..training.forms import CleanPageForm


class ProjectIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, RoutablePageMixin, Page):
    """The support projects: a faceted, searchable list and the spending dashboard (``tong-quan/``)."""

    # What changes the listing; every other query parameter is ignored by the page cache (core/page_cache.py).
    cache_query_params = QUERY_PARAMS

    intro = models.TextField(_("giới thiệu"), blank=True, help_text=_("Đoạn mở đầu phía trên danh sách đề án."))
    dashboard_intro = models.TextField(
        _("giới thiệu trang tổng quan"), blank=True, help_text=_("Đoạn mở đầu của trang tổng quan kinh phí.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("dashboard_intro")]
    base_form_class = CleanPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh sách đề án khuyến công")
        verbose_name_plural = _("danh sách đề án khuyến công")

    @path("")
    def index_route(self, request):
        """The faceted list (``listing.project_listing``)."""
        return self.render(request, context_overrides=project_listing(request))

    @path("tong-quan/", name="dashboard")
    def dashboard_route(self, request):
        """The transparency dashboard (``dashboard.dashboard``)."""
        return self.render(
            request,
            template="programmes/project_dashboard.html",
            context_overrides=dashboard(public_projects()),
        )

    def dashboard_url(self):
        return self.url + self.reverse_subpage("dashboard")

    def get_sitemap_urls(self, request=None):
        """The list plus the dashboard."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if urls and base:
            urls.append({"location": base + self.reverse_subpage("dashboard")})
        return urls
