"""Forms of the pages that keep agreements, season limits and plans."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bilat.core.models import Provenance
from bilat.core.pages import PartForm

from .models import Agreement, SeasonLimit, Site


class _VersionRequiredOnEdit(PartForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = bool(self.instance.pk)


class AgreementForm(_VersionRequiredOnEdit):
    """An ICWC protocol; on an edit it sends back the version the editor read."""

    class Meta:
        model = Agreement
        fields = ["code", "title_en", "title_ru", "reference", "reference_ru", "signed_on", "provenance"]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}


class SeasonLimitForm(_VersionRequiredOnEdit):
    """A party's limit for a season at an intake (``version``: the limit's, on an edit)."""

    class Meta:
        model = SeasonLimit
        fields = ["side", "site", "kind", "season", "year", "limit_mm3", "provenance"]

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        self.fields["site"].queryset = Site.objects.select_related("side").order_by("code")


class PlansForm(forms.Form):
    """One field per month and dekada of a limit's season; an empty field has no plan."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    provenance = forms.ChoiceField(label=_("provenance"), choices=[])
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args, limit: SeasonLimit, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.fields["provenance"].choices = Provenance.choices
        plans = {p.period: p for p in limit.plans.all()}
        self.fields["version"].initial = limit.version
        self.fields["provenance"].initial = next(
            (p.provenance for p in plans.values()), Provenance.ILLUSTRATIVE)
        for period in limit.periods():
            plan = plans.get(period)
            self.fields[period] = forms.DecimalField(
                label=period, required=False, min_value=0, max_digits=10, decimal_places=2,
                initial=plan.volume_mm3 if plan else None,
                widget=forms.NumberInput(attrs={"step": "0.01", "size": 8}))

    def volumes(self) -> dict:
        """The plans as entered, for the periods whose value changed (None: removed)."""
        current = {p.period: p.volume_mm3 for p in self.limit.plans.all()}
        return {period: self.cleaned_data[period] for period in self.limit.periods()
                if self.cleaned_data[period] != current.get(period)}
