"""Model mixin that stores an ASCII-folded copy of a record's searchable text (see search/folding.py)."""

from django.db import models

from core.text import fold


class FoldedSearchMixin(models.Model):
    """Keeps ``search_folded`` (an indexed, ASCII-folded copy of the searchable text) up to date on save.

    ``search_folded`` always folds what the **row** holds after the save, never unsaved in-memory values: Wagtail's
    ``save_revision`` (an editor's draft, a producer's proposed correction) saves only its bookkeeping fields
    (``update_fields``) while the object carries the draft's texts; folding those would put a draft's words in the
    public search before anyone approved them. A partial save therefore folds the stored row with the saved fields
    applied (one extra query), and writes ``search_folded`` only when that differs from the stored copy (a draft or
    a lock then stays a bookkeeping write for the page cache: core/page_cache_rules.py)."""

    search_folded = models.TextField(editable=False, blank=True, default="")

    shared_search_fields = ()
    """Fields whose values other records' folded text holds (a producer's name is in its products'): a save that
    changes one sets ``shared_search_changed`` for the ``post_save`` receivers that refold those records
    (``refold``)."""

    shared_search_changed = False
    """Set by each save: whether it changed a field of ``shared_search_fields`` since the record was read or last
    saved (never for a new record: nothing holds its words yet). No query: it compares loaded values (a field not
    loaded counts as unchanged)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        shared = self._current_shared_search_values()
        self.shared_search_changed = self.pk is not None and getattr(self, "_shared_search_values", None) != shared
        self._shared_search_values = shared
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.pk is None:
            self.search_folded = self._folded_text()
        elif "search_folded" not in update_fields:
            stored = self._stored_with(update_fields)
            self.search_folded = stored._folded_text()
            if self.search_folded != stored.search_folded:  # else a draft or a lock writes bookkeeping fields only
                kwargs["update_fields"] = list(update_fields) + ["search_folded"]
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._shared_search_values = record._current_shared_search_values()
        return record

    def _current_shared_search_values(self):
        return tuple(self.__dict__.get(name) for name in self.shared_search_fields)

    def _folded_text(self):
        return fold(" ".join(str(t) for t in self.folded_source_texts() if t))

    def _stored_with(self, update_fields):
        """The stored row of this record with the values of ``update_fields`` (names or attnames) taken from
        ``self``: what the row holds once the partial save is written."""
        stored = type(self)._base_manager.get(pk=self.pk)
        concrete = {key: f for f in self._meta.concrete_fields for key in (f.name, f.attname)}
        for name in update_fields:
            if name in concrete:  # others (Wagtail's comments formset) hold no column
                setattr(stored, concrete[name].attname, getattr(self, concrete[name].attname))
        return stored

    def folded_source_texts(self):
        """The texts to fold; models override this (default: the title or name)."""
        return [getattr(self, "title", "") or getattr(self, "name", "")]


def refold(records):
    """Fold again the stored rows ``records`` (an iterable of a ``FoldedSearchMixin`` model's records, as read from
    the database) whose text includes another record's: a producer renamed or unpublished is in its products' and
    its projects' folded text, a village's title in its projects'. Writes ``search_folded`` of those that differ in
    one bulk update (no signals: the write that changed the other record already started a new page-cache
    generation). Returns how many changed."""
    changed = []
    for record in records:
        folded = record._folded_text()
        if folded != record.search_folded:
            record.search_folded = folded
            changed.append(record)
    if changed:
        type(changed[0])._base_manager.bulk_update(changed, ["search_folded"])
    return len(changed)
