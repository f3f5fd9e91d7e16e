"""Filters over targets: the same FilterSet serves the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilat.core.filters import FilterSet
from bilat.core.models import Provenance

from .models import Indicator, Target


class TargetFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Text"), method="search")
    indicator = django_filters.ModelChoiceFilter(
        label=_("Indicator"), queryset=Indicator.objects.all(), to_field_name="code"
    )
    horizon = django_filters.ChoiceFilter(label=_("Horizon"), choices=Target.Horizon.choices)
    provenance = django_filters.ChoiceFilter(label=_("Provenance"), choices=Provenance.choices)

    class Meta:
        model = Target
        fields = ["q", "indicator", "horizon", "provenance"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title_en__icontains=value) | Q(title_ru__icontains=value))
