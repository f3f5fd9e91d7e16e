"""Forms for targets and their actual values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bilat.core.pages import PartForm

from .models import ActualValue, Target, TradeTheme

TARGET_FIELDS = [
    "indicator", "title_en", "title_ru", "baseline_year", "baseline_value", "target_value",
    "horizon", "target_year", "assumed_year", "horizon_note", "decision", "access_tier",
    "provenance", "source",
]
THEME_FIELDS = ["code", "name_en", "name_ru", "name_kk", "name_uz", "hs_codes", "access_tier"]
ACTUAL_FIELDS = [
    "period_label", "period_start", "period_end", "is_full_year", "value", "basis",
    "reporting_side", "source", "provenance",
]


class VersionedForm(PartForm):
    """A form editing a versioned record: the version the editor loaded (``PartForm``) and a
    reason for the change log."""

    reason = forms.CharField(label=_("Reason for the change"), required=False)


class TargetForm(VersionedForm):
    class Meta:
        model = Target
        fields = TARGET_FIELDS

    def __init__(self, *args, decision_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if decision_queryset is not None:
            self.fields["decision"].queryset = decision_queryset


class ActualValueForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The commission's own bases, then the others (the model checks the value).
        self.fields["basis"].widget = forms.Select(choices=self.instance.basis_choices())

    class Meta:
        model = ActualValue
        fields = ACTUAL_FIELDS
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }


class TradeThemeForm(VersionedForm):
    class Meta:
        model = TradeTheme
        fields = THEME_FIELDS
