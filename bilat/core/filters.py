"""The filters of every list, page or API: bilat's FilterSet base and the API's filter backend.

A filter value is checked twice: by its form field (a whole number, a known choice…), and then by
building the database query with it, so that a value the form accepts but the database cannot
search by (a year 0, a number beyond any column) is an error of that field, a 400 that names it,
never a server error. Lists use these through ``list_page`` (pages) and ``FilterBackend`` (API).
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

from .models import ChangeLogEntry


class _Unsearchable(Exception):
    def __init__(self, name: str):
        self.name = name


ANY = _("Any")


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """Yes / No under a blank "Any" first choice (not django-filter's "Unknown", which reads as a
    value and was sent with every search)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", ANY), ("true", _("Yes")), ("false", _("No"))]


def _blank_reads_any(form: forms.Form) -> None:
    """Give every choice's blank the label "Any" instead of Django's "---------"."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = ANY
        elif getattr(field, "empty_label", None) is not None:  # django-filter's choices
            field.empty_label = ANY
            field.choices = [c for c in field.choices if c[0] not in ("", None)]  # re-labelled
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            field.choices = [(value, ANY if value in ("", None) else label)
                             for value, label in field.choices]


class FilterSet(django_filters.FilterSet):
    """Every list's FilterSet: a value the database cannot search by is a field error; every
    select starts with a blank "Any", so a filter form sends nothing the user did not choose."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_blank_reads_any", False):
            _blank_reads_any(form)
            form._blank_reads_any = True
        return form

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        try:
            self.qs  # noqa: B018 - building the query is the second check
        except _Unsearchable as exc:
            # add_error also drops the value from cleaned_data, so a later .qs leaves it out.
            self.form.add_error(exc.name, _("The registry cannot be searched by this value."))
            return False
        return True

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            filtered = self.filters[name].filter(queryset, value)
            if filtered is queryset:  # a blank value filters nothing: nothing to check either
                continue
            queryset = filtered
            try:
                queryset.query.get_compiler(using=queryset.db).as_sql()
            except (EmptyResultSet, FullResultSet):
                pass
            except (ValueError, TypeError, OverflowError) as exc:
                raise _Unsearchable(name) from exc
        return queryset


class FilterBackend(DjangoFilterBackend):
    """The API's filters, on bilat's FilterSet also when a view names only ``filterset_fields``."""

    filterset_base = FilterSet


@extend_schema_field({"type": "integer", "minimum": datetime.MINYEAR, "maximum": datetime.MAXYEAR})
class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field (1 to 9999, the years a date can have)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", datetime.MINYEAR)
        kwargs.setdefault("max_value", datetime.MAXYEAR)
        super().__init__(*args, **kwargs)


def _record_kinds():
    """The kinds of record the log holds, named for the reader ("decisions.decision" → "decision")."""
    from django.apps import apps

    kinds = []
    for label in ChangeLogEntry.objects.values_list("object_type", flat=True).distinct():
        try:
            name = apps.get_model(label)._meta.verbose_name
        except (LookupError, ValueError):
            name = label
        kinds.append((label, f"{name}"))
    return sorted(kinds, key=lambda kind: str(kind[1]))


class ChangeLogFilterSet(FilterSet):
    """The change log by kind of record, record, action, channel, user and date."""

    object_type = django_filters.ChoiceFilter(label=_("Kind of record"), choices=_record_kinds)
    object_id = django_filters.CharFilter(label=_("Record id"))
    action = django_filters.CharFilter(label=_("Action"))
    channel = django_filters.CharFilter(label=_("Via"))
    actor_label = django_filters.CharFilter(label=_("User"), lookup_expr="icontains")
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("From"),
                                      widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("To"),
                                      widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = ChangeLogEntry
        fields = ["object_type", "object_id", "action", "channel", "actor_label", "since",
                  "until"]
