"""The admin forms that propose slugs (rules in ``core.slug_rules``, overview in ``core.slugs``).

- ``TitleSlugPageForm``: the page editor. A page never published whose slug is empty or the proposal for its title
  takes that proposal made unique among its siblings ("…-2"), live or draft: Wagtail 8's autosave creates the page
  row of a new page in the background, so an abandoned attempt no longer blocks the next page with the same title.
- ``TitleSlugCopyForm``: the "Sao chép" form; its title proposes the Vietnamese slug as the editor types, and the
  proposed slug (or the copied page's own) is numbered when the destination already has it.
- ``slug_proposing_form(form_class)``: any snippet or model viewset form whose model has a ``SlugField`` and a
  ``title`` or ``name``: the name proposes the slug while a new row is typed (Wagtail's ``w-sync`` → ``w-slug``
  wiring of page titles), and a blank or proposed slug is filled or numbered on the server.
"""

from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.admin.forms.pages import CopyForm, WagtailAdminPageForm
from wagtail.models import Page

from .slug_rules import fallback_slug, proposed_slug, unique_model_slug, unique_page_slug
from .widgets import use_vietnamese_slug_widget

SOURCE_FIELDS = ("title", "name")
"""The form fields a slug is proposed from, the first present wins."""

SYNC_ACTIONS = "focus->w-sync#check blur->w-sync#apply change->w-sync#apply keyup->w-sync#apply"
"""The Stimulus actions Wagtail's ``TitleFieldPanel`` gives a page title (``wagtail.admin.panels``)."""


def wire_title(form, source, targets):
    """Make the widget of ``form[source]`` propose the slug fields ``targets`` as the editor types (the attributes
    ``TitleFieldPanel`` sets on a page title)."""
    attrs = form.fields[source].widget.attrs
    attrs["data-controller"] = " ".join(filter(None, [attrs.get("data-controller"), "w-sync"]))
    attrs["data-action"] = " ".join(filter(None, [attrs.get("data-action"), SYNC_ACTIONS]))
    attrs["data-w-sync-target-value"] = ", ".join(f"#{form[name].id_for_label}" for name in targets)


class TitleSlugPageForm(WagtailAdminPageForm):
    """The editor form of every page type (``TitleSlugMixin.base_form_class``). While the page was never published
    the slug may be left blank, and a blank or proposed slug is numbered among the siblings; a slug the editor typed
    that is taken keeps Wagtail's error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.renumbered_slug = None
        if "slug" in self.fields:
            use_vietnamese_slug_widget(self.fields["slug"], fallback_slug(self._meta.model))
            if self.never_published:
                self.fields["slug"].required = False

    @property
    def never_published(self):
        """Whether the page has never been live (its address was never public, so numbering it breaks no link); a new
        page's ``live`` is still the field's default (true)."""
        page = self.instance
        return page.first_published_at is None and (page.pk is None or not page.live)

    def clean(self):
        title = self.cleaned_data.get("title")
        if "slug" in self.cleaned_data and title and self.never_published and self.parent_page is not None:
            slug = self.cleaned_data["slug"]
            proposal = proposed_slug(title, self._meta.model)
            if proposal and slug in ("", proposal):
                unique = unique_page_slug(proposal, self.parent_page, self.instance if self.instance.pk else None)
                if unique != slug:
                    self.cleaned_data["slug"] = self.renumbered_slug = unique
        return super().clean()

    def get_field_updates_for_resave(self):
        """After an autosave, the slug box shows the numbered slug (so the next save sends it back)."""
        updates = list(super().get_field_updates_for_resave())
        if self.renumbered_slug:
            updates.append(("slug", self.renumbered_slug))
        return updates


class TitleSlugCopyForm(CopyForm):
    """Wagtail's page copy form (``TitleSlugMixin.copy_form_class``) with the Vietnamese slug rule: the new title
    proposes the new slug as the editor types, and a new slug that is the proposal or the copied page's own slug is
    numbered when the destination already has it ("…-2"); another slug typed by the editor keeps Wagtail's error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vietnamese_slug_widget(self.fields["new_slug"], fallback_slug(self.page.specific_class))
        wire_title(self, "new_title", ["new_slug"])

    def clean(self):
        slug, title = self.cleaned_data.get("new_slug"), self.cleaned_data.get("new_title")
        proposal = proposed_slug(title, self.page.specific_class)
        if slug and slug in (proposal, self.page.slug):
            parent = self.cleaned_data.get("new_parent_page") or self.page.get_parent()
            self.cleaned_data["new_slug"] = unique_page_slug(slug, parent, None)
        return super().clean()


def slug_fields(model, field_names):
    """The names among ``field_names`` of ``model``'s ``SlugField`` columns."""
    names = []
    for name in field_names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form field that is no model field
            continue
        if isinstance(field, models.SlugField):
            names.append(name)
    return names


class SlugFromNameFormMixin:
    """Mixed into a ``ModelForm`` by ``slug_proposing_form``. For a new row: the ``title``/``name`` field proposes the
    slug fields as the editor types, they may be left blank, and a blank or proposed slug becomes the proposal made
    unique in the table. Every slug field gets ``VietnameseSlugInput`` (typing in it folds the same way)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.slug_source = next((name for name in SOURCE_FIELDS if name in self.fields), None)
        self.slug_targets = slug_fields(model, list(self.fields))
        for name in self.slug_targets:
            use_vietnamese_slug_widget(self.fields[name], fallback_slug(model, self.fields[name].max_length or 255))
            if not self.instance.pk:
                self.fields[name].required = False
        if not self.instance.pk and self.slug_source and self.slug_targets:
            wire_title(self, self.slug_source, self.slug_targets)

    def clean(self):
        cleaned_data = super().clean()
        source = cleaned_data.get(self.slug_source) if self.slug_source else None
        if self.instance.pk or not source:
            return cleaned_data
        for name in self.slug_targets:
            if name not in cleaned_data:
                continue
            proposal = proposed_slug(source, self._meta.model, max_length=self.fields[name].max_length or 255)
            if proposal and cleaned_data[name] in ("", proposal):
                cleaned_data[name] = unique_model_slug(self.instance, name, proposal)
        return cleaned_data


@cache
def slug_proposing_form(form_class):
    """``form_class`` with ``SlugFromNameFormMixin`` when its model has a slug field among the form's fields and a
    ``title`` or ``name`` to propose it from; otherwise ``form_class`` itself."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    fields = list(getattr(form_class, "base_fields", {}))
    if model is None or issubclass(model, Page) or issubclass(form_class, SlugFromNameFormMixin):
        return form_class
    if not slug_fields(model, fields) or not any(name in fields for name in SOURCE_FIELDS):
        return form_class
    return type(form_class.__name__, (SlugFromNameFormMixin, form_class), {"__module__": form_class.__module__})
