"""Model mixin that stores an ASCII-folded copy of a record's searchable text (see search/folding.py)."""

from django.db import models

from core.text import fold


class FoldedSearchMixin(models.Model):
    """Keeps ``search_folded`` (an indexed, ASCII-folded copy of the searchable text) up to date on save."""

    search_folded = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_folded = fold(" ".join(str(t) for t in self.folded_source_texts() if t))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_folded" not in update_fields:
            kwargs["update_fields"] = list(update_fields) + ["search_folded"]
        super().save(*args, **kwargs)

    def folded_source_texts(self):
        """The texts to fold; models override this (default: the title or name)."""
        return [getattr(self, "title", "") or getattr(self, "name", "")]
