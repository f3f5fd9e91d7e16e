"""Forms of the meeting pages."""

from django import forms

from .models import Meeting


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["body", "number", "held_on", "place_en", "place_ru", "city", "access_tier",
                  "provenance", "co_chairs"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changes(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.Meta.fields if n != "co_chairs"}
