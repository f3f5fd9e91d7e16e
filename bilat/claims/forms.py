"""The form a secretariat adds a press release with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bilat.core.models import AccessTier

from .models import Document


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("Plain text, HTML, Word (.docx) or PDF."))
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("Default: the first line of the release."))
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    published_on = forms.DateField(label=_("Published on"), required=False,
                                   help_text=_("YYYY-MM-DD; default: the release's dateline."))
    address = forms.URLField(label=_("Address"), max_length=500, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("From the text")), *Document.Lang.choices])
    reporter = forms.CharField(label=_("Reporting country"), max_length=2, required=False,
                               help_text=_("ISO code of the country whose statistics the "
                                           "release should use."))
    access_tier = forms.ChoiceField(label=_("Access"), choices=AccessTier.choices,
                                    initial=AccessTier.PUBLIC)
