"""Filters over stored claims and documents: the same FilterSets serve the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bilat.core.filters import FilterSet

from .models import INDICATOR_CHOICES, VERDICT_CHOICES, Claim, Document


class ClaimFilterSet(FilterSet):
    verdict = django_filters.ChoiceFilter(label=_("Verdict"), choices=VERDICT_CHOICES)
    indicator = django_filters.ChoiceFilter(label=_("Indicator"),
                                            choices=INDICATOR_CHOICES)
    period = django_filters.CharFilter(label=_("Period"), lookup_expr="startswith")
    publisher = django_filters.CharFilter(label=_("Publisher"), field_name="document__publisher",
                                          lookup_expr="icontains")
    published_after = django_filters.DateFilter(label=_("Published on or after"),
                                                field_name="document__published_on",
                                                lookup_expr="gte")
    published_before = django_filters.DateFilter(label=_("Published on or before"),
                                                 field_name="document__published_on",
                                                 lookup_expr="lte")

    class Meta:
        model = Claim
        fields = ["verdict", "indicator", "period", "publisher", "published_after",
                  "published_before"]


class DocumentFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Text"), method="search")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Document.Lang.choices)
    source_format = django_filters.ChoiceFilter(label=_("Format"),
                                                choices=Document.Format.choices)

    class Meta:
        model = Document
        fields = ["q", "language", "source_format"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(publisher__icontains=value))
