"""The decision filters, shared by the list page and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from bilat.core.filters import FilterSet, YesNoWidget
from bilat.core.models import AccessTier
from bilat.directory.models import Organisation, Sector
from bilat.meetings.filters import meetings_seen

from .models import Decision, DecisionSide


def _sides(**conditions):
    return DecisionSide.objects.filter(decision=OuterRef("pk"), **conditions)


def _sides_other_than(statuses):
    return Exists(DecisionSide.objects.filter(decision=OuterRef("pk")).exclude(status__in=statuses))


def joint_status_q(status: str) -> Q:
    """The joint-status rule of Decision.joint_status, written as a database condition."""
    S, J = DecisionSide.Status, Decision.JointStatus
    has_sides = Exists(_sides())
    done = has_sides & ~_sides_other_than([S.DONE])
    not_done = ~_sides_other_than([S.DONE, S.NOT_DONE]) & Exists(_sides(status=S.NOT_DONE))
    not_started = ~_sides_other_than([S.NOT_STARTED])
    reported = has_sides & ~_sides_other_than([S.REPORTED])
    conditions = {J.DONE: done, J.NOT_DONE: not_done, J.NOT_STARTED: not_started,
                  J.REPORTED: reported}
    if status in conditions:
        return Q(conditions[status])
    return ~Q(done) & ~Q(not_done) & ~Q(not_started) & ~Q(reported)


class DecisionFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meetings_seen)
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    side_status = django_filters.ChoiceFilter(
        label=_("Status of a side"), choices=DecisionSide.Status.choices, method="filter_side_status"
    )
    joint_status = django_filters.ChoiceFilter(
        label=_("Joint status"), choices=Decision.JointStatus.choices, method="filter_joint_status"
    )
    control_state = django_filters.ChoiceFilter(
        label=_("Control"), choices=Decision.ControlState.choices
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue",
                                          widget=YesNoWidget)
    lead = django_filters.ModelChoiceFilter(
        label=_("Lead organisation"), queryset=Organisation.objects.select_related("side"),
        method="filter_lead",
    )
    access_tier = django_filters.ChoiceFilter(label=_("Access"), choices=AccessTier.choices)

    class Meta:
        model = Decision
        fields = ["q", "meeting", "sector", "side_status", "joint_status", "control_state",
                  "overdue", "lead", "access_tier"]

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(control_number__icontains=word) | Q(title_en__icontains=word)
                | Q(title_ru__icontains=word) | Q(text_en__icontains=word)
                | Q(text_ru__icontains=word) | Q(paragraph_ref__icontains=word)
            )
        return queryset

    def filter_side_status(self, queryset, name, value):
        return queryset.filter(Exists(_sides(status=value)))

    def filter_joint_status(self, queryset, name, value):
        return queryset.filter(joint_status_q(value))

    def filter_overdue(self, queryset, name, value):
        overdue = Decision.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_lead(self, queryset, name, value):
        return queryset.filter(Exists(_sides(lead=value)))
