"""Filters of the competitions' growing lists (django-filter, as the admin's other filtered listings): a juror's
entries by state and product group, the managers' progress and decisions by state and product group.

Values come from the query string and are untrusted: a value that is not one of the choices makes the form invalid
and that filter is left out (django-filter drops the fields that did not validate), so the list shows unfiltered
with a notice (``invalid``), never an error.
"""

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.catalogue.choices import ProductGroup

from .choices import JurorState, ProgressState, SheetStatus
from .models import Entry


class _ListFilter(django_filters.FilterSet):
    group = django_filters.ChoiceFilter(
        field_name="product_group", choices=ProductGroup.choices, label=_("Nhóm sản phẩm"), empty_label=_("Tất cả nhóm")
    )

    class Meta:
        model = Entry
        fields = []

    @property
    def invalid(self):
        """Whether the visitor sent a value that is not a choice (that filter was ignored)."""
        return self.is_bound and not self.is_valid()


class JurorEntryFilter(_ListFilter):
    """A juror's entries (``access.visible_entries`` annotated with ``own_status``, the status of their own sheet or
    None): to score (no sheet or a draft) or submitted, and by product group."""

    state = django_filters.ChoiceFilter(
        choices=JurorState.choices, method="by_state", label=_("Trạng thái"), empty_label=_("Tất cả")
    )

    def by_state(self, queryset, name, value):
        if value == JurorState.DONE:
            return queryset.filter(own_status=SheetStatus.SUBMITTED)
        return queryset.filter(models.Q(own_status__isnull=True) | models.Q(own_status=SheetStatus.DRAFT))


class ProgressFilter(_ListFilter):
    """Entries of a competition for managers and the chair, by ``ProgressState`` and product group. ``states`` maps
    each state to the set of entry ids in it (computed from the results, ``services.progress``)."""

    state = django_filters.ChoiceFilter(
        choices=ProgressState.choices, method="by_state", label=_("Tình trạng"), empty_label=_("Tất cả hồ sơ")
    )

    def __init__(self, *args, states=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = states or {}

    def by_state(self, queryset, name, value):
        return queryset.filter(pk__in=sorted(self.states.get(value, ())))
