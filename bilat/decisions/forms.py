"""Forms of the decision pages: they parse input; the services decide and write."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import sides_of
from bilat.core.models import Provenance
from bilat.directory.models import Organisation

from .models import Decision, DecisionSide
from .services import check_evidence

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Decision
        fields = [
            "control_number", "source_kind", "meeting", "paragraph", "source_number",
            "source_date", "paragraph_ref", "title_en", "title_ru", "text_en", "text_ru",
            "signed_language", "sector", "access_tier", "deadline_type", "issued_on", "due_on",
            "provenance",
        ]
        widgets = {"source_date": DATE, "issued_on": DATE, "due_on": DATE}

    # The form in groups, rendered as fieldsets side by side (decision_form.html).
    FIELDSETS = [
        (_("Source"), ["control_number", "source_kind", "meeting", "paragraph", "paragraph_ref",
                       "source_number", "source_date", "signed_language"]),
        (_("Text"), ["title_en", "title_ru", "text_en", "text_ru"]),
        (_("Deadline and control"), ["sector", "deadline_type", "issued_on", "due_on"]),
        (_("Access and provenance"), ["access_tier", "provenance"]),
    ]

    def __init__(self, *args, with_leads: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.select_related("body")
        self.fields["paragraph"].queryset = self.fields["paragraph"].queryset.select_related(
            "protocol__meeting")
        # Two ways to cite a paragraph: the protocol's paragraph kept in bilat, or the reference
        # as the source writes it when the protocol is not in bilat. Say which is which.
        self.fields["paragraph"].label = _("Protocol paragraph (kept in bilat)")
        self.fields["paragraph_ref"].label = _("Paragraph as cited in the source")
        self.fields["paragraph_ref"].help_text = _(
            'When the protocol is not in bilat, e.g. "п. 3.2". Leave empty when you chose a '
            "protocol paragraph above.")
        # Provenance is a statement about the record: the user makes it, it is never assumed.
        self.fields["provenance"].choices = [("", "—"), *Provenance.choices]
        self.fields["provenance"].required = True
        if not self.instance.pk and not self.is_bound:
            self.fields["provenance"].initial = ""
            self.fields["control_number"].initial = next_control_number()
            self.fields["control_number"].help_text = _(
                "Proposed: the next number after the latest decision; change it if the protocol "
                "numbers it otherwise.")
        self.sides = list(sides_of(self.instance.commission_id)) if with_leads else []
        for side in self.sides:
            self.fields[f"lead_{side.code.lower()}"] = forms.ModelChoiceField(
                label=_("Lead organisation, %(side)s") % {"side": side.code},
                queryset=Organisation.objects.filter(side=side), required=False,
                help_text=_("As named in the signed protocol; afterwards each side's secretariat "
                            "names and changes its own side's executors."),
            )
        if self.sides:
            self.fieldsets = [*self.FIELDSETS, (_("Executors named in the protocol"),
                                                [f"lead_{s.code.lower()}" for s in self.sides])]
        else:
            self.fieldsets = list(self.FIELDSETS)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def grouped_fields(self) -> list[tuple[str, list]]:
        """The fieldsets with their bound fields, for the template."""
        return [(legend, [self[name] for name in names if name in self.fields])
                for legend, names in self.fieldsets]

    def parts(self) -> list[dict]:
        return [{"side": s, "lead": self.cleaned_data.get(f"lead_{s.code.lower()}")}
                for s in self.sides]

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def next_control_number() -> str:
    """The control number after the latest decision's ("IGC21-10" → "IGC21-11", keeping the
    padding: "IGC21-09" → "IGC21-10"); empty when there is none to follow."""
    latest = Decision.objects.order_by("-pk").values_list("control_number", flat=True).first()
    match = re.fullmatch(r"(.*?)(\d+)", latest or "")
    if not match:
        return ""
    prefix, digits = match.groups()
    following = str(int(digits) + 1).zfill(len(digits))
    candidate = prefix + following
    while Decision.objects.filter(control_number=candidate).exists():
        following = str(int(following) + 1).zfill(len(digits))
        candidate = prefix + following
    return candidate


class SideStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=DecisionSide.Status.choices)
    reason = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))


class SideExecutorsForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organisation.objects.none(),
                                  required=False)
    co_executors = forms.ModelMultipleChoiceField(
        label=_("Co-executors"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, part: DecisionSide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Organisation.objects.filter(side=part.side_id)
        self.fields["co_executors"].queryset = Organisation.objects.filter(
            side__in=[part.side_id]) | Organisation.objects.filter(side__isnull=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), widget=DATE)
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 6}))
    evidence = MultipleFileField(
        label=_("Evidence"), required=False,
        help_text=_("PDF, DOCX, XLSX, PNG, JPG or TXT; at most 20 MB each."),
    )

    def clean_evidence(self):
        files = self.cleaned_data.get("evidence") or []
        errors = []
        for upload in files:
            try:
                check_evidence(upload)
            except ValidationError as exc:
                errors.extend(exc.message_dict["evidence"])
        if errors:
            raise ValidationError(errors)
        return files


class AcceptForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    return_reason = forms.CharField(label=_("Why is it returned?"),
                                    widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionRequestForm(forms.Form):
    proposed_on = forms.DateField(label=_("Proposed due date"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Answer"), choices=[("approve", _("Approve")),
                                                            ("refuse", _("Refuse"))])
    decision_note = forms.CharField(label=_("Note"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))


class RemovalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    removed_on = forms.DateField(label=_("Removed from control on"), widget=DATE)
    removal_basis = forms.CharField(label=_("Basis"), widget=forms.Textarea(attrs={"rows": 3}))


class RestoreForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Why is it restored to control?"),
                             widget=forms.Textarea(attrs={"rows": 3}))
