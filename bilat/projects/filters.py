"""Filters over projects: the same FilterSet serves the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from bilat.accounts.policy import visible
from bilat.core.filters import FilterSet, YesNoWidget
from bilat.core.models import Provenance
from bilat.directory.models import Organisation, Sector, Side

from .models import Milestone, PortfolioFigure, Project, ProjectLocation, ProjectPartner


class ProjectFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Text"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Project.Kind.choices)
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code"
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Project.Stage.choices)
    side = django_filters.ModelChoiceFilter(
        label=_("Side"), queryset=Side.objects.all(), to_field_name="code", method="on_side"
    )
    provenance = django_filters.ChoiceFilter(label=_("Provenance"), choices=Provenance.choices)
    aggregation_eligible = django_filters.BooleanFilter(label=_("Counted in totals"),
                                                        widget=YesNoWidget)

    class Meta:
        model = Project
        fields = ["q", "kind", "sector", "stage", "side", "provenance", "aggregation_eligible"]

    def search(self, queryset, name, value):
        """Code, title, description and places: "Taraz" finds the projects located there."""
        return queryset.filter(
            Q(code__icontains=value) | Q(title_en__icontains=value) | Q(title_ru__icontains=value)
            | Q(description_en__icontains=value) | Q(description_ru__icontains=value)
            | Q(locations__place_en__icontains=value) | Q(locations__place_ru__icontains=value)
            | Q(locations__region_en__icontains=value) | Q(locations__region_ru__icontains=value)
        ).distinct()

    @extend_schema_field(OpenApiTypes.STR)
    @extend_schema_field(OpenApiTypes.STR)
    def on_side(self, queryset, name, value):
        return queryset.on_side(value.pk) if value else queryset


class PortfolioFigureFilterSet(FilterSet):
    rule = django_filters.CharFilter(field_name="rule__code", label=_("Rule"))

    class Meta:
        model = PortfolioFigure
        fields = ["rule", "origin"]


def projects_seen(request):
    """The projects offered and accepted as a filter: those the reader may see (another is
    refused like one that does not exist)."""
    return visible(getattr(request, "user", None), Project.objects.all())


class ProjectLocationFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(label=_("Project"), queryset=projects_seen)
    side = django_filters.ModelChoiceFilter(label=_("Side"), queryset=Side.objects.all(),
                                            to_field_name="code")

    class Meta:
        model = ProjectLocation
        fields = ["project", "side"]


class ProjectPartnerFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(label=_("Project"), queryset=projects_seen)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), to_field_name="code")
    side = django_filters.ModelChoiceFilter(label=_("Side"), queryset=Side.objects.all(),
                                            to_field_name="code", field_name="organisation__side")

    class Meta:
        model = ProjectPartner
        fields = ["project", "organisation", "side", "role"]


class MilestoneFilterSet(FilterSet):
    project = django_filters.ModelChoiceFilter(label=_("Project"), queryset=projects_seen)
    side = django_filters.ModelChoiceFilter(label=_("Side"), queryset=Side.objects.all(),
                                            to_field_name="code")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte",
                                          label=_("From"))
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte",
                                           label=_("To"))

    class Meta:
        model = Milestone
        fields = ["project", "side", "status", "due_after", "due_before"]
