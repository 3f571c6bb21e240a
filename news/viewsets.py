"""Admin screens for news categories and programme contents, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.viewsets import FoldedSnippetViewSet

from .models import NewsCategory, ProgrammeContent


class NewsCategoryViewSet(FoldedSnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug", "rank"]
    search_fields = ["name"]
    ordering = ["rank", "name"]


class ProgrammeContentViewSet(FoldedSnippetViewSet):
    model = ProgrammeContent
    icon = "tag"
    menu_label = _("Nội dung khuyến công")
    list_display = ["name", "code", "rank"]
    search_fields = ["name", "code"]
    ordering = ["rank"]


class NewsTaxonomyGroup(SnippetViewSetGroup):
    items = (NewsCategoryViewSet, ProgrammeContentViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Phân loại tin")
    menu_name = "news-taxonomy"


news_taxonomy_group = NewsTaxonomyGroup
