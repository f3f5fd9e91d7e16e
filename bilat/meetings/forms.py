"""Forms of the meeting pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bilat.core.pages import PartForm

from .models import AgendaItem, Attendance, Meeting, ProtocolParagraph


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


class AgendaItemForm(PartForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title_en", "title_ru", "sector"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_number(self):
        number = self.cleaned_data["number"]
        if (AgendaItem.objects.filter(meeting=self.meeting, number=number)
                    .exclude(pk=self.instance.pk).exists()):
            raise forms.ValidationError(
                _("Item %(number)s is already on this meeting's agenda."),
                code="unique", params={"number": number},
            )
        return number


class AttendanceForm(PartForm):
    class Meta:
        model = Attendance
        fields = ["person", "side", "role_en", "role_ru"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_person(self):
        person = self.cleaned_data["person"]
        if (Attendance.objects.filter(meeting=self.meeting, person=person)
                    .exclude(pk=self.instance.pk).exists()):
            raise forms.ValidationError(
                _("This person's attendance is already recorded."), code="unique"
            )
        return person


class ProtocolParagraphForm(PartForm):
    class Meta:
        model = ProtocolParagraph
        fields = ["number", "text_en", "text_ru"]
        widgets = {"text_en": forms.Textarea(attrs={"rows": 3}),
                   "text_ru": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if (ProtocolParagraph.objects.filter(protocol__meeting=self.meeting, number=number)
                    .exclude(pk=self.instance.pk).exists()):
            raise forms.ValidationError(
                _("Paragraph %(number)s is already in this protocol."),
                code="unique", params={"number": number},
            )
        return number
