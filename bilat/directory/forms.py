"""Forms of the directory pages: a side's organisations and people."""

from django import forms

from .models import Organisation, Person


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["code", "short_name", "short_name_ru", "name_en", "name_ru", "kind", "parent", "email",
                  "provenance"]

    def __init__(self, *args, side, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.side = side
        self.fields["parent"].queryset = Organisation.objects.filter(side=side)
        self.fields["parent"].empty_label = "—"


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name_en", "full_name_ru", "position_en", "position_ru", "organisation",
                  "email", "provenance"]

    def __init__(self, *args, side, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.side = side
        self.fields["organisation"].queryset = Organisation.objects.filter(side=side)
        self.fields["organisation"].empty_label = "—"
