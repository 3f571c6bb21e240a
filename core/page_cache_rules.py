"""Which writes change what a public page shows: the invalidation rules of the anonymous page cache
(core/page_cache.py), applied by the receivers of core/signals.py.

A write to a model of ``settings.PAGE_CACHE_PUBLIC_MODELS`` flushes the cache (a new generation), except writes that
provably change no public content:

- **Drafts, locks, workflow**: Wagtail saves a page (or a draft-state snippet) with ``update_fields`` limited to
  ``UNPUBLISHED_FIELDS`` when an editor saves a draft of a live page, locks or unlocks it, or a workflow task
  unlocks it (``Page.save_revision``, ``LockView``, ``GroupApprovalTask.start``). The draft itself lives in a
  ``Revision`` row, which is not a public model. Records searched by their folded text (``search/mixins.py``:
  products, producers, villages, artisans, projects, courses) add ``search_folded`` to such a partial save only
  when the stored live row folds to another text than the one stored (it was out of date): that changes what the
  search finds, and flushes.
- **Pages before their first publication**: a page that is not live, was not live before this save, has no
  children and that no other row points to (a news story being written: Wagtail's edit view commits the page row
  of a page that is not live) is shown nowhere. Its child rows (related links, tags: ``ParentalKey``) and
  many-to-many links saved with it follow the page. Never skipped: a page with children (its slug is part of their
  addresses), a page type other rows point to with a foreign key (a product page: its certificates, competition
  entries and results show its title whether it is live or not, once such a row exists) and a page another object refers to (Wagtail's
  reference index: a page chooser in a live page's content).
- **Uploads**: a new image, document or tag is referenced by no public page yet (the page or snippet that starts
  using it is saved, and flushes, then); nor is the size or hash Wagtail computes later (``file_size``,
  ``file_hash``).

Everything else flushes: publishing (``PublishRevisionAction`` saves the whole page), unpublishing, moving,
reordering, deleting a live page, and any write to the registry (certificates, producers, competitions, results).
Writes are not split into groups with a generation each: every public page shows the menu and the site settings,
and the pages that change most (products, news) are shown on most others (home, listings, related items), so a
finer split would save little and could leave a revoked certificate on a page nobody thought of.
"""

from modelcluster.fields import ParentalKey
from wagtail.models import Page, ReferenceIndex

from .page_cache import is_public_write

# Page / snippet fields that Wagtail writes without publishing anything.
UNPUBLISHED_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
        "file_size",
        "file_hash",
    }
)
# Models whose new rows no public page can show until another (public) write references them.
UNREFERENCED_WHEN_CREATED = frozenset({"wagtailimages.image", "wagtaildocs.document", "taggit.tag"})
DRAFT_FLAG = "_page_cache_draft_only"


def remember_draft_state(instance):
    """Before a page is saved: flag it as a draft that no public page shows (``DRAFT_FLAG``) when it is not live,
    was not live before, has no children and nothing points to it (a few queries for an existing page)."""
    if not isinstance(instance, Page):
        return
    setattr(instance, DRAFT_FLAG, False)
    if instance.live:
        return
    if instance._state.adding or instance.pk is None:
        setattr(instance, DRAFT_FLAG, not instance.numchild)  # nothing can point to a row not yet created
        return
    before = Page.objects.filter(pk=instance.pk).values("live", "numchild").first()
    if before is None or before["live"] or before["numchild"] or _pointed_to(instance):
        return
    setattr(instance, DRAFT_FLAG, not ReferenceIndex.get_references_to(instance).exists())


def _pointed_to(page):
    """Whether rows of another model point to ``page`` with a foreign key or many-to-many field of their own (its
    own ``ParentalKey`` children do not count): such rows may show the page whether it is live or not (a product's
    certificates and entries). One query per such relation of the page's type, only for pages that are not live."""
    page_type = type(page)
    return any(
        relation.related_model._base_manager.filter(**{relation.field.name: page.pk}).exists()
        for relation in page_type._meta.related_objects
        if relation.field.related_model is page_type and not isinstance(relation.field, ParentalKey)
    )


def _is_draft_page(page):
    return isinstance(page, Page) and not page.live and getattr(page, DRAFT_FLAG, False)


def _belongs_to_draft_page(instance):
    """Whether ``instance`` is a child row (``ParentalKey``) of a page flagged as a draft in this very save (the
    page object held in memory, as modelcluster commits child rows; a parent not in memory does not count)."""
    return any(
        isinstance(field, ParentalKey)
        and field.is_cached(instance)
        and _is_draft_page(field.get_cached_value(instance))
        for field in type(instance)._meta.concrete_fields
    )


def saved_changes_public_content(sender, instance, created=False, update_fields=None):
    """Whether saving ``instance`` (a row of model ``sender``) may change a public page (see the module
    docstring)."""
    if not is_public_write(sender):
        return False
    if update_fields is not None and frozenset(update_fields) <= UNPUBLISHED_FIELDS:
        return False
    if created and sender._meta.label_lower in UNREFERENCED_WHEN_CREATED:
        return False
    return not (_is_draft_page(instance) or _belongs_to_draft_page(instance))


def deleted_changes_public_content(sender, instance):
    """Whether deleting ``instance`` may change a public page: not for a page that is not live (its live
    descendants, deleted with it, flush on their own) nor for a child row of a draft saved now."""
    if not is_public_write(sender):
        return False
    if isinstance(instance, Page) and not instance.live:
        return False
    return not _belongs_to_draft_page(instance)


def linked_changes_public_content(sender, instance, action):
    """Whether a many-to-many change (``m2m_changed``; ``sender`` is the through model) may change a public page:
    once per change (``post_*`` actions), and not for the links of a draft page saved now."""
    if not action.startswith("post_") or not is_public_write(sender):
        return False
    return not _is_draft_page(instance)
