"""Form widgets of the competition admin."""

from django.forms import ClearableFileInput
from django.urls import reverse


class DossierLink:
    """What the file widget shows for a stored dossier file: the neutral name, linked to the permission-checked
    download view ``competitions:jury-dossier`` (dossier files have no public URL)."""

    def __init__(self, document):
        self.document = document

    def __str__(self):
        return self.document.neutral_name

    @property
    def url(self):
        entry = self.document.entry
        return reverse(
            "competitions:jury-dossier",
            args=[entry.competition.slug, entry.code, self.document.pk, self.document.neutral_name],
        )


class DossierFileInput(ClearableFileInput):
    """The file input of an entry's dossier file on the entry form: never asks the private storage for a URL;
    a stored file shows as its neutral name (``SP-2026-010-ho-so-1.pdf``) linked to the download view."""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None) and getattr(value, "instance", None) is not None)

    def format_value(self, value):
        if self.is_initial(value):
            document = value.instance
            return DossierLink(document) if document.pk else None
        return None
