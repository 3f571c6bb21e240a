"""Admin screens of the news app (registration only; the viewsets live in news/viewsets.py)."""

from wagtail.snippets.models import register_snippet

from .viewsets import news_taxonomy_group

register_snippet(news_taxonomy_group)
