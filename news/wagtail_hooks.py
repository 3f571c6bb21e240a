"""Admin screens of the news app (registration only; the viewsets live in news/viewsets.py) and the help text of
its editors (news/admin_help.py)."""

from wagtail.snippets.models import register_snippet

from core.admin_help import register_help_texts

from .admin_help import HELP_TEXTS
from .viewsets import news_taxonomy_group

register_snippet(news_taxonomy_group)
register_help_texts(HELP_TEXTS)
