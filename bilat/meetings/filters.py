"""The meeting filters, shared by the list page and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from bilat.core.filters import FilterSet, YearFilter
from bilat.directory.models import CommissionBody, Sector

from .models import AgendaItem, Meeting


class MeetingFilterSet(FilterSet):
    body = django_filters.ModelChoiceFilter(label=_("Body"), queryset=CommissionBody.objects.all())
    year = YearFilter(label=_("Year"), field_name="held_on")
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all(),
                                              method="filter_sector")

    class Meta:
        model = Meeting
        fields = ["body", "year", "sector"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_sector(self, queryset, name, value):
        items = AgendaItem.objects.filter(meeting=OuterRef("pk"), sector=value)
        return queryset.filter(Exists(items))
