"""Which briefing pack to write: its language and file format."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .render import FORMATS

LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", "Қазақша"), ("uz", "Oʻzbekcha")]


class PackForm(forms.Form):
    lang = forms.ChoiceField(choices=LANGUAGES, required=False)
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS], required=False)

    def choice(self) -> tuple[str, str]:
        """The language (the reader's by default) and the format (PDF by default)."""
        lang = self.cleaned_data["lang"] or (get_language() or "en")[:2]
        return (lang if lang in dict(LANGUAGES) else "en"), self.cleaned_data["format"] or "pdf"
