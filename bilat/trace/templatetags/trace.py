"""``{% trace_link "decision" record.pk %}``: the link from a record's page to its trace."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def trace_link(kind: str, pk: int) -> str:
    return format_html('<a class="trace-link" href="{}">{}</a>',
                       reverse("trace:record", args=[kind, pk]),
                       _("Trace: where it comes from, what it led to"))
