"""Texts in the reader's language on a page: saying so when a text is shown in another language
than the reader's, and the dates of a cited source written in the reader's."""

import html

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData

from bilat.core.citations import citation, month_span
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



@register.filter(name="citation")
def citation_filter(text) -> str:
    """A source as cited, its dates in the reader's language: ``{{ project.sources|citation }}``
    ("Kazinform, 7 авг. 2024 г." to a reader of Russian)."""
    if not text:
        return text
    if isinstance(text, SafeData):  # escaped already ("sources|join:'; '"): read, then escape
        return escape(citation(html.unescape(str(text))))
    return citation(str(text))


@register.filter(name="month_span")
def month_span_filter(first, last) -> str:
    """The months from one date to another in the reader's language:
    ``{{ actual.period_start|month_span:actual.period_end }}`` ("янв. — апр. 2023 г.")."""
    return month_span(first, last)
