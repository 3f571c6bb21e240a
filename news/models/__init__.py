"""News and communications: categories, programme contents, news pages, bulletins and calls for entries."""

from .announcements import AnnouncementPage
from .bulletins import BulletinIndexPage, BulletinPage
from .pages import NewsIndexPage, NewsPage, NewsRelatedArtisan, NewsRelatedProduct, NewsRelatedVillage
from .taxonomy import NewsCategory, ProgrammeContent

__all__ = [
    "AnnouncementPage",
    "BulletinIndexPage",
    "BulletinPage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsRelatedArtisan",
    "NewsRelatedProduct",
    "NewsRelatedVillage",
    "ProgrammeContent",
]
