"""Admin screens for news categories and programme contents, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import NewsCategory, ProgrammeContent


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug", "rank"]
    search_fields = ["name"]
    ordering = ["rank", "name"]


class ProgrammeContentViewSet(SnippetViewSet):
    model = ProgrammeContent
    icon = "tag"
    menu_label = _("Nội dung khuyến công")
    list_display = ["name", "code", "rank"]
    ordering = ["rank"]


class NewsTaxonomyGroup(SnippetViewSetGroup):
    items = (NewsCategoryViewSet, ProgrammeContentViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Phân loại tin")
    menu_name = "news-taxonomy"


news_taxonomy_group = NewsTaxonomyGroup
