"""The meeting filters, shared by the list page and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from bilat.accounts.policy import visible
from bilat.core.filters import FilterSet, YearFilter
from bilat.directory.models import CommissionBody, Person, Sector, Side

from .models import AgendaItem, Attendance, Meeting, ProtocolParagraph


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


def meetings_seen(request):
    """The meetings offered and accepted as a filter: those the reader may see (another is
    refused like one that does not exist)."""
    return visible(getattr(request, "user", None), Meeting.objects.select_related("body"))


class AgendaItemFilterSet(FilterSet):
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meetings_seen)
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all(),
                                              to_field_name="code")

    class Meta:
        model = AgendaItem
        fields = ["meeting", "sector"]


class AttendanceFilterSet(FilterSet):
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meetings_seen)
    side = django_filters.ModelChoiceFilter(label=_("Side"), queryset=Side.objects.all(),
                                            to_field_name="code")
    person = django_filters.ModelChoiceFilter(queryset=Person.objects.all())  # the field's label

    class Meta:
        model = Attendance
        fields = ["meeting", "side", "person"]


class ProtocolParagraphFilterSet(FilterSet):
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meetings_seen,
                                               field_name="protocol__meeting")

    class Meta:
        model = ProtocolParagraph
        fields = ["meeting"]
