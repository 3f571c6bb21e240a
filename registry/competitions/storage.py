"""Private file storage for dossiers: files live under ``PRIVATE_MEDIA_ROOT`` and have no public URL.

They are read only by the permission-checking view ``jury.dossiers.download`` (design.md: "Private files are never
under a public URL; a view checks the permission on each download").
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """``FileSystemStorage`` rooted at ``settings.PRIVATE_MEDIA_ROOT`` (read on each use, so tests may change it),
    with no base URL: ``url()`` raises, nothing links to a file directly."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Dossier files have no public URL; use the jury-dossier view.")
