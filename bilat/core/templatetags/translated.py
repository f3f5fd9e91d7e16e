"""Saying so on a page when a text is shown in another language than the reader's."""

from django import template
from django.utils.html import format_html

from bilat.core.languages import language_names, reader_language, shown_language, text_language

register = template.Library()


@register.filter
def language_note(record, name: str) -> str:
    """`` (in Russian)`` after a record's ``name`` text when it falls back from the reader's
    language to another; "" when it is shown in the reader's own.

    ``{{ decision.title }}{{ decision|language_note:"title" }}``
    """
    code = shown_language(record, name)
    if not code or code == reader_language():
        return ""
    return format_html(' <span class="lang-note" lang="{}">({})</span>', code,
                       language_names().get(code, code))


@register.filter
def in_its_language(field):
    """A form field that keeps a text in one language (``title_en``) with its ``lang`` set, so
    that readers, spell-checkers and screen readers know it: ``{{ field|in_its_language }}``."""
    code = text_language(field.name)
    return field.as_widget(attrs={"lang": code}) if code else field

