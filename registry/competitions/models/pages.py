"""The public competitions page (``/binh-chon/``) and its published results (``/binh-chon/<slug>/ket-qua/``)."""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.page_cache import CachedPageMixin
from core.slugs import TitleSlugMixin
from core.translation import TranslatedPageMixin

from ..choices import CompetitionStatus


class CompetitionIndexPage(TranslatedPageMixin, TitleSlugMixin, CachedPageMixin, RoutablePageMixin, Page):
    """The single /binh-chon/ page listing competitions; edited under Pages (intro only), competitions themselves
    are managed under Bình chọn."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "competitions/competition_index_page.html"
    cache_query_params = ("page", "group", "prize")  # the published results' pagination and filters

    class Meta:
        verbose_name = _("trang bình chọn")
        verbose_name_plural = _("trang bình chọn")

    @path("")
    def index_route(self, request):
        from .competitions import Competition

        competitions = (
            Competition.objects.public().select_related("rubric").annotate(entry_count=models.Count("entries"))
        )
        return self.render(request, context_overrides={"competitions": competitions})

    @path("<slug:slug>/ket-qua/", name="results")
    def results(self, request, slug):
        """One page of the published results (services/ranking.py: cached per results version, paginated and
        filtered by product group and prize)."""
        from ..services.ranking import results_context
        from .competitions import Competition

        competition = get_object_or_404(Competition.objects.select_related("rubric"), slug=slug)
        if competition.status not in (CompetitionStatus.PUBLISHED, CompetitionStatus.ARCHIVED):
            raise Http404
        amendments = list(competition.amendments.order_by("version"))
        return self.render(
            request,
            template="competitions/results_page.html",
            context_overrides={
                "competition": competition,
                "amendments": amendments,
                **results_context(request, competition),
            },
        )
