"""Forms for targets and their actual values."""

from django import forms
from django.utils.html import format_html
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


def cited_in_english(form: forms.ModelForm, *names: str) -> None:
    """Mark the fields ``names`` of ``form`` as citations: kept in English, as the registry of
    cited sources reads them (``core.citations``), and so declared ``lang="en"``; pages show
    them in the reader's language."""
    for name in names:
        field = form.fields[name]
        field.widget.attrs["lang"] = "en"
        note = _("Written in English, as cited: pages show the names and dates of the sources "
                 "in the reader's language.")
        field.help_text = f"{field.help_text} {note}" if field.help_text else note


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
        cited_in_english(self, "horizon_note", "source")
        if decision_queryset is not None:
            self.fields["decision"].queryset = decision_queryset


class ActualValueForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The commission's own bases, then the others (the model checks the value).
        self.fields["basis"].widget = forms.Select(choices=self.instance.basis_choices())
        cited_in_english(self, "source")

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The example is a code, not a word of the reader's language: shown as code.
        self.fields["code"].help_text = format_html(
            _("A short code the charts key the theme by, such as {code}."),
            code=format_html("<code>{}</code>", "fertilisers"))
