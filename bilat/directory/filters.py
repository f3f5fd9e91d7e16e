"""Filters of the directory's lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilat.core.filters import FilterSet

from .models import Organisation, Person, Side


class OrganisationFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    side = django_filters.ModelChoiceFilter(label=_("Side"), queryset=Side.objects.all(),
                                            to_field_name="code", empty_label=_("All sides"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices,
                                       empty_label=_("All kinds"))

    class Meta:
        model = Organisation
        fields = ["q", "side", "kind"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(short_name__icontains=value)
                               | Q(short_name_ru__icontains=value)
                               | Q(name_en__icontains=value) | Q(name_ru__icontains=value))


class PersonFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    side = django_filters.ModelChoiceFilter(label=_("Side"), queryset=Side.objects.all(),
                                            to_field_name="code", empty_label=_("All sides"))

    class Meta:
        model = Person
        fields = ["q", "side"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(full_name_en__icontains=value) | Q(full_name_ru__icontains=value)
                               | Q(position_en__icontains=value)
                               | Q(position_ru__icontains=value))
