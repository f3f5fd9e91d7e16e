"""Forms for projects: the shared record, its parts (partners, locations, milestones), progress."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bilat.core.models import AccessTier
from bilat.core.pages import PartForm

from .models import Milestone, Project, ProjectLocation, ProjectPartner

PROJECT_FIELDS = [
    "code", "title_en", "title_ru", "description_en", "description_ru", "kind", "sector",
    "stage", "parent", "aggregation_eligible", "value_planned", "value_invested", "currency",
    "fx_rate_on", "value_planned_usd", "value_invested_usd", "jobs_planned", "jobs_created",
    "capacity_value", "capacity_unit_en", "capacity_unit_ru", "planned_start_on",
    "planned_end_on", "actual_start_on", "actual_end_on", "progress_pct", "access_tier",
    "provenance", "sources_en", "sources_ru", "launched_by",
]


class VersionField(forms.IntegerField):
    """The version the editor loaded, sent back so a stale save is refused."""

    widget = forms.HiddenInput


class ProjectForm(forms.ModelForm):
    version = VersionField(required=False)
    reason = forms.CharField(label=_("Reason for the change"), required=False)

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            f: forms.DateInput(attrs={"type": "date"})
            for f in ("fx_rate_on", "planned_start_on", "planned_end_on", "actual_start_on",
                      "actual_end_on")
        }

    def __init__(self, *args, launched_by_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["parent"].queryset = Project.objects.exclude(pk=self.instance.pk)
        if launched_by_queryset is not None:
            self.fields["launched_by"].queryset = launched_by_queryset

    def changes(self) -> dict:
        """The shared fields as entered (many-to-many and bookkeeping fields apart)."""
        data = dict(self.cleaned_data)
        for name in ("version", "reason", "launched_by"):
            data.pop(name, None)
        return data


class ProgressForm(forms.Form):
    version = VersionField()
    progress_pct = forms.IntegerField(label=_("Progress %"), min_value=0, max_value=100,
                                      required=False)
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0, required=False)
    value_invested = forms.DecimalField(label=_("Value invested to date"), min_value=0,
                                        max_digits=18, decimal_places=2, required=False)
    reason = forms.CharField(label=_("Note"), required=False)


class MilestoneStatusForm(forms.Form):
    version = VersionField(required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
    progress_pct = forms.IntegerField(label=_("Progress %"), min_value=0, max_value=100,
                                      required=False)
    reason = forms.CharField(label=_("Note"), required=False)


class PartnerForm(PartForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role"]


class LocationForm(PartForm):
    # Range checked here too so that the field, not the form, carries the error.
    latitude = forms.DecimalField(label=_("Latitude"), min_value=-90, max_value=90,
                                  max_digits=9, decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("Longitude"), min_value=-180, max_value=180,
                                   max_digits=9, decimal_places=6, required=False)

    class Meta:
        model = ProjectLocation
        fields = ["side", "region_en", "region_ru", "place_en", "place_ru", "latitude",
                  "longitude"]

    def clean(self):
        data = super().clean()
        if "latitude" in self.errors or "longitude" in self.errors:
            return data
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            missing = "longitude" if data.get("longitude") is None else "latitude"
            self.add_error(missing, _("Give both coordinates, or neither."))
        return data


class MilestoneForm(PartForm):
    class Meta:
        model = Milestone
        fields = ["side", "title_en", "title_ru", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}


class FigureRecordForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    access_tier = forms.ChoiceField(label=_("Published to"), choices=AccessTier.choices,
                                    initial=AccessTier.PUBLIC, required=False)
